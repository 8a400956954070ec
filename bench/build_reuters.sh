#!/usr/bin/env bash
# Indexes the Reuters-21578 dev articles from ../shared (18,880 articles) and runs the
# issue's example query. Prints build time, index size and query latency, and the same for
# omindex (xapian-omega) over the same files in the same run when it is installed, since
# this machine is shared and only a peer measured beside us says how fast we are.
#
#   bench/build_reuters.sh [BUILD_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
shared=$(cd "$(dirname "$0")/../.." && pwd)/shared
tarball="$shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "skipped: $tarball not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"
tar -xJf "$tarball" -C "$work"
export NEWSINDEX_DB="$work/index"
echo "build: newsindex build $work/articles"
/usr/bin/env time -f 'cpu user %U s, system %S s, wall %e s, max RSS %M KB' "$build/newsindex" build "$work/articles"
echo "index size: $(du -sh "$NEWSINDEX_DB" | cut -f1)"
query='"interest rates" AND (fed OR bundesbank)'
echo "query: newssearch '$query' --limit 5"
"$build/newssearch" --color never --limit 5 "$query"
echo "latency over 20 runs of the query (exact totals and facets):"
start=$(date +%s%N)
for _ in $(seq 20); do "$build/newssearch" --json "$query" >/dev/null; done
echo "  $(( ($(date +%s%N) - start) / 20000000 )) ms per search, process start included"

if command -v omindex >/dev/null; then
    echo "peer: omindex --db $work/omega --url / $work/articles ($(omindex --version | head -1))"
    /usr/bin/env time -f 'cpu user %U s, system %S s, wall %e s, max RSS %M KB' \
        omindex --db "$work/omega" --url / "$work/articles" >/dev/null
    echo "peer index size: $(du -sh "$work/omega" | cut -f1)"
else
    echo "peer: omindex not installed (apt-get install xapian-omega), not measured"
fi
