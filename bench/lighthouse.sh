#!/usr/bin/env bash
# Lighthouse scores of the pages newssearch serve gives, on a Reuters index: the search
# page with hits, the article view and an entity's page, desktop and mobile. A benchmark, not a CI gate.
#
#   bench/lighthouse.sh [BUILD_DIR]     (LIGHTHOUSE_DIR: where Lighthouse is installed)
#
# Installs Lighthouse 12 from npm (once, into $LIGHTHOUSE_DIR, default
# ~/.cache/newsindex-lighthouse), indexes ../shared's Reuters-21578 dev (else the
# project's corpus/), starts `newssearch serve` on a free port and runs Lighthouse against
# Debian's Chromium (headless) for each page and form factor, with its default throttling
# (mobile: simulated slow 4G and a 4x slower CPU). Prints each category's score and the
# cumulative layout shift, and keeps the reports under $OUT (default: a temporary folder).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
lighthouse_dir=${LIGHTHOUSE_DIR:-$HOME/.cache/newsindex-lighthouse}
chromium=$(command -v chromium || true)
[ -n "$chromium" ] || { echo "lighthouse.sh: no chromium (apt-get install chromium)" >&2; exit 2; }
command -v npm >/dev/null || { echo "lighthouse.sh: no npm (apt-get install npm)" >&2; exit 2; }
if [ ! -x "$lighthouse_dir/node_modules/.bin/lighthouse" ]; then
    mkdir -p "$lighthouse_dir"
    (cd "$lighthouse_dir" && npm install --no-audit --no-fund --loglevel=error lighthouse@12 >&2)
fi
lighthouse="$lighthouse_dir/node_modules/.bin/lighthouse"
work=$(mktemp -d)
out=${OUT:-$work/reports}
mkdir -p "$out"
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

tarball="$root/../shared/datasets/reuters21578/dev.tar.xz"
meta=()
if [ -f "$tarball" ]; then
    tar -xJf "$tarball" -C "$work"
    corpus="$work/articles"
    query="oil prices"
    meta=(--meta "$work/index.tsv")  # the articles' dates
else
    corpus="$root/corpus"
    query="Bakiyev"
fi
"$build/newsindex" build --quiet --db "$work/index" "${meta[@]}" "$corpus"
"$build/newssearch" serve --db "$work/index" --port 0 2>"$work/serve.err" &
server=$!
url=""
for _ in $(seq 100); do
    url=$(sed -n 's/^serving \(http:[^ ]*[^/]\)\/* .*/\1/p' "$work/serve.err")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "lighthouse.sh: the server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
id=$("$build/newssearch" --db "$work/index" --json "$query" --limit 1 --facets none --fields id |
    jq -r '.hits[0].id')
person=$("$build/newssearch" --db "$work/index" --json "$query" --limit 0 --facets person \
    --facet-limit 1 | jq -r '.facets.person[0].value | @uri')
q=$(jq -rn --arg q "$query" '$q | @uri')
echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"
echo "lighthouse $("$lighthouse" --version), $("$chromium" --version 2>/dev/null | head -1)"
echo "corpus: $corpus ($("$build/newssearch" --db "$work/index" --count '') articles); query: $query; entity: person $person"
printf '%-8s %-8s %11s %13s %14s %4s %6s\n' page device performance accessibility best-practices seo cls
for page in search article entity; do
    target="$url/?q=$q"
    [ "$page" == article ] && target="$url/article?id=$(jq -rn --arg i "$id" '$i | @uri')&q=$q"
    [ "$page" == entity ] && target="$url/entity?kind=person&name=$person"
    for device in desktop mobile; do
        preset=()
        [ "$device" == desktop ] && preset=(--preset=desktop)
        report="$out/$page-$device.json"
        CHROME_PATH="$chromium" "$lighthouse" "$target" "${preset[@]}" --quiet \
            --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$report" \
            --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>"$work/lighthouse.err" ||
            { echo "lighthouse failed on $target: $(tail -3 "$work/lighthouse.err")" >&2; continue; }
        jq -r --arg page "$page" --arg device "$device" '
            [$page, $device] + ([.categories[] | .score * 100 | round | tostring]) +
            [(.audits["cumulative-layout-shift"].numericValue * 1000 | round / 1000 | tostring)] |
            "\(.[0])\t\(.[1])\t\(.[2])\t\(.[3])\t\(.[4])\t\(.[5])\t\(.[6])"' "$report" |
            awk -F'\t' '{ printf "%-8s %-8s %11s %13s %14s %4s %6s\n", $1, $2, $3, $4, $5, $6, $7 }'
    done
done
echo "reports: $out"
