#!/usr/bin/env bash
# Reader throughput per format on the real samples of ../shared/datasets/formats: one
# `newsindex show --no-entities --json` process per format reading that format's sample
# files as many times as makes at least MB megabytes (default 20), pinned to one core (taskset -c 0); CPU seconds
# (user+sys) from /usr/bin/time. MB/s = input bytes / CPU seconds. What is measured is the
# reader path a build runs before tagging: parsing, decoding, the HTML extraction of feed
# and mail HTML, field repair and language detection, plus show's JSON output.
#
# Usage: bench/formats.sh [BUILD_DIR] [MB]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=${1:-$root/build}
want_mb=${2:-20}
formats=${NEWSINDEX_SHARED:-$root/../shared}/datasets/formats
[ -d "$formats/rss" ] || { echo "no $formats" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '| format | files | MB read | CPU s | MB/s | articles |\n| --- | ---: | ---: | ---: | ---: | ---: |\n'
for kind in rss rdf atom nitf newsml-g2 newsml-1 eml mbox mhtml pdf; do
    dir="$work/$kind"
    mkdir -p "$dir"
    size=$(cat "$formats/$kind"/* | wc -c)
    copies=$(((want_mb * 1000000 + size - 1) / size))
    for i in $(seq 1 "$copies"); do
        for f in "$formats/$kind"/*; do cp "$f" "$dir/$i-$(basename "$f")"; done
    done
    bytes=$(cat "$dir"/* | wc -c)
    files=$(ls "$dir" | wc -l)
    /usr/bin/time -f '%U %S' -o "$work/time" taskset -c 0 "$build/newsindex" show --no-entities \
        --json "$dir" >"$work/out.json" 2>/dev/null || true
    read -r user sys < <(tail -n 1 "$work/time")
    articles=$(jq length "$work/out.json")
    awk -v b="$bytes" -v u="$user" -v s="$sys" -v k="$kind" -v f="$files" -v a="$articles" \
        'BEGIN { cpu = u + s; printf "| %s | %d | %.1f | %.2f | %.1f | %d |\n", k, f, b / 1e6, cpu, (cpu > 0 ? b / 1e6 / cpu : 0), a }'
done
