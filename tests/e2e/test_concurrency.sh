#!/usr/bin/env bash
# One build at a time (exit 75), searches during a build, SIGTERM/SIGINT handling.
source "$(dirname "$0")/lib.sh"

make_generated_corpus "$WORK/big" 1500

# wait_for_articles N: until the index has committed at least N articles.
wait_for_articles() {
    for _ in $(seq 1 600); do
        local n
        n=$("$NEWSINDEX" status --json 2>/dev/null | jq -r '.articles // 0' 2>/dev/null || echo 0)
        [ "${n:-0}" -ge "$1" ] && return 0
        sleep 0.05
    done
    fail "index never reached $1 articles"
}

# A build paused mid-run holds the lock: a second build gives up at once with 75.
"$NEWSINDEX" build --quiet --batch 20 "$WORK/big" &
first=$!
wait_for_articles 20
kill -STOP "$first"
start=$(date +%s%N)
run "$NEWSINDEX" build "$WORK/big"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 75 "second build while locked"
expect_lines "$ERR" 1 "locked message"
expect_contains "$ERR" "is being updated by another newsindex run" "locked message text"
[ "$elapsed_ms" -lt 1000 ] || fail "locked build took ${elapsed_ms} ms to give up"
start=$(date +%s%N)
run "$NEWSINDEX" build --wait 1 "$WORK/big"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 75 "--wait 1 while locked"
[ "$elapsed_ms" -ge 900 ] || fail "--wait 1 gave up after ${elapsed_ms} ms"

# Searches while the build goes on answer from committed states: never an error, never
# fewer articles than before, never an article without its title.
kill -CONT "$first"
previous=0
while kill -0 "$first" 2>/dev/null; do
    run "$NEWSSEARCH" --json --limit 3 --facets none 'talks'
    expect_rc 0 "search during build"
    total=$(jqo .total)
    [ "$total" -ge "$previous" ] || fail "search went back from $previous to $total articles"
    previous=$total
    [ "$(jqo '[.hits[] | select(.title == "")] | length')" = "0" ] || fail "half an article in results"
done
wait "$first" || fail "first build failed"
run "$NEWSINDEX" build --wait 5 "$WORK/big"
expect_rc 0 "build after the lock is released"

# SIGTERM: stop after the current file, commit, summary, 143. The next run finishes.
rm -rf "$NEWSINDEX_DB"
"$NEWSINDEX" build --batch 50 "$WORK/big" >"$WORK/term.out" 2>&1 &
builder=$!
wait_for_articles 50
kill -TERM "$builder"
set +e; wait "$builder"; rc=$?; set -e
expect_eq "$rc" "143" "exit code after SIGTERM"
expect_contains "$(cat "$WORK/term.out")" "interrupted" "summary after SIGTERM"
run "$NEWSINDEX" check
expect_rc 0 "check after SIGTERM"
run "$NEWSINDEX" status --json
expect_eq "$(jqo .last_run.result)" "interrupted" "status records the interruption"
run "$NEWSINDEX" build "$WORK/big"
expect_rc 0 "run after SIGTERM"
search_json '' --limit 0 --facets none
expect_eq "$(jqo .total)" "1500" "the next run finishes the job"

# SIGINT the same way, 130.
rm -rf "$NEWSINDEX_DB"
"$NEWSINDEX" build --batch 50 "$WORK/big" >"$WORK/int.out" 2>&1 &
builder=$!
wait_for_articles 50
kill -INT "$builder"
set +e; wait "$builder"; rc=$?; set -e
expect_eq "$rc" "130" "exit code after SIGINT"

finish
