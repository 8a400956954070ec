#!/usr/bin/env bash
# SIGKILL at many points of a build: every time the index opens and passes check, and
# after a final complete run it equals a clean build of the same files.
# KILL_POINTS (default 20) sets how many kills; bench/crash_soak.sh runs many more.
source "$(dirname "$0")/lib.sh"

KILL_POINTS=${KILL_POINTS:-20}
command -v xapian-delve >/dev/null || skip "xapian-delve (xapian-tools) not installed"
make_generated_corpus "$WORK/news" 600
cp -r "$FIXTURES/e2e/news" "$WORK/news/samples"

# fingerprint DB: document count, and every term with its frequency.
fingerprint() {
    xapian-delve "$1" | grep -i 'number of documents'
    xapian-delve -a -v -1 "$1" | sort
}

start=$(date +%s%N)
"$NEWSINDEX" build --quiet --db "$WORK/clean" "$WORK/news"
clean_ms=$((($(date +%s%N) - start) / 1000000))
fingerprint "$WORK/clean" >"$WORK/clean.fp"
echo "clean build: ${clean_ms} ms; killing at $KILL_POINTS points across it"

export NEWSINDEX_DB="$WORK/crashed"
for ((k = 1; k <= KILL_POINTS; k++)); do
    # Spread the kill times over the length of a full build (a little beyond it too).
    delay_ms=$((clean_ms * k / KILL_POINTS + (k * 7) % 13))
    "$NEWSINDEX" build --quiet --batch 7 "$WORK/news" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -e "$NEWSINDEX_DB" ]; then
        run "$NEWSINDEX" check
        expect_rc 0 "check after kill $k at ${delay_ms} ms"
    fi
    # Every third kill, add a file or delete one, so runs must also catch up on changes.
    if ((k % 3 == 0)); then
        printf 'Late Story %d\n\nLatecomer%d arrived.\n' "$k" "$k" >"$WORK/news/late-$k.txt"
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
echo "kill points covered: $KILL_POINTS"
finish
