#!/usr/bin/env bash
# newssearch on a small corpus: ranking, query language, JSON shape, sorting, paging, errors.
source "$(dirname "$0")/lib.sh"

SEED=2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt
make_sample_corpus "$WORK/news"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
expect_contains "$OUT" "7 articles read, 7 indexed" "build summary"

expect_total() {  # expect_total N WHAT QUERY [OPTIONS...]
    local n=$1 what=$2
    shift 2
    search_json "$@" --no-correct
    expect_eq "$(jqo .total)" "$n" "$what"
}

# The card's example: the seed article first, both words marked in its snippet.
run "$NEWSSEARCH" --color never "Bakiyev extradition"
expect_rc 0 "card query"
expect_contains "$(printf '%s\n' "$OUT" | head -1)" "1. Ousted Kyrgyz President Takes Refuge in Belarus" "card query rank 1"
expect_contains "$OUT" "[[extradition]]" "snippet marks extradition"
expect_contains "$OUT" "[[Bakiyev" "snippet marks Bakiyev"
expect_contains "$OUT" "1 match for Bakiyev extradition" "card query total"

# JSON: exactly the documented shape.
search_json "Bakiyev extradition"
expect_eq "$(jqo '[keys[]] | join(",")')" "corrected,date_bucket,facets,facets_by,facets_exact,hits,offset,parsed,query,suggestion,total,total_exact,warnings" "top-level keys"
expect_eq "$(jqo '.query')" "Bakiyev extradition" "json query"
expect_eq "$(jqo '.total_exact')" "true" "total is exact by default"
expect_eq "$(jqo '.offset')" "0" "json offset"
expect_eq "$(jqo '.hits[0].id')" "$SEED" "json hit id"
expect_eq "$(jqo '.hits[0].rank')" "1" "json rank"
expect_eq "$(jqo '.hits[0].title')" "Ousted Kyrgyz President Takes Refuge in Belarus" "json title"
expect_eq "$(jqo '.hits[0].subtitle')" "Kurmanbek Bakiyev and family under protection in Minsk" "json subtitle"
expect_eq "$(jqo '.hits[0].date')" "2010-04-20" "json date"
expect_eq "$(jqo '.hits[0].path | endswith("/'$SEED'")')" "true" "json path"
expect_eq "$(jqo '.hits[0].score | type')" "number" "json score"
expect_eq "$(jqo '.hits[0].percent | type')" "number" "json percent"
expect_contains "$(jqo '.hits[0].snippet')" "[[extradition]]" "json snippet"
expect_not_contains "$(jqo '.hits[0].snippet')" "&#" "snippet has no HTML entities"
expect_contains "$(jqo '.parsed')" "Query(" "json parsed query"

# Default AND, --any for OR, ranked by BM25.
expect_total 3 "--any" 'Bakiyev extradition' --any
expect_eq "$(jqo '.hits[0].id')" "$SEED" "--any ranks the article with both words first"
expect_total 3 "OR" 'Bakiyev OR extradition'
expect_total 1 "NOT" 'Bakiyev NOT extradition'
expect_eq "$(jqo '.hits[0].id')" "2010/04/22/border-crossings-reopen.txt" "NOT hit"
expect_total 1 "minus" 'Bakiyev -extradition'
expect_total 2 "XOR" 'Bakiyev XOR extradition'
expect_total 2 "phrase with brackets" '"interest rates" AND (fed OR bundesbank)'
expect_total 3 "phrase" '"interim government"'
expect_total 0 "phrase word order" '"government interim"'
expect_total 1 "NEAR" 'Bakiyev NEAR/2 extradition'
expect_total 1 "ADJ" 'extradition ADJ/1 treaty'
expect_total 2 "wildcard" 'extradit*'
expect_total 1 "title field" 'title:refuge'
expect_total 1 "title field excludes body" 'title:bishkek'
expect_eq "$(jqo '.hits[0].id')" "feature.json" "title hit"
# Text outside the article body (scripts, navigation) is not indexed.
expect_total 0 "script text" 'tracking'
expect_total 0 "navigation text" 'weather'

# Dates: ranges, months, years, open ends, sorting.
expect_total 3 "date range" 'date:2010-04-01..2010-04-30'
expect_total 3 "date month" 'date:2010-04'
expect_total 3 "date year" 'date:1987'
expect_total 1 "date day" 'date:2010-05-03'
expect_total 3 "open-ended range" 'date:2010-04-21..'
expect_total 2 "open-started range" 'date:..1987-03-05'
expect_total 1 "words and dates" 'Bishkek date:2010-04-23..2010-12-31'
search_json '' --sort date
expect_eq "$(jqo '.hits[0].date')" "1987-03-04" "--sort date"
search_json '' --sort -date
expect_eq "$(jqo '.hits[0].date')" "2010-05-03" "--sort -date"
expect_eq "$(jqo '.total')" "7" "empty query matches all"

