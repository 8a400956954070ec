#!/usr/bin/env bash
# SIGKILL at many points of a build: every time the index opens and passes check, and
# after a final complete run it equals a clean build of the same files.
# KILL_POINTS (default 100) sets how many kills; bench/crash_soak.sh runs many more.
source "$(dirname "$0")/lib.sh"

KILL_POINTS=${KILL_POINTS:-100}
command -v xapian-delve >/dev/null || skip "xapian-delve (xapian-tools) not installed"
make_generated_corpus "$WORK/news" 600
cp -r "$FIXTURES/e2e/news" "$WORK/news/samples"

# fingerprint DB: document count, and every term with its frequency.
fingerprint() {
    xapian-delve "$1" | grep -i 'number of documents'
    # Story ids depend on the order articles came in (a story keeps the id of its first
    # version), which killed runs change; the stories themselves are tested in test_stories.
    xapian-delve -a -v -1 "$1" | grep -v "^XG" | sort
}

start=$(date +%s%N)
"$NEWSINDEX" build --quiet --batch 7 --db "$WORK/clean" "$WORK/news"
clean_ms=$((($(date +%s%N) - start) / 1000000))
fingerprint "$WORK/clean" >"$WORK/clean.fp"
echo "clean build: ${clean_ms} ms; killing at $KILL_POINTS points across it"

# Each killed run gets work to do: half of the articles change before it (alternate
# halves), so kills land inside runs that write, not in runs that only stat.
mapfile -t reports < <(find "$WORK/news" -name 'report-*.txt' | sort)
revise_half() {  # revise_half K: appends a line to every other report, offset by K
    local i
    for ((i = $1 % 2; i < ${#reports[@]}; i += 2)); do
        printf 'Revision %d of this report.\n' "$1" >>"${reports[i]}"
    done
}
revise_half 0
start=$(date +%s%N)
"$NEWSINDEX" build --quiet --batch 7 --db "$WORK/clean" "$WORK/news"
update_ms=$((($(date +%s%N) - start) / 1000000))
echo "update run over half the articles: ${update_ms} ms"

export NEWSINDEX_DB="$WORK/crashed"
interrupted=0
for ((k = 1; k <= KILL_POINTS; k++)); do
    revise_half "$k"
    # Spread the kill times over twice the length of such a run (a killed run leaves
    # work for the next, so runs grow; late kills reach the last commit or come after
    # it), the first over a full build.
    span_ms=$((2 * update_ms))
    ((k > 1)) || span_ms=$clean_ms
    delay_ms=$((span_ms * k / KILL_POINTS + (k * 7) % 13))
    "$NEWSINDEX" build --quiet --batch 7 "$WORK/news" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    status=0
    wait "$pid" 2>/dev/null || status=$?
    # 137 = killed (128 + SIGKILL); anything else means the run finished first.
    [ "$status" -eq 137 ] && interrupted=$((interrupted + 1))
    if [ -e "$NEWSINDEX_DB" ]; then
        run "$NEWSINDEX" check
        expect_rc 0 "check after kill $k at ${delay_ms} ms"
    fi
    # New and deleted files too, so runs must also catch up on additions and removals.
    if ((k % 3 == 0)); then
        printf 'Late Story %d\n\nLatecomer%d arrived.\n' "$k" "$k" >"$WORK/news/late-$k.txt"
        rm -f "$WORK/news/late-$((k - 6)).txt"
    fi
    # Every fifth kill, one complete run: the backlog of killed runs is gone, so the
    # next runs are short again and late kills land in their last commit and deletions.
    if ((k % 5 == 0)); then
        run "$NEWSINDEX" build --quiet "$WORK/news"
        expect_rc 0 "complete run after kill $k"
    fi
done
run "$NEWSINDEX" build --quiet "$WORK/news"
expect_rc 0 "final complete run"
# The clean build must see the same files the crashed index ended with.
rm -rf "$WORK/clean"
"$NEWSINDEX" build --quiet --db "$WORK/clean" "$WORK/news"
fingerprint "$WORK/clean" >"$WORK/clean.fp"
fingerprint "$WORK/crashed" >"$WORK/crashed.fp"
if ! cmp -s "$WORK/clean.fp" "$WORK/crashed.fp"; then
    fail "crashed index differs from a clean build: $(diff "$WORK/clean.fp" "$WORK/crashed.fp" | head -5)"
fi
echo "kill points covered: $KILL_POINTS, of which $interrupted stopped a run before it ended"
# Kills that all came too late would prove nothing.
((interrupted * 4 >= KILL_POINTS)) || fail "only $interrupted of $KILL_POINTS kills interrupted a run"
finish
