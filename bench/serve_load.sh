#!/usr/bin/env bash
# Load on `newssearch serve` while `newsindex build` adds articles to the same index:
# every response must be 200 with a JSON search document. Prints how it was measured,
# p50/p95/max latency and the index before and after. Under 60 s on 2 cores.
#
#   bench/serve_load.sh [INDEX_SOURCE]
#
# INDEX_SOURCE: a folder of articles to index first. Default: 1000 Reuters-21578 articles
# from ../shared (dated by folder), else corpus/ with 1000 generated reports. The build
# during the load adds up to 2000 more, in rounds of 250, committing every 100; it is
# stopped (SIGTERM: it commits and exits 143) when the load is over. BUILD_DIR (default
# build) holds the binaries; REQUESTS (400) and CONCURRENCY (200) size the load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
requests=${REQUESTS:-400}
concurrency=${CONCURRENCY:-200}
python=/usr/bin/python3  # Debian's: the load client needs its standard library only
work=$(mktemp -d)
server=""
builder=""
cleanup() {
    [ -z "$builder" ] || kill "$builder" 2>/dev/null || true
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export NEWSINDEX_DB="$work/index"
source "$root/tests/e2e/reuters_sample.sh"
bench_start=$(date +%s%N)

tarball="$root/../shared/datasets/reuters21578/dev.tar.xz"
mkdir -p "$work/articles" "$work/incoming"
if [ -n "${1:-}" ]; then
    source_desc="$1"
    cp -r "$1/." "$work/articles/"
elif [ -f "$tarball" ]; then
    source_desc="1000 Reuters-21578 articles (shared/datasets/reuters21578/dev.tar.xz)"
    reuters_sample "$tarball" "$work/articles" 1000 9000
else
    source_desc="corpus/ and 1000 generated reports (no Reuters in ../shared)"
    cp "$root/corpus/"*.txt "$work/articles/"
fi
# What the build during the load adds, in rounds of about 250 articles: each round a
# folder that one rename moves into the indexed folder. Without Reuters, generated
# reports (the first 1000 go into the initial index).
if [ -f "$tarball" ]; then
    reuters_sample "$tarball" "$work/sampled" 2000 0 9000
    round=0 in_round=0
    while IFS= read -r day; do  # ./1987/03/02: whole days, so dates stay in the path
        mkdir -p "$work/incoming/round-$round/$(dirname "$day")"
        in_round=$((in_round + $(find "$work/sampled/$day" -type f | wc -l)))
        mv "$work/sampled/$day" "$work/incoming/round-$round/$day"
        if [ "$in_round" -ge 250 ]; then round=$((round + 1)) in_round=0; fi
    done < <(cd "$work/sampled" && find . -mindepth 3 -maxdepth 3 -type d | sort)
else
    for ((i = 0; i < 3000; i++)); do
        dir="$work/articles/gen/$((i % 50))"
        ((i < 1000)) || dir="$work/incoming/round-$(((i - 1000) / 250))/gen/$((i % 50))"
        mkdir -p "$dir"
        printf 'Report %d on trade\n\nDispatch %d. Officials met in Geneva to discuss trade, tariffs and rates. Word%d.\n' \
            "$i" "$i" "$i" >"$dir/report-$i.txt"
    done
fi
mapfile -t rounds < <(cd "$work/incoming" && find . -mindepth 1 -maxdepth 1 -type d | sort -V)

echo "## Web server load"
echo
echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), $(uname -srm), $(free -g | awk '/^Mem:/ {print $2}') GB"
echo "date: $(date -u +%FT%TZ); binaries: $build"
echo "index source: $source_desc"
start=$(date +%s%N)
"$build/newsindex" build --quiet "$work/articles"
echo "initial build: $("$build/newssearch" --count '') articles in $((($(date +%s%N) - start) / 1000000)) ms"

"$build/newssearch" serve --port 0 2>"$work/serve.err" &
server=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|^serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.err")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.err"; echo "serve did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
echo "server: newssearch serve --port 0 (8 worker threads, the default), $url"

# The builder: moves a round into the indexed folder and runs a build that commits every
# 100 articles, round after round, until the load is over (then SIGTERM stops the build:
# it commits what it did and exits 143) or no round is left.
mkdir -p "$work/articles/new"
(
    for round in "${rounds[@]}"; do
        [ -e "$work/load-done" ] && break
        mv "$work/incoming/$round" "$work/articles/new/$round"
        "$build/newsindex" build --quiet --batch 100 "$work/articles" >>"$work/build.err" 2>&1 &
        echo $! >"$work/build.pid"
        rc=0
        wait $! || rc=$?
        [ "$rc" -eq 0 ] || [ "$rc" -eq 143 ] || { echo "newsindex build: exit $rc" >&2; cat "$work/build.err" >&2; exit 1; }
        echo "$round" >"$work/rounds-done"
    done
) &
builder=$!
initial=$("$build/newssearch" --count '')
# The load starts once the build has committed its first articles: it goes on adding and
# committing while the requests come in.
for _ in $(seq 300); do
    [ "$(curl -s "$url/healthz" | sed -n 's/.*"articles":\([0-9]*\).*/\1/p')" -gt "$initial" ] && break
    sleep 0.05
done
before=$(curl -s "$url/healthz" | sed -n 's/.*"articles":\([0-9]*\).*/\1/p')
echo "load: $requests requests from $concurrency client threads (python3 urllib, one connection each)"
set +e
"$python" "$root/bench/serve_load.py" "$url" --requests "$requests" --concurrency "$concurrency"
load_rc=$?
set -e
touch "$work/load-done"
after=$(curl -s "$url/healthz" | sed -n 's/.*"articles":\([0-9]*\).*/\1/p')
echo "index during the load: $before articles at its start, $after at its end (a build adding rounds of ~250, committing every 100)"
kill -TERM "$(cat "$work/build.pid")" 2>/dev/null || true
wait "$builder" || { echo "the concurrent build failed" >&2; load_rc=1; }
builder=""
[ ! -s "$work/build.err" ] || echo "the build, stopped when the load ended: $(tail -n 1 "$work/build.err")"
kill -TERM "$server"
wait "$server" || { echo "serve did not exit 0 on SIGTERM" >&2; load_rc=1; }
server=""
[ "$(wc -l <"$work/serve.err")" -eq 1 ] || { echo "serve wrote to stderr:"; cat "$work/serve.err"; load_rc=1; }
echo "total bench time: $((($(date +%s%N) - bench_start) / 1000000)) ms"
[ "$load_rc" -eq 0 ] && echo "result: ok, no errors" || echo "result: FAILED"
exit "$load_rc"
