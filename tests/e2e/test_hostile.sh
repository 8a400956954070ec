#!/usr/bin/env bash
# Hostile conditions, second round: an index the user may not write, damaged and
# truncated indexes, floods of
# stderr, terminal escapes in titles and names, files over the size limit, UTF-16 text,
# emptied files, negative numbers, and folders that are no index.
source "$(dirname "$0")/lib.sh"

NEWS="$WORK/news"
make_sample_corpus "$NEWS"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "first build"

# ---- An index the user may not write is not "locked" ------------------------------
if can_run_as_nobody; then
    as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    chmod 755 "$WORK"
    chmod -R a+rX "$WORK/index" "$NEWS"
    run "${as_nobody[@]}" "$NEWSINDEX" build --no-entities --db "$WORK/index" "$NEWS"
    expect_rc 77 "build of an index the user may not write"
    expect_contains "$ERR" "Permission denied" "says why"
    expect_not_contains "$ERR" "another newsindex run" "not reported as locked"
    run "${as_nobody[@]}" "$NEWSINDEX" build --wait 3 --no-entities --db "$WORK/index" "$NEWS"
    expect_rc 77 "--wait does not wait for a permission problem"
    run "${as_nobody[@]}" "$NEWSINDEX" check --db "$WORK/index"
    expect_rc 0 "check of a healthy index the user may only read"
else
    echo "note: not root with setpriv, or user nobody cannot read this build and its models" \
        "(a private folder): the unwritable-index case is not asserted"
fi

# ---- One bad file never floods stderr -----------------------------------------------
{
    printf '{"title": "x", "body": "'
    head -c 3000000 /dev/zero | tr '\0' 'a'
    printf '\x01 oops\n'
} >"$NEWS/flood.json"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 1 "build with a malformed JSON file"
line=$(grep -- 'flood\.json' <<<"$ERR" || true)
expect_lines "$line" 1 "one line names the malformed file"
[ "${#line}" -lt 600 ] || fail "the malformed file's line is ${#line} bytes long"
rm "$NEWS/flood.json"

# ---- Terminal escapes in titles and file names --------------------------------------
printf 'Escape \033[2J Story\033]0;owned\007\n\nThe escapemarker article tries to clear the screen.\n' \
    >"$NEWS/escape.txt"
