#!/usr/bin/env bash
# Incremental runs with stories (Reuters-21578 dev, ../shared): a run that adds 1% new
# versions of articles already indexed, against one that adds 1% unrelated articles. The
# first must take no longer: a version costs its candidate look-ups and the comparison
# with its original, an unrelated article the same look-ups that find nothing.
#
#   [ROUNDS=3] [SHARDS=1] bench/stories_incremental.sh [BUILD_DIR]
#
# The dev set less every 100th article is indexed once (the base). The unrelated 1% are
# those held-out articles; the versions are as many indexed articles, each with a new
# headline and its last paragraph dropped. Each round copies
# the base index twice and times one incremental `newsindex build` on each, alternating
# which runs first; the medians and their ratio are printed, and how many versions
# joined their original's story.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
rounds=${ROUNDS:-3}
shards=${SHARDS:-1}
shared=$(cd "$(dirname "$0")/../.." && pwd)/shared
tarball="$shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "skipped: $tarball not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ); shards: $shards"

mkdir -p "$work/base-news" "$work/unrelated" "$work/versions"
n=0
for file in "$work"/articles/*.txt; do
    n=$((n + 1))
    if [ $((n % 100)) -eq 0 ]; then
        mv "$file" "$work/unrelated/"
    else
        mv "$file" "$work/base-news/"
    fi
done
# Versions of every 50th indexed article of three paragraphs or more: a new headline,
# the last paragraph dropped (no sentence added: one sentence added to every version
# would be boilerplate that chains short articles into one story).
python3 - "$work/base-news" "$work/versions" "$(ls "$work/unrelated" | wc -l)" <<'PY'
import os, sys
src, dst, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
made = 0
for i, name in enumerate(sorted(os.listdir(src))):
    if made == wanted:
        break
    if i % 50 != 0:
        continue
    parts = open(os.path.join(src, name), encoding="utf-8", errors="replace").read().split("\n\n")
    title, body = parts[0], [p for p in parts[1:] if p.strip()]
    if len(body) < 4:  # the dateline and three paragraphs
        continue
    with open(os.path.join(dst, "version-" + name), "w", encoding="utf-8") as out:
        out.write("UPDATE - " + title + "\n\n" + "\n\n".join(body[:-1]) + "\n")
    made += 1
print(f"{made} versions made, {wanted} unrelated articles held out")
PY

"$build/newsindex" build --quiet --db "$work/base" --shards "$shards" "$work/base-news"
echo "base: $("$build/newssearch" --db "$work/base" --count '') articles"

timed_run() {  # timed_run KIND: copies the base, adds the KIND files, prints the seconds
    rm -rf "$work/index"
    cp -a "$work/base" "$work/index"
    cp "$work/$1"/* "$work/base-news/"
    local start end
    start=$(date +%s%N)
    "$build/newsindex" build --quiet --db "$work/index" "$work/base-news"
    end=$(date +%s%N)
    for file in "$work/$1"/*; do rm -f "$work/base-news/$(basename "$file")"; done
    echo $(((end - start) / 1000000))
}
versions_ms=() unrelated_ms=()
for round in $(seq "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then
        versions_ms+=("$(timed_run versions)")
        joined=$("$build/newssearch" --db "$work/index" --json 'title:update' --limit 1000 \
            --facets none --fields story_size | jq '[.hits[] | select(.story_size > 1)] | length')
        unrelated_ms+=("$(timed_run unrelated)")
    else
        unrelated_ms+=("$(timed_run unrelated)")
        versions_ms+=("$(timed_run versions)")
    fi
    echo "round $round: versions ${versions_ms[-1]} ms, unrelated ${unrelated_ms[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mv=$(median "${versions_ms[@]}")
mu=$(median "${unrelated_ms[@]}")
echo "versions that joined a story of two or more: $joined of $(ls "$work/versions" | wc -l)"
echo "median: versions $mv ms, unrelated $mu ms, ratio $(awk -v a="$mv" -v b="$mu" 'BEGIN { printf "%.2f", a / b }') (target <= 1.0)"
