#!/usr/bin/env bash
# Stories on Reuters-21578 dev (../shared): the build's cost of fingerprints (against a
# build of newsindex without them, when BASE_BUILD_DIR names one), the index size, how
# many stories have more than one version, and a sample of them to judge by hand.
#
#   [ROUNDS=2] bench/stories_reuters.sh [BUILD_DIR] [BASE_BUILD_DIR] [SAMPLE]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
base=${2:-}
sample=${3:-20}
shared=$(cd "$(dirname "$0")/../.." && pwd)/shared
tarball="$shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "skipped: $tarball not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"

timed_build() {  # timed_build BUILD_DIR DB
    /usr/bin/env time -f '%e s wall, %U s user' "$1/newsindex" build --quiet --db "$2" \
        "$work/articles" 2>&1 | tail -1
}
rounds=${ROUNDS:-2}
for round in $(seq "$rounds"); do
    if [ -n "$base" ]; then
        echo "without stories (round $round): $(timed_build "$base" "$work/base")"
        [ "$round" -eq "$rounds" ] || rm -rf "$work/base"
    fi
    echo "with stories (round $round): $(timed_build "$build" "$work/index")"
    [ "$round" -eq "$rounds" ] || rm -rf "$work/index"
done
[ -n "$base" ] && echo "index size without stories: $(du -sk "$work/base" | cut -f1) KB"
echo "index size with stories: $(du -sk "$work/index" | cut -f1) KB"

"$build/newssearch" --db "$work/index" --json '' --limit 1000000 --facets none \
    --fields id,title,date,story,story_size,snippet >"$work/all.json"
jq -r '"articles: \(.total)"' "$work/all.json"
jq -r '[.hits[] | .story] | unique | "stories: \(length)"' "$work/all.json"
jq -r '[.hits[] | select(.story_size > 1) | .story] | unique |
       "stories with more than one version: \(length)"' "$work/all.json"
jq -r '[.hits[] | select(.story_size > 1)] | "articles in them: \(length)"' "$work/all.json"
jq -r '[.hits[] | select(.story_size > 1)] | group_by(.story) | map(length) |
       group_by(.) | map("  \(length) stories of \(.[0]) versions") | .[]' "$work/all.json"

echo "sample of $sample multi-version stories (every 1 in N, by story id):"
jq -r --argjson n "$sample" '[.hits[] | select(.story_size > 1)] | group_by(.story) |
    . as $s | [range(0; $n)] | map($s[(. * ($s | length) / $n | floor)]) | .[] |
    "== story \(.[0].story) (\(length) versions)",
    (.[] | "  \(.id) \(.date) \(.title)\n     \(.snippet[0:160])")' "$work/all.json"

query='"interest rates"'
for collapse in "" --collapse; do
    start=$(date +%s%N)
    for _ in $(seq 20); do
        "$build/newssearch" --db "$work/index" --json $collapse "$query" >/dev/null
    done
    echo "query $query ${collapse:-(no collapse)}: $((($(date +%s%N) - start) / 20000000)) ms per search"
done
"$build/newssearch" --db "$work/index" --color never --collapse --limit 5 'person:"James Baker"'
