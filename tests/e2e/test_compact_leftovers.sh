#!/usr/bin/env bash
# What a compaction killed midway leaves: the next build or compact removes its copies
# (shard-NN.compacting, INDEX.compacting), status does not count them, a killed
# `compact --output` leaves no half database at OUTPUT, and nothing that is not a
# database copy newsindex made is ever removed.
source "$(dirname "$0")/lib.sh"

make_many_reports "$WORK/many" 6000 60
SHARDED="$WORK/sharded"
run "$NEWSINDEX" build --no-entities --shards 2 --db "$SHARDED" "$WORK/many" -q
expect_rc 0 "a sharded build"
bytes() { "$NEWSINDEX" status --json --db "$1" | jq .bytes; }
BYTES=$(bytes "$SHARDED")

# kill_when COMMAND... -- PATTERN: starts COMMAND, kills it (-9) as soon as a path
# matching PATTERN exists, and waits for it.
kill_when() {
    local args=() pattern pid
    while [ "$1" != -- ]; do args+=("$1"); shift; done
    pattern=$2
    "${args[@]}" >/dev/null 2>&1 &
    pid=$!
    # shellcheck disable=SC2086
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$pattern" >/dev/null; do sleep 0.005; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# ---- In place: a killed compaction's copies -------------------------------------------
kill_when "$NEWSINDEX" compact --db "$SHARDED" -- "$SHARDED/shard-0?.compacting"
# A kill may come too early to leave a table, or too late to leave anything: the copy
# checked below is made sure of.
mkdir -p "$SHARDED/shard-01.compacting"
cp "$SHARDED/shard-01/postlist.glass" "$SHARDED/shard-01.compacting/"
expect_eq "$(bytes "$SHARDED")" "$BYTES" "status does not count a killed compaction's copy"
run "$NEWSINDEX" build --no-entities --db "$SHARDED" "$WORK/many" -q
expect_rc 0 "a build after a killed compaction"
compgen -G "$SHARDED/shard-0?.compacting" >/dev/null &&
    fail "the build left the copies: $(ls "$SHARDED")"
run "$NEWSINDEX" check --db "$SHARDED"
expect_rc 0 "the index is healthy"

# compact removes them too, and compacts.
mkdir -p "$SHARDED/shard-00.compacting"
cp "$SHARDED/shard-00/iamglass" "$SHARDED/shard-00/termlist.glass" "$SHARDED/shard-00.compacting/"
run "$NEWSINDEX" compact --db "$SHARDED"
expect_rc 0 "compact after a killed compaction"
[ ! -e "$SHARDED/shard-00.compacting" ] || fail "compact left the copy"

# One database: its copy lies beside it.
SINGLE="$WORK/single"
run "$NEWSINDEX" build --no-entities --db "$SINGLE" "$WORK/many" -q
kill_when "$NEWSINDEX" compact --db "$SINGLE" -- "$SINGLE.compacting"
mkdir -p "$SINGLE.compacting"
run "$NEWSINDEX" build --no-entities --db "$SINGLE" "$WORK/many" -q
expect_rc 0 "a build of one database after a killed compaction"
[ ! -e "$SINGLE.compacting" ] || fail "the build left $SINGLE.compacting"

# A folder of that name with anything else in it is not ours: kept, and compact says so.
rm -rf "$SHARDED/shard-01.compacting"
mkdir "$SHARDED/shard-01.compacting"
echo "my notes" >"$SHARDED/shard-01.compacting/notes.txt"
run "$NEWSINDEX" build --no-entities --db "$SHARDED" "$WORK/many" -q
expect_rc 0 "a build beside a folder that is not ours"
[ -e "$SHARDED/shard-01.compacting/notes.txt" ] || fail "the build removed a user's file"
run "$NEWSINDEX" compact --db "$SHARDED"
expect_rc 2 "compact with a foreign folder in the way"
expect_lines "$ERR" 1 "one line"
expect_contains "$ERR" "shard-01.compacting is in the way" "the folder is named"
[ -e "$SHARDED/shard-01.compacting/notes.txt" ] || fail "compact removed a user's file"
rm -r "$SHARDED/shard-01.compacting"
run "$NEWSINDEX" check --db "$SHARDED"
expect_rc 0 "the index is healthy after the refusal"

# ---- compact --output -----------------------------------------------------------------
TOTAL=$(NEWSINDEX_DB="$SHARDED" "$NEWSSEARCH" --count '')
OUTPUT="$WORK/merged"
kill_when "$NEWSINDEX" compact --db "$SHARDED" --output "$OUTPUT" -- "$OUTPUT*"
if [ -e "$OUTPUT" ]; then
    # Only a complete database ever appears there.
    run "$NEWSSEARCH" --db "$OUTPUT" --count ''
    expect_eq "$RC:$OUT" "0:$TOTAL" "what a killed compact --output left at the output"
    rm -r "$OUTPUT"
fi
# A leftover of a run that is gone, as a kill leaves it.
mkdir "$OUTPUT.compacting-999999999"
cp "$SHARDED/shard-00/postlist.glass" "$OUTPUT.compacting-999999999/"
run "$NEWSINDEX" compact --db "$SHARDED" --output "$OUTPUT"
expect_rc 0 "compact --output again after a kill"
run "$NEWSSEARCH" --db "$OUTPUT" --count ''
expect_eq "$RC:$OUT" "0:$TOTAL" "the merged database"
compgen -G "$OUTPUT.compacting-*" >/dev/null && fail "leftovers remain: $(ls "$WORK")"

# An output that exists is never replaced, and the message says what to do.
mkdir "$WORK/half"
cp "$SHARDED/shard-00/postlist.glass" "$WORK/half/"
run "$NEWSINDEX" compact --db "$SHARDED" --output "$WORK/half"
expect_rc 2 "compact --output onto a half database"
expect_contains "$ERR" "already exists and is not a complete database" "says what it is"
expect_contains "$ERR" "remove it and run again" "and what to do"
[ -e "$WORK/half/postlist.glass" ] || fail "compact --output removed an existing folder"
# A folder with the leftovers' name but other files is not removed either.
mkdir "$WORK/mine.compacting-999999999"
echo "my notes" >"$WORK/mine.compacting-999999999/notes.txt"
run "$NEWSINDEX" compact --db "$SHARDED" --output "$WORK/mine"
expect_rc 0 "compact --output beside a folder that is not ours"
[ -e "$WORK/mine.compacting-999999999/notes.txt" ] || fail "a user's folder was removed"

finish
