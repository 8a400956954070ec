#!/usr/bin/env bash
# newssearch show ID: one indexed article whole, as text and JSON; its marks (the query's
# words, the entities' mentions) as byte spans that fall on what they name; its source
# (else its folder); articles like it; errors.
source "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/news/voa" "$WORK/news/other"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/news/voa/"
cp -r "$FIXTURES/e2e/news/." "$WORK/news/other/"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
ID=voa/2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt

run "$NEWSSEARCH" show --color never -q "Bakiyev extradition" "$ID"
expect_rc 0 "show"
expect_eq "$(printf '%s\n' "$OUT" | head -1)" "Ousted Kyrgyz President Takes Refuge in Belarus" "title first"
expect_contains "$OUT" "2010-04-20  voa" "date and the folder, the article having no source"
expect_contains "$OUT" "Mr. [[Bakiyev]]'s [[extradition]]" "the query's words marked"
expect_contains "$OUT" "$(printf 'in Belarus.\n\nBelarusian')" "paragraphs kept"
expect_contains "$OUT" "People: Kurmanbek Bakiyev" "people listed"
expect_contains "$OUT" "Places: " "places listed"
expect_contains "$OUT" "More like this:" "articles like it"

run "$NEWSSEARCH" show --json -q "Bakiyev extradition" "$ID"
expect_rc 0 "show --json"
expect_eq "$(jqo 'keys | join(",")')" \
    "author,body,date,entities,folder,highlights,id,language,mentions,path,related,source,subtitle,title,title_highlights,url" "keys"
expect_eq "$(jqo .id)" "$ID" "id"
expect_eq "$(jqo .folder)" "voa" "folder"
expect_eq "$(jqo .source)" "null" "no source"
expect_contains "$(jqo .body)" "Catherine Ashton said Tuesday" "the whole text"
# Each span names what it says it names: the query's words, and each mention its entity's
# name or a part of it.
printf '%s' "$OUT" | python3 -c '
import json, sys
view = json.load(sys.stdin)
body = view["body"].encode()
words = {body[b:e].decode().lower() for b, e in view["highlights"]}
assert words == {"bakiyev", "extradition"}, words
assert len(view["mentions"]) >= 20, len(view["mentions"])
for m in view["mentions"]:
    text = body[m["begin"]:m["end"]].decode()
    assert text in m["entity"] or m["entity"] in text or text.isupper(), (text, m)
    assert m["entity"] in view["entities"][m["kind"]], m
kinds = {m["kind"] for m in view["mentions"]}
assert kinds == {"person", "org", "place"}, kinds
related = [r["id"] for r in view["related"]]
assert related and view["id"] not in related, related
' || fail "the spans do not fall on what they name"
run "$NEWSSEARCH" show --json "$ID"
expect_eq "$(jqo '.highlights | length')" "0" "no query: nothing marked"
run "$NEWSSEARCH" show --json --related 0 "$ID"
expect_eq "$(jqo '.related | length')" "0" "--related 0"
# An id with the root before it (a path) names the article too.
run "$NEWSSEARCH" show --json "$(realpath "$WORK/news")/$ID"
expect_rc 0 "a path"
expect_eq "$(jqo .id)" "$ID" "a path shows the article"

# Errors: one line, exit 2.
run "$NEWSSEARCH" show no/such.txt
expect_rc 2 "unknown id"
expect_eq "$ERR" "newssearch show: no article no/such.txt in the index" "unknown id message"
run "$NEWSSEARCH" show
expect_rc 2 "no id"
run "$NEWSSEARCH" show "$ID" "$ID"
expect_rc 2 "two ids"
run "$NEWSSEARCH" show -q 'Bakiyev AND (' "$ID"
expect_rc 2 "bad query"
expect_contains "$ERR" "cannot parse query" "bad query message"
run "$NEWSSEARCH" show --db "$WORK/none" "$ID"
expect_rc 2 "no index"
# A search for the word "show" needs -- before it, as for "help".
run "$NEWSSEARCH" -- show
expect_rc 0 "-- show searches"

finish
