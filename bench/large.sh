#!/usr/bin/env bash
# newsindex alone on a large generated archive: the absolute targets of a million articles
# (build peak RSS, a no-change re-run, faceted query latency), which need no peer.
#
#   bench/large.sh N [--shards S] [--keep DIR]
#
# Generates N articles with bench/gen_corpus.py --seed 1 (reused from DIR/corpus when
# --keep names a folder that has them), builds them with `newsindex build` (S shards, default
# one database), re-runs the build three times with nothing changed, then runs every query
# of bench/queries.txt plus "said" (which matches about 70% of the archive) five times each
# with exact facets, and prints a markdown table. Times are wall clock of the whole
# process (GNU time for builds, Python's perf_counter around each newssearch), so a query's
# figure includes starting the program and opening the index.
#
# NEWSINDEX_BIN_DIR names the folder with newsindex and newssearch (default build/). The
# work folder (TMPDIR, default /tmp) is removed at the end unless --keep names one.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: bench/large.sh N [--shards S] [--keep DIR]" >&2; exit 2; }
[ $# -ge 1 ] || usage
articles=$1
shift
case "$articles" in '' | *[!0-9]* | 0) usage ;; esac
shards=0
keep=
while [ $# -gt 0 ]; do
    case "$1" in
        --shards) [ $# -ge 2 ] || usage; shards=$2; shift ;;
        --keep) [ $# -ge 2 ] || usage; keep=$2; shift ;;
        *) usage ;;
    esac
    shift
done

bin=${NEWSINDEX_BIN_DIR:-$repo/build}
for tool in "$bin/newsindex" "$bin/newssearch"; do
    [ -x "$tool" ] || { echo "large.sh: $tool not found (build it, or set NEWSINDEX_BIN_DIR)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "large.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
tarball="$repo/../shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "large.sh: the Reuters-21578 dataset is absent: $tarball not found" >&2; exit 1; }

if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/newsindex-large.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
corpus="$work/corpus"
db="$work/db"

if [ "$(cat "$work/corpus.articles" 2>/dev/null)" != "$articles" ]; then
    echo "large.sh: generating $articles articles" >&2
    rm -rf "$corpus"
    python3 "$repo/bench/gen_corpus.py" --articles "$articles" --seed 1 --reuters "$tarball" \
        "$corpus" >&2
    echo "$articles" >"$work/corpus.articles"
fi

measure() {  # label, command...: appends "label wall_s rss_kb" to $work/times
    local label=$1
    shift
    /usr/bin/time -f "$label %e %M" -a -o "$work/times" "$@"
}

rm -rf "$db" "$work/times"
shard_args=()
[ "$shards" -gt 0 ] && shard_args=(--shards "$shards")
echo "large.sh: building" >&2
measure build "$bin/newsindex" build "$corpus" --db "$db" -q "${shard_args[@]}"
for run in 1 2 3; do
    echo "large.sh: no-change re-run $run" >&2
    measure no-change "$bin/newsindex" build "$corpus" --db "$db" -q
done
size=$(du -sk "$db" | cut -f1)

echo "large.sh: queries" >&2
python3 - "$bin/newssearch" "$db" "$repo/bench/queries.txt" "$work/times" "$size" "$articles" \
    "$shards" <<'PY'
import statistics, subprocess, sys, time

newssearch, db, queries_file, times_file, size_kb, articles, shards = sys.argv[1:8]
queries = [line.strip() for line in open(queries_file)
           if line.strip() and not line.startswith("#")]
queries.append("said")


def timed(query):
    start = time.perf_counter()
    out = subprocess.run([newssearch, "--db", db, "--json", query], capture_output=True)
    if out.returncode != 0:
        sys.exit(f"large.sh: newssearch failed on {query!r}: {out.stderr.decode().strip()}")
    return (time.perf_counter() - start) * 1000


per_query = {q: statistics.median(timed(q) for _ in range(5)) for q in queries}
latencies = sorted(per_query.values())
p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
slowest = max(per_query, key=per_query.get)

runs = {}
for line in open(times_file):
    label, wall, rss = line.split()
    runs.setdefault(label, []).append((float(wall), int(rss)))
build_wall, build_rss = runs["build"][0]
nochange = [wall for wall, _ in runs["no-change"]]
nochange_rss = max(rss for _, rss in runs["no-change"])

layout = f"{shards} shards" if shards != "0" else "one database"
print(f"### {int(articles):,} generated articles ({layout})\n")
print("| figure | target | measured |")
print("| --- | --- | --- |")
print(f"| build, wall | | {build_wall:.0f} s |")
print(f"| build, peak RSS | ≤ 1 GB | {build_rss / 1024:.0f} MB |")
print(f"| no-change re-run, wall (median of 3) | ≤ 10 s | {statistics.median(nochange):.2f} s "
      f"(peak RSS {nochange_rss / 1024:.0f} MB) |")
print(f"| query p50, exact facets | | {statistics.median(latencies):.1f} ms |")
print(f"| query p95, exact facets | ≤ 150 ms | {p95:.1f} ms |")
print(f"| slowest query | | {slowest!r}: {per_query[slowest]:.1f} ms |")
print(f"| index size | | {int(size_kb) / 1024:.0f} MB |")
print()
print(f"Measured by `bench/large.sh {articles}{' --shards ' + shards if shards != '0' else ''}`: "
      "`bench/gen_corpus.py --seed 1`, then `/usr/bin/time` around `newsindex build` and three "
      "no-change re-runs; each query of bench/queries.txt plus `said` run five times as "
      "`newssearch --json` (exact totals and facets), whole process, the median per query, "
      "then p50 and p95 over the queries.")
PY