printf 'Newline Story\n\nThe newlinemarker article has a newline in its file name.\n' \
    >"$NEWS/"$'new\nline\033[31m.txt'
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "build of files with escapes"
run "$NEWSSEARCH" --color never escapemarker OR newlinemarker
expect_rc 0 "search for them"
[[ "$OUT" != *$'\033'* ]] || fail "an escape character reached the terminal: $OUT"
[[ "$OUT" != *$'\007'* ]] || fail "a bell character reached the terminal"
expect_contains "$OUT" 'Escape \x1b[2J Story' "escape shown as \\x1b"
expect_contains "$OUT" 'new\x0aline\x1b[31m.txt' "path shown escaped, on one line"
search_json newlinemarker
expect_eq "$(jqo '.hits[0].path | endswith("new\nline\u001b[31m.txt")')" "true" "JSON stays exact"

# ---- Numbers that would wrap --------------------------------------------------------
for option in '--offset -1' '--limit -1' '--facet-limit -5'; do
    # shellcheck disable=SC2086
    run "$NEWSSEARCH" $option story
    expect_rc 2 "newssearch $option"
done
run "$NEWSINDEX" build --batch -1 "$NEWS"
expect_rc 2 "build --batch -1"

# ---- Files over the size limit count as failed, once --------------------------------
for i in $(seq 1 4000); do
    printf 'Record %d sizemarker %09000d\n' "$i" 0
done >"$NEWS/big.txt"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 1 "a file over the size limit fails the run"
expect_contains "$ERR" "the rest is not indexed" "says text was lost"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "and is not reported again while unchanged"
rm "$NEWS/big.txt"
# A JSON Lines file is read line by line: it has no size limit.
for i in $(seq 1 4000); do
    printf '{"title": "Record %d", "body": "sizemarker %d %09000d"}\n' "$i" "$i" 0
done >"$NEWS/big.jsonl"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "a JSON Lines file over 32 MB"
expect_contains "$OUT" "4000 articles read, 4000 indexed" "every record of a large JSON Lines file"
rm "$NEWS/big.jsonl"

# ---- UTF-16 text, and a file that becomes empty ---------------------------------------
printf 'Wide Story\n\nThe widemarker article was saved as UTF-16.\n' | iconv -t UTF-16 >"$NEWS/wide.txt"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "build with a UTF-16 file"
count widemarker; expect_eq "$COUNT" "1" "UTF-16 article indexed"
: >"$NEWS/wide.txt"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "an emptied file is no failure"
count widemarker; expect_eq "$COUNT" "0" "an emptied file's article is gone"

# ---- A file that turns malformed keeps its last version, said once --------------------
printf '{"title": "Kept", "body": "keptmarker body"}' >"$NEWS/kept.json"
run "$NEWSINDEX" build --no-entities "$NEWS"
printf '{"title": "Kept", "body": ' >"$NEWS/kept.json"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 1 "a file turned malformed"
expect_contains "$ERR" "keeps the last version" "says the old version is kept"
count keptmarker; expect_eq "$COUNT" "1" "last good version kept"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "not reported again while unchanged"
rm "$NEWS/kept.json"

# ---- A folder that is no index is never touched ---------------------------------------
mkdir -p "$WORK/notes"
printf 'my notes\n' >"$WORK/notes/todo.txt"
run "$NEWSINDEX" build --no-entities --db "$WORK/notes" "$NEWS"
expect_rc 2 "--db at a folder that is no index"
expect_eq "$(ls "$WORK/notes")" "todo.txt" "nothing created in it"

# ---- A rebuild's leftovers are cleaned by the next run ------------------------------
mkdir -p "$WORK/index.rebuild"
run "$NEWSINDEX" build --no-entities "$NEWS"
[ ! -e "$WORK/index.rebuild" ] || fail "a failed rebuild's folder was left behind"

# ---- Damaged indexes: a report, never a crash; --full recovers --------------------------
cp -r "$WORK/index" "$WORK/flipped"
# Garbage in every block of the term list: whatever the layout, a table that is in use.
blocks=$(($(stat -c %s "$WORK/flipped/termlist.glass") / 8192))
for block in $(seq 0 $((blocks - 1))); do
    head -c 64 /dev/urandom |
        dd of="$WORK/flipped/termlist.glass" bs=1 seek=$((block * 8192 + 32)) conv=notrunc status=none
done
run "$NEWSINDEX" check --db "$WORK/flipped"
expect_rc 1 "check of a table with flipped bytes reports damage"
[ -n "$ERR" ] || fail "check of a damaged table said nothing"

cp -r "$WORK/index" "$WORK/nopos"
rm "$WORK/nopos/position.glass"
run "$NEWSINDEX" check --db "$WORK/nopos"
expect_rc 1 "check notices a missing position table"
expect_contains "$ERR" "no word positions" "and says so"
run "$NEWSSEARCH" --db "$WORK/nopos" '"sample story"'
expect_rc 2 "a phrase query on an index without positions fails clearly"
expect_contains "$ERR" "no word positions" "saying why"
run "$NEWSINDEX" build --no-entities --db "$WORK/nopos" "$NEWS"
expect_rc 2 "an incremental build notices the damage"

cp -r "$WORK/index" "$WORK/truncated"
truncate -s $(($(stat -c %s "$WORK/truncated/postlist.glass") / 2)) "$WORK/truncated/postlist.glass"
run "$NEWSINDEX" build --full --no-entities --db "$WORK/truncated" "$NEWS"
expect_rc 0 "--full rebuilds a truncated index"
run "$NEWSINDEX" check --db "$WORK/truncated"
expect_rc 0 "and the rebuilt index is healthy"
run "$NEWSINDEX" build --full --no-entities --db "$WORK/notes" "$NEWS"
expect_rc 2 "--full still refuses a folder that is no index"

# ---- A full disk: the committed index survives, and the exit code says why ------------
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
    make_generated_corpus "$WORK/many" 3000
    mkdir -p "$WORK/small"
    # shellcheck disable=SC2016
    run unshare -m sh -c 'mount -t tmpfs -o size=2m tmpfs "$1" &&
        "$2" build --no-entities --db "$1/index" "$3"; code=$?;
        "$2" check --db "$1/index" >/dev/null 2>&1 || code=$((code + 1000)); exit $code' \
        - "$WORK/small" "$NEWSINDEX" "$WORK/many"
    expect_rc 74 "a build that fills the disk"
    expect_lines "$ERR" 1 "one line says so"
else
    echo "note: not root or no mount namespace: the full-disk case is not asserted"
fi

# Scaling options and files given nonsense: one line and exit 2, nothing made.
run "$NEWSINDEX" compact --db "$WORK/no-such-index"
expect_rc 2 "compact of no index"
expect_contains "$ERR" "no index at $WORK/no-such-index" "compact of no index says so"
[ ! -e "$WORK/no-such-index" ] || fail "compact created an index"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/jobs-index" --jobs 99999999
expect_rc 2 "--jobs beyond reason"
expect_lines "$ERR" 1 "--jobs beyond reason: one line"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/shards-index" --shards 300
expect_rc 2 "too many shards"
: >"$WORK/empty.stub"
run "$NEWSSEARCH" --db "$WORK/empty.stub" yen
expect_rc 2 "an empty stub file"
expect_contains "$ERR" "names no database" "an empty stub file says so"
printf '\x00\x01\xff garbage\n' >"$WORK/binary.stub"
run "$NEWSSEARCH" --db "$WORK/binary.stub" yen
expect_rc 2 "a binary stub file"
expect_lines "$ERR" 1 "a binary stub file: one line"
mkdir -p "$WORK/bad-shards" && echo "auto elsewhere" >"$WORK/bad-shards/XAPIANDB"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/bad-shards"
expect_rc 2 "a shard stub newsindex did not write"
expect_contains "$ERR" "unexpected line 'auto elsewhere'" "a foreign shard stub is named"

finish
