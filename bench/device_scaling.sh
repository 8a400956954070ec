#!/usr/bin/env bash
# How a build scales with cores, measured on a machine without the build tools: the
# binaries travel in a bundle with their shared libraries and loader.
#
#   bench/device_scaling.sh pack BUNDLE_DIR       # here: newsindex, omindex, libs, model, data
#   bench/device_scaling.sh run BUNDLE_DIR [N]    # there: Reuters dev and N generated articles
#
# BUILD_DIR (default build) says which newsindex to pack; QUICK=1 measures only --jobs 16
# and the shards, for a second look within a small time budget.
#
# `run` builds the same corpus with newsindex --jobs 1, 2, 4, 8 and 16, with 4 and 8 shards,
# and with omindex, in one run on one machine, and prints a markdown table of wall time,
# CPU time and peak RSS (GNU time is not assumed: /proc is read by a small wrapper).
set -euo pipefail
mode=${1:?usage: $0 pack|run BUNDLE_DIR [ARTICLES]}
bundle=${2:?usage: $0 pack|run BUNDLE_DIR [ARTICLES]}
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "$mode" == pack ]; then
    rm -rf "$bundle" && mkdir -p "$bundle/stage/bin" "$bundle/stage/lib" "$bundle/stage/share"
    cp "$root/${BUILD_DIR:-build}/newsindex" "$(command -v omindex)" "$bundle/stage/bin/"
    for binary in "$bundle"/stage/bin/*; do
        ldd "$binary" | awk '/=>/ { print $3 }' | xargs -r cp -L -t "$bundle/stage/lib/"
    done
    cp -L /lib64/ld-linux-x86-64.so.2 "$bundle/stage/lib/"
    cp -L /usr/lib/file/magic.mgc "$bundle/stage/share/" 2>/dev/null || true
    cp "$root/models/ner.model" "$root/models/aliases.tsv" "$bundle/stage/share/"
    cp "$root/bench/gen_corpus.py" "$bundle/stage/"
    cp "$root/../shared/datasets/reuters21578/dev.tar.xz" "$bundle/stage/"
    tar -C "$bundle/stage" -cJf "$bundle/bundle.tar.xz" .
    rm -rf "$bundle/stage"
    ls -la "$bundle"
    exit 0
fi

articles=${3:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xJf "$bundle/bundle.tar.xz"
loader="$work/lib/ld-linux-x86-64.so.2 --library-path $work/lib"
export MAGIC="$work/share/magic.mgc" NEWSINDEX_MODEL="$work/share/ner.model"
mkdir -p "$work/reuters" && tar -C "$work/reuters" -xJf "$work/dev.tar.xz"
# SMOKE=N keeps N Reuters articles: a quick check of the harness itself.
[ -n "${SMOKE:-}" ] && find "$work/reuters/articles" -type f | sort | tail -n +"$((SMOKE + 1))" | xargs rm -f
corpora=("$work/reuters/articles")
if [ "$articles" -gt 0 ] && command -v python3 >/dev/null; then
    start=$(date +%s.%N)
    python3 "$work/gen_corpus.py" --articles "$articles" --seed 1 --reuters "$work/dev.tar.xz" \
        "$work/gen" >/dev/null
    echo "generated $articles articles in $(awk "BEGIN { print $(date +%s.%N) - $start }") s"
    corpora+=("$work/gen")
fi

# measure NAME CMD...: wall, user+sys CPU and peak RSS of CMD and its children.
measure() {
    local name=$1 start end
    shift
    start=$(date +%s.%N)
    "$@" >"$work/out.txt" 2>&1 || { echo "$name failed:"; tail -5 "$work/out.txt"; }
    end=$(date +%s.%N)
    local cpu rss
    read -r cpu rss < <(awk '{ print $1, $2 }' "$work/usage.txt" 2>/dev/null || echo "- -")
    printf '| %s | %.1f | %s | %s |\n' "$name" "$(awk "BEGIN { print $end - $start }")" "$cpu" "$rss"
}
# usage CMD...: runs CMD, then writes "cpu_seconds peak_rss_MB" of its children to usage.txt.
usage() {
    python3 - "$work/usage.txt" "$@" <<'PY'
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:], check=False).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_utime + r.ru_stime:.1f} {r.ru_maxrss // 1024}\n")
sys.exit(code)
PY
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
# build CORPUS NAME OPTIONS...: one newsindex build from scratch.
build() {
    local corpus=$1 name=$2
    shift 2
    rm -rf "$work/db"
    measure "$name" usage $loader "$work/bin/newsindex" build "$corpus" --db "$work/db" -q "$@"
}
for corpus in "${corpora[@]}"; do
    n=$(find "$corpus" -type f | wc -l)
    echo
    echo "corpus: $corpus ($n files)"
    echo "| build | wall s | CPU s | peak RSS MB |"
    echo "|---|---:|---:|---:|"
    rm -rf "$work/omega"
    measure "omindex" usage $loader "$work/bin/omindex" --db "$work/omega" --url / "$corpus"
    # The small corpus shows the curve; the large one only the wide end.
    if [ "$n" -lt 50000 ] && [ -z "${QUICK:-}" ]; then jobs_list="1 2 4 8 16"; else jobs_list="16"; fi
    for jobs in $jobs_list; do build "$corpus" "newsindex --jobs $jobs" --jobs "$jobs"; done
    for shards in 4 8; do build "$corpus" "newsindex --shards $shards" --shards "$shards"; done
    [ -n "${QUICK:-}" ] || build "$corpus" "newsindex --shards 8 --no-entities" --shards 8 --no-entities
done
