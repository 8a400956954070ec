#!/usr/bin/env bash
# Incremental builds: unchanged files are not read, changes replace, deletions remove,
# several roots live in one index, --full switches atomically, status and check report.
source "$(dirname "$0")/lib.sh"

make_sample_corpus "$WORK/news"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "first build"
expect_contains "$OUT" "7 indexed" "first build indexes everything"

run "$NEWSINDEX" status --json
expect_rc 0 "status"
expect_eq "$(jqo .articles)" "7" "status articles"
expect_eq "$(jqo '.roots | length')" "1" "status roots"
expect_eq "$(jqo '.roots[0]')" "$(cd "$WORK/news" && pwd -P)" "status root path"
expect_eq "$(jqo '.last_run.result')" "ok" "status last run"
expect_eq "$(jqo '.bytes > 0')" "true" "status bytes"
run "$NEWSINDEX" status
expect_contains "$OUT" "articles: 7" "status text"

# Nothing changed: nothing read.
run "$NEWSINDEX" build "$WORK/news"
expect_contains "$OUT" "0 articles read, 0 indexed, 5 files unchanged, 0 removed" "no-change re-run"

# A changed file is read again and replaces its article.
printf '\nA late paragraph mentions Quagmirezz.\n' >>"$WORK/news/2010/04/22/border-crossings-reopen.txt"
run "$NEWSINDEX" build "$WORK/news"
expect_contains "$OUT" "1 articles read, 1 indexed, 4 files unchanged" "changed file re-read"
count 'Quagmirezz'; expect_eq "$COUNT" "1" "change indexed"
count ''; expect_eq "$COUNT" "7" "change replaces, no duplicate"

# --verify compares contents: a touched but identical file is not re-indexed.
run "$NEWSINDEX" build --verify "$WORK/news"   # records the hashes
touch "$WORK/news/feature.json"
run "$NEWSINDEX" build --verify "$WORK/news"
expect_contains "$OUT" "0 articles read" "--verify ignores a touch"

# Deleted files leave the index; a JSON Lines file that lost a line loses an article.
rm "$WORK/news/belarus-trade.html"
head -2 "$WORK/news/wire.jsonl" >"$WORK/wire" && mv "$WORK/wire" "$WORK/news/wire.jsonl"
run "$NEWSINDEX" build "$WORK/news"
expect_contains "$OUT" "1 removed" "deleted file removed"
count ''; expect_eq "$COUNT" "5" "articles after deletions"
count 'Lukashenko dairy'; expect_eq "$COUNT" "0" "deleted article gone"

# A second root in the same index; building one root never touches the other.
mkdir -p "$WORK/other"
printf 'Second Root Story\n\nThe Xylophonezz festival opened in Tashkent.\n' >"$WORK/other/story.txt"
run "$NEWSINDEX" build "$WORK/other"
expect_rc 0 "second root"
count ''; expect_eq "$COUNT" "6" "both roots indexed"
run "$NEWSINDEX" build "$WORK/news"
count 'Xylophonezz'; expect_eq "$COUNT" "1" "other root kept after building the first"
# Same relative path under two roots: two articles, not one.
cp "$WORK/other/story.txt" "$WORK/news/story.txt"
run "$NEWSINDEX" build "$WORK/news"
count 'Xylophonezz'; expect_eq "$COUNT" "2" "same relative path in two roots"
rm "$WORK/news/story.txt"
run "$NEWSINDEX" build "$WORK/news"

# A root that is gone (an unmounted disk) deletes nothing.
mv "$WORK/other" "$WORK/other-unmounted"
run "$NEWSINDEX" build "$WORK/other"
expect_rc 1 "missing root"
expect_contains "$ERR" "nothing under it was changed" "missing root message"
count 'Xylophonezz'; expect_eq "$COUNT" "1" "missing root keeps its articles"
mv "$WORK/other-unmounted" "$WORK/other"

# Without folders, build updates every root the index holds.
printf 'Third Story\n\nThe Zeppelinzz landed in Geneva.\n' >"$WORK/other/third.txt"
run "$NEWSINDEX" build
expect_rc 0 "build without folders"
count 'Zeppelinzz'; expect_eq "$COUNT" "1" "recorded roots updated"
before=$(all_ids)

# --full rebuilds beside the index and switches atomically; searches never fail meanwhile.
(
    for _ in $(seq 1 40); do
        n=$("$NEWSSEARCH" --json --limit 0 --facets none '' | jq .total) || { echo "search failed" >"$WORK/full-search-failed"; exit; }
        [ "$n" = "$(printf '%s\n' "$before" | grep -c .)" ] || echo "saw $n articles" >>"$WORK/full-search-failed"
    done
) &
searcher=$!
run "$NEWSINDEX" build --full "$WORK/news" "$WORK/other"
wait "$searcher"
expect_rc 0 "--full"
[ ! -e "$WORK/full-search-failed" ] || fail "searches during --full: $(cat "$WORK/full-search-failed")"
expect_eq "$(all_ids)" "$before" "--full gives the same articles"
[ ! -e "$NEWSINDEX_DB.rebuild" ] || fail "--full leaves no temporary index"

# check: healthy, then damaged.
run "$NEWSINDEX" check
expect_rc 0 "check healthy"
expect_contains "$OUT" "is healthy" "check message"
table="$NEWSINDEX_DB/postlist.glass"
truncate -s $(($(stat -c %s "$table") / 2)) "$table"
run "$NEWSINDEX" check
expect_rc 1 "check damaged"
[ -n "$ERR" ] || fail "check names the damage"

finish
