#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a while.
#
#   scripts/fuzz.sh [--update-corpus] [--keep-going] [SECONDS_PER_TARGET (60)] [BUILD_DIR (build-fuzz)]
#
# Each target first replays fuzz/regressions/<target>/ (inputs that once crashed), then
# fuzzes a scratch copy of fuzz/corpus/<target>, so the tree stays clean in CI;
# --update-corpus merges the new interesting inputs back into fuzz/corpus/<target>.
# --keep-going fuzzes on after a crash (libFuzzer's fork mode), to get past a known bug.
# Exits 1 when any target crashed, timed out or ran out of memory (the reproducer's path
# is printed), 2 on usage or build errors.
set -euo pipefail

usage() { echo "usage: $0 [--update-corpus] [SECONDS_PER_TARGET] [BUILD_DIR]" >&2; exit 2; }

update_corpus=false
keep_going=false
positional=()
for arg in "$@"; do
    case $arg in
        --update-corpus) update_corpus=true ;;
        --keep-going) keep_going=true ;;
        -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) usage ;;
        *) positional+=("$arg") ;;
    esac
done
[ "${#positional[@]}" -le 2 ] || usage
seconds=${positional[0]:-60}
[[ $seconds =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${positional[1]:-build-fuzz}
targets=(fuzz_text_reader fuzz_html_reader fuzz_json_reader fuzz_jsonl_reader fuzz_xml_reader
    fuzz_mail_reader fuzz_pdf_reader fuzz_markdown_reader fuzz_archive_reader fuzz_metadata_table
    fuzz_query_parser fuzz_serve_request)

mkdir -p "$build"
echo "== building the fuzz targets in $build (log: $build/fuzz-build.log)"
if ! { CC=clang CXX=clang++ cmake -S . -B "$build" -DNEWSINDEX_FUZZ=ON -DNEWSINDEX_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
    cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"; } >"$build/fuzz-build.log" 2>&1; then
    tail -n 30 "$build/fuzz-build.log"
    echo "fuzz.sh: building the fuzz targets failed" >&2
    exit 2
fi

# Stack traces for UBSan too; symbolized by llvm-symbolizer when it is on PATH.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if ! command -v llvm-symbolizer >/dev/null; then
    for candidate in /usr/lib/llvm-*/bin/llvm-symbolizer; do
        [ -x "$candidate" ] && export ASAN_SYMBOLIZER_PATH=$candidate && break
    done
fi

work="$build/fuzz-runs"
rm -rf "$work"
failed=()
# Leaks inside Debian's libraries (fontconfig under poppler) are not ours to fix.
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
rows=()
for target in "${targets[@]}"; do
    binary="$build/$target"
    dir="$work/$target"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    # Dictionaries are optional: they help the structured formats get past the syntax.
    extra=()
    [ -f "fuzz/dict/$target.dict" ] && extra+=(-dict="fuzz/dict/$target.dict")
    # Xapian 1.4 leaks a little on every query a field processor rejects; each leak
    # makes libFuzzer scan the heap, which cuts this target from ~6000 to ~100 exec/s.
    [ "$target" = fuzz_query_parser ] && extra+=(-detect_leaks=0)
    $keep_going && extra+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    status=ok

    regressions=(fuzz/regressions/"$target"/*)
    if [ -e "${regressions[0]}" ]; then
        echo "== $target: replaying ${#regressions[@]} regression input(s)"
        if ! "$binary" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 "${regressions[@]}" \
            >"$dir/regressions.log" 2>&1; then
            status="REGRESSION"
            failed+=("$target")
            grep -aE 'ERROR|^fuzz: |SUMMARY:|^Running:' "$dir/regressions.log" | tail -n 6 || true
            echo "fuzz.sh: $target fails on an input of fuzz/regressions/$target (log: $dir/regressions.log)"
        fi
    fi

    [ -d "fuzz/corpus/$target" ] && cp -r "fuzz/corpus/$target/." "$dir/corpus/"
    echo "== $target: fuzzing for $seconds s"
    rc=0
    "$binary" "$dir/corpus" "${extra[@]}" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
        >"$dir/fuzz.log" 2>&1 || rc=$?

    # "Done 123456 runs in 60 second(s)" ends a run that found nothing. After a crash,
    # or in fork mode, the last status line ("#123456 ... exec/s: N ... time: Ns") is
    # the best there is. (-a: the log quotes the binary inputs.)
    runs=- secs=- rate=-
    if done_line=$(grep -aE '^Done [0-9]+ runs in [0-9]+ second' "$dir/fuzz.log" | tail -n 1); then
        runs=$(awk '{print $2}' <<<"$done_line")
        secs=$(awk '{print $5}' <<<"$done_line")
        rate=$((runs / (secs > 0 ? secs : 1)))
    elif status_line=$(grep -aE '^#[0-9]+' "$dir/fuzz.log" | tail -n 1); then
        runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$status_line")
        rate=$(sed -nE 's/.*exec\/s:? ([0-9]+).*/\1/p' <<<"$status_line")
        secs=$(sed -nE 's/.* time: ([0-9]+)s.*/\1/p' <<<"$status_line")
        # Fork mode's own exec/s counts only the current job: the average says more.
        if [[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ]; then rate=$((runs / secs)); fi
        rate=${rate:--} secs=${secs:--}
    fi
    artifacts=("$dir"/artifacts/*)
    if [ "$rc" -ne 0 ] || [ -e "${artifacts[0]}" ]; then
        [ "$status" = ok ] && failed+=("$target")
        status="CRASH(rc=$rc)"
        grep -aE 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|^fuzz: |SUMMARY:' \
            "$dir/fuzz.log" | head -n 5 || true
        grep -aE '^[[:space:]]+#[0-9]+ ' "$dir/fuzz.log" | head -n 25 || true
        for artifact in "${artifacts[@]}"; do
            [ -e "$artifact" ] && echo "fuzz.sh: $target reproducer: $artifact"
        done
        echo "fuzz.sh: $target full log: $dir/fuzz.log"
    fi

    if $update_corpus; then
        mkdir -p "fuzz/corpus/$target"
        "$binary" -merge=1 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
            "fuzz/corpus/$target" "$dir/corpus" >"$dir/merge.log" 2>&1 ||
            echo "fuzz.sh: merging the corpus of $target failed (see $dir/merge.log)"
    fi
    corpus_files=$(find "$dir/corpus" -type f | wc -l)
    rows+=("$(printf '%-20s %-14s %12s %8s %10s %8s' "$target" "$status" "$runs" "$secs" "$rate" "$corpus_files")")
done

echo
printf '%-20s %-14s %12s %8s %10s %8s\n' target result runs seconds exec/s corpus
for row in "${rows[@]}"; do echo "$row"; done
if $update_corpus; then
    echo "fuzz/corpus is now $(du -sh fuzz/corpus | cut -f1)"
fi
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: failed: ${failed[*]}" >&2
    exit 1
fi
