#!/usr/bin/env bash
# How long a no-change re-run of `newsindex build` takes over N files (default 20,000):
# it should stat every file and read none. Prints user+system CPU and wall time.
#
#   bench/noop_rerun.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-20000}
newsindex=$(cd "$build" && pwd)/newsindex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"
echo "corpus: $n generated text articles in 100 folders under $work"
for ((i = 0; i < n; i++)); do
    d="$work/news/$((i % 100))"
    [ -d "$d" ] || mkdir -p "$d"
    printf 'Story %d\n\nBody of story %d, about trade talks in Minsk.\n' "$i" "$i" >"$d/$i.txt"
done

export NEWSINDEX_DB="$work/index"
/usr/bin/env time -f '%U %S %e' true 2>/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
echo "first build:"
/usr/bin/env time -f '  cpu user %U s, system %S s, wall %e s, max RSS %M KB' "$newsindex" build --quiet --no-entities "$work/news"
for run in 1 2 3; do
    echo "no-change re-run $run:"
    /usr/bin/env time -f '  cpu user %U s, system %S s, wall %e s, max RSS %M KB' "$newsindex" build "$work/news"
done