# Paging.
search_json 'Bakiyev OR extradition' --limit 1 --offset 1
expect_eq "$(jqo '.hits | length')" "1" "--limit"
expect_eq "$(jqo '.hits[0].rank')" "2" "--offset rank"
expect_eq "$(jqo '.offset')" "1" "--offset echoed"
search_json 'Bakiyev OR extradition' --limit 0
expect_eq "$(jqo '.hits | length')" "0" "--limit 0"
expect_eq "$(jqo '.total')" "3" "--limit 0 still counts"
search_json 'Bakiyev OR extradition' --estimate --limit 1
expect_eq "$(jqo '.total_exact | type')" "boolean" "--estimate says whether exact"
run "$NEWSSEARCH" --color never --estimate --limit 1 '' 
[[ "$OUT" == *"about"* || "$OUT" == *"7 matches"* ]] || fail "--estimate text labels estimates: $OUT"

# Errors: one line on stderr, exit code 2.
run "$NEWSSEARCH" 'Bakiyev AND ('
expect_rc 2 "malformed query"
expect_lines "$ERR" 1 "malformed query error"
expect_contains "$ERR" "cannot parse query 'Bakiyev AND ('" "malformed query message"
run "$NEWSSEARCH" 'date:2010-13'
expect_rc 2 "bad date"
expect_contains "$ERR" "invalid date" "bad date message"
run "$NEWSSEARCH" --db "$WORK/no-such-index" Bakiyev
expect_rc 2 "missing index"
expect_lines "$ERR" 1 "missing index error"
expect_contains "$ERR" "no index at $WORK/no-such-index" "missing index message"
run "$NEWSSEARCH" --bogus Bakiyev
expect_rc 2 "unknown option"
expect_lines "$ERR" 1 "unknown option error"
run "$NEWSSEARCH" --sort sideways Bakiyev
expect_rc 2 "bad --sort"
run "$NEWSSEARCH" --help
expect_rc 0 "--help"
expect_contains "$OUT" "--sort" "--help lists options"
run "$NEWSSEARCH" --version
expect_contains "$OUT" "newssearch " "--version"

# Re-running the build replaces articles instead of duplicating them.
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "second build"
expect_total 7 "no duplicates after a re-run" ''
expect_total 1 "same answer after a re-run" 'Bakiyev extradition'

# Output for scripts: the count, the ids, one JSON object per hit, CSV.
search_json '' --limit 100 --facets none
all_ids=$(jqo '.hits[].id' | sort)
run "$NEWSSEARCH" --count ''
expect_rc 0 "--count"
expect_eq "$OUT" "7" "--count prints the exact total alone"
run "$NEWSSEARCH" --count 'Bakiyev extradition'
expect_eq "$OUT" "1" "--count of a query"
run "$NEWSSEARCH" --ids --limit 100 ''
expect_rc 0 "--ids"
expect_eq "$(sort <<<"$OUT")" "$all_ids" "--ids lists every article id, one per line"
run "$NEWSSEARCH" --format jsonl --limit 3 ''
expect_rc 0 "--format jsonl"
expect_lines "$OUT" 3 "one line per hit"
expect_eq "$(jq -r .rank <<<"$OUT" | tr '\n' ' ')" "1 2 3 " "each line a hit object"
run "$NEWSSEARCH" --format csv --limit 2 'Bakiyev extradition'
expect_rc 0 "--format csv"
expect_eq "$(head -n 1 <<<"$OUT" | tr -d '\r')" "rank,id,path,title,date,source,score" "csv header"
expect_contains "$OUT" "1,2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt," "csv row"
run "$NEWSSEARCH" --format yaml ''
expect_rc 2 "unknown --format"
run "$NEWSSEARCH" --count --ids ''
expect_rc 2 "--count with --ids"

# More like this: related articles, never the article itself; the query filters them.
card=2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt
run "$NEWSSEARCH" --like "$card" --ids --limit 100
expect_rc 0 "--like"
[ -n "$OUT" ] || fail "--like found nothing related"
expect_not_contains "$OUT" "$card" "--like leaves the article itself out"
like_all=$(grep -c '' <<<"$OUT")
run "$NEWSSEARCH" --like "$card" --ids --limit 100 'place:Belarus'
expect_rc 0 "--like with a filter"
[ "$(grep -c '' <<<"$OUT")" -le "$like_all" ] || fail "a filter widened --like"
run "$NEWSSEARCH" --like no-such.txt
expect_rc 2 "--like of an unknown article"
expect_contains "$ERR" "no article" "says which article is unknown"

finish
