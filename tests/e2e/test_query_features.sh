#!/usr/bin/env bash
# The query features of newssearch on real articles: --since/--until and the date facet's
# buckets, spelling suggestions from a dictionary that follows the archive, --explain
# weights that add up to the score, --fields, the help and the manual pages. The shipped
# corpus and the e2e sample articles always; a dated sample of the Reuters-21578 dev
# articles from ../shared when it is there.
source "$(dirname "$0")/lib.sh"

make_sample_corpus "$WORK/news"
# Two articles dated relative to today, so that --since 7d, 2w, yesterday mean something.
recent_day=$(date -d '3 days ago' +%F)
older_day=$(date -d '10 days ago' +%F)
printf 'Recent Bishkek Report\n\nA report from Bishkek three days ago.\n' \
    >"$WORK/news/$recent_day-recent-report.txt"
printf 'Older Bishkek Report\n\nA report from Bishkek ten days ago.\n' \
    >"$WORK/news/$older_day-older-report.txt"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
expect_contains "$OUT" "9 articles read, 9 indexed" "build summary"

count_of() {  # count_of [OPTIONS...] QUERY: --count with the options, into $COUNT
    run "$NEWSSEARCH" --count "$@"
    expect_rc 0 "newssearch --count $*"
    COUNT=$OUT
}

# --- Excluded filters ----------------------------------------------------------------
# -place:"X" alone excludes X from every article, as NOT place:"X" does; beside other
# words it excludes X from their matches.
count_of 'place:Kyrgyzstan'
named=$COUNT
count_of -- '-place:Kyrgyzstan'
expect_eq "$COUNT" "$((9 - named))" "-place: alone excludes it from every article"
count_of -- 'NOT place:Kyrgyzstan'
expect_eq "$COUNT" "$((9 - named))" "the same as NOT place:"
count_of -- '-place:Kyrgyzstan -person:"Kurmanbek Bakiyev"'
both=$COUNT
count_of -- 'NOT place:Kyrgyzstan NOT person:"Kurmanbek Bakiyev"'
expect_eq "$both" "$COUNT" "two exclusions alone"
count_of 'Bishkek'
bishkek=$COUNT
count_of 'Bishkek -place:Kyrgyzstan'
outside=$COUNT
count_of 'Bishkek place:Kyrgyzstan'
expect_eq "$((outside + COUNT))" "$bishkek" "an exclusion beside a word"

# --- Dates ---------------------------------------------------------------------------
count_of ''
expect_eq "$COUNT" 9 "every article"
count_of --since 2010-04-21 ''
expect_eq "$COUNT" 5 "--since a day (the two recent ones too)"
count_of --since 2010-04-21 --until 2010-12-31 ''
expect_eq "$COUNT" 3 "--since and --until"
count_of --since 2010-04-22 --until 2010-04-22 ''
expect_eq "$COUNT" 1 "a single day, both ends included"
count_of --since 2010-04 --until 2010-04 ''
expect_eq "$COUNT" 3 "a month: its first to its last day"
count_of --until 2010-04 ''
expect_eq "$COUNT" 6 "--until a month includes its last day"
count_of --since 1987 --until 1987 ''
expect_eq "$COUNT" 3 "a year"
count_of --until 1987-03-05 ''
expect_eq "$COUNT" 2 "--until a day"
count_of --since 2010-04 Bakiyev
expect_eq "$COUNT" 2 "words and --since"
count_of --since 2010-04-21 Bakiyev
expect_eq "$COUNT" 1 "words and --since, narrower"
count_of --since 2010-04-21 'date:2010-04'
expect_eq "$COUNT" 2 "--since and a date: filter both apply"
count_of --since 7d ''
expect_eq "$COUNT" 1 "--since 7d: the article of three days ago"
count_of --since 2w ''
expect_eq "$COUNT" 2 "--since 2w: both recent articles"
count_of --since 1m --until 7d ''
expect_eq "$COUNT" 1 "--until 7d: the article of ten days ago"
count_of --since yesterday ''
expect_eq "$COUNT" 0 "--since yesterday: nothing that recent"
count_of --since 1y ''
expect_eq "$COUNT" 2 "--since 1y"
count_of --since 100y ''
expect_eq "$COUNT" 9 "--since 100y"

# "today" is the local calendar day: two zones 25 hours apart never share one.
if [ -e /usr/share/zoneinfo/Pacific/Kiritimati ] && [ -e /usr/share/zoneinfo/Pacific/Pago_Pago ]; then
    mkdir -p "$WORK/zones"
    kiritimati=$(TZ=Pacific/Kiritimati date +%F)
    pago=$(TZ=Pacific/Pago_Pago date +%F)
    printf 'Kiritimati Dispatch\n\nNews from the first time zone.\n' >"$WORK/zones/$kiritimati-first.txt"
    printf 'Pago Pago Dispatch\n\nNews from the last time zone.\n' >"$WORK/zones/$pago-last.txt"
    run "$NEWSINDEX" build --db "$WORK/zones-index" "$WORK/zones"
    expect_rc 0 "build the time zone articles"
    run env TZ=Pacific/Kiritimati "$NEWSSEARCH" --db "$WORK/zones-index" --ids --since today ''
    expect_eq "$OUT" "$kiritimati-first.txt" "--since today in Kiritimati"
    run env TZ=Pacific/Pago_Pago "$NEWSSEARCH" --db "$WORK/zones-index" --ids --since today --until today ''
    expect_eq "$OUT" "$pago-last.txt" "--since today --until today in Pago Pago"
    run env TZ=Pacific/Pago_Pago "$NEWSSEARCH" --db "$WORK/zones-index" --count --since yesterday --until yesterday ''
    expect_eq "$OUT" 0 "yesterday in Pago Pago"
else
    echo "time zone part skipped: no Pacific/Kiritimati and Pacific/Pago_Pago in /usr/share/zoneinfo"
fi

# Bad dates: one line naming the value, exit 2.
for bad in 2010-02-30 2010-13 soon 7x 20100420; do
    run "$NEWSSEARCH" --since "$bad" Bakiyev
    expect_rc 2 "--since $bad"
    expect_lines "$ERR" 1 "--since $bad: one line"
    expect_contains "$ERR" "invalid date '$bad' for --since" "--since $bad: the message names it"
done
run "$NEWSSEARCH" --until tomorrow ''
expect_rc 2 "--until tomorrow"
expect_contains "$ERR" "invalid date 'tomorrow' for --until (use YYYY-MM-DD" "--until: the forms it takes"
run "$NEWSSEARCH" --since 2010-05 --until 2010-04 ''
expect_rc 2 "--since after --until"
expect_contains "$ERR" "--since 2010-05-01 comes after --until 2010-04-30" "--since after --until message"

# The date facet's buckets follow the span of the matches.
search_json '' --since 2010-04-01 --until 2010-05-31 --facets date
expect_eq "$(jqo .date_bucket)" "day" "a span of days: day buckets"
expect_eq "$(jqo '[.facets.date[].value] | join(" ")')" "2010-04-20 2010-04-22 2010-04-23 2010-05-03" "day buckets"
search_json '' --until 2010-12-31 --facets date
expect_eq "$(jqo .date_bucket)" "year" "decades: year buckets"
expect_eq "$(jqo '[.facets.date[].value] | join(" ")')" "1987 2010" "year buckets"
expect_eq "$(jqo '[.facets.date[].count] | add')" "$(jqo .total)" "buckets add up to the total"
run "$NEWSSEARCH" --color never --since 2010-04 --until 2010-04 --facets date ''
expect_contains "$OUT" "3 matches" "text total under --since/--until"
expect_contains "$OUT" "      1  2010-04-22" "text day bucket"

# --- Spelling ------------------------------------------------------------------------
run "$NEWSSEARCH" --color never "Bakiyv extradtion"
expect_rc 0 "misspelt query"
expect_contains "$OUT" "Did you mean: bakiyev extradition?" "text suggestion"
expect_contains "$OUT" "No matches for Bakiyv extradtion; showing results for bakiyev extradition" \
    "nothing matched: the suggestion's results, said so"
expect_contains "$OUT" "1. Ousted Kyrgyz President Takes Refuge in Belarus" "the suggestion's hit"
expect_contains "$OUT" "1 match for bakiyev extradition" "the suggestion's total"
search_json "Bakiyv extradtion"
expect_eq "$(jqo .suggestion)" "bakiyev extradition" "json suggestion"
expect_eq "$(jqo .corrected)" "true" "json: the hits are the suggestion's"
expect_eq "$(jqo .total)" "1" "json: the suggestion's total"
expect_eq "$(jqo .query)" "Bakiyv extradtion" "json: the query as given"
search_json "Bakiyev extradtion OR Minsk"
expect_eq "$(jqo .suggestion)" "Bakiyev extradition OR Minsk" "a suggestion beside matches"
expect_eq "$(jqo .corrected)" "false" "matches: not corrected"
[ "$(jqo .total)" -ge 1 ] || fail "the query's own matches are kept"
run "$NEWSSEARCH" --color never --no-correct "Bakiyv extradtion"
expect_contains "$OUT" "Did you mean: bakiyev extradition?" "--no-correct still suggests"
expect_not_contains "$OUT" "showing results" "--no-correct shows no other results"
expect_contains "$OUT" "0 matches for Bakiyv extradtion" "--no-correct: the query's own total"
count_of "Bakiyv extradtion"
expect_eq "$COUNT" 0 "--count never corrects"
run "$NEWSSEARCH" --ids "Bakiyv extradtion"
expect_eq "$OUT" "" "--ids never corrects"
# An entity name's words are in the dictionary too.
search_json "Otunbayva" --facets none
expect_eq "$(jqo .suggestion)" "otunbayeva" "a person's name"
# Correct words, fields and other forms of a known word get none.
for fine in "Bakiyev extradition" "extraditions" "person:Bakiyv" "title:refgue" "1988"; do
    search_json "$fine" --facets none
    expect_eq "$(jqo .suggestion)" "null" "no suggestion for $fine"
done

# The dictionary follows the archive: a word only one article has is suggested while
# that article holds it, and no more once the article drops it or is deleted.
[ "$(grep -ril looting "$WORK/news" | wc -l)" -eq 1 ] || fail "looting should be in one article only"
search_json "lootnig" --facets none
expect_eq "$(jqo .suggestion)" "looting" "a word of one article"
cp "$WORK/news/feature.json" "$WORK/feature.json.orig"
sed -i 's/[Ll]ooting/unrest/g' "$WORK/news/feature.json"
touch -d '1 minute ago' "$WORK/news/feature.json"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "rebuild after the article changed"
search_json "lootnig" --facets none
expect_not_contains "$(jqo .suggestion)" "looting" "the changed article's old word is gone"
cp "$WORK/feature.json.orig" "$WORK/news/feature.json"
run "$NEWSINDEX" build "$WORK/news"
search_json "lootnig" --facets none
expect_eq "$(jqo .suggestion)" "looting" "the word is back with the article"
rm "$WORK/news/feature.json"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "rebuild after the article was deleted"
expect_contains "$OUT" "1 removed" "the article was removed"
search_json "lootnig" --facets none
expect_not_contains "$(jqo .suggestion)" "looting" "the deleted article's word is gone"
run "$NEWSSEARCH" --color never "lootnig"
expect_not_contains "$OUT" "looting" "text: no suggestion of the deleted article's word"
# Words other articles share stay.
search_json "Otunbayva" --facets none
expect_eq "$(jqo .suggestion)" "otunbayeva" "a word another article shares stays"
cp "$WORK/feature.json.orig" "$WORK/news/feature.json"
run "$NEWSINDEX" build "$WORK/news"

# A sharded index suggests from all its shards (Xapian sums their dictionaries).
run "$NEWSINDEX" build --db "$WORK/sharded" --shards 2 -q "$WORK/news"
expect_rc 0 "sharded build"
search_json "Bakiyv extradtion" --db "$WORK/sharded" --facets none
expect_eq "$(jqo .suggestion)" "bakiyev extradition" "sharded: a suggestion"
expect_eq "$(jqo .total)" "1" "sharded: the suggestion's results"
# A remote database has no dictionary Xapian can reach: no suggestion, and no error.
if command -v xapian-tcpsrv >/dev/null && command -v python3 >/dev/null; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # In a session of its own: stopping, the server signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$NEWSINDEX_DB" >"$WORK/tcpsrv.log" 2>&1 &
    server=$!
    trap 'kill "$server" 2>/dev/null || true; rm -rf "$WORK"' EXIT
    for _ in $(seq 100); do
        grep -q "Listening" "$WORK/tcpsrv.log" && break
        sleep 0.1
    done
    echo "remote 127.0.0.1:$port" >"$WORK/remote.stub"
    search_json "Bakiyv extradtion" --db "$WORK/remote.stub" --facets none
    expect_eq "$(jqo .suggestion)" "null" "remote: no suggestion"
    expect_eq "$(jqo .total)" "0" "remote: the query's own total"
    search_json "Bakiyev extradition OR Kyrgyzstan" --db "$WORK/remote.stub" --explain --facets none
    expect_eq "$(jqo '[.hits[] | select((([.explain[].weight] | add // 0) - .score | fabs) > 1e-9 * ([.score, 1] | max))] | length')" \
        0 "remote: explain weights add up"
    [ "$(jqo '.hits | length')" -ge 1 ] || fail "remote: no hits to explain"
    kill "$server" 2>/dev/null || true
else
    echo "remote part skipped: xapian-tcpsrv (Debian xapian-tools) or python3 missing"
fi

# --- Explain -------------------------------------------------------------------------
# check_explain QUERY [OPTIONS...]: each hit's term weights add up to its score.
check_explain() {
    local query=$1
    shift
    search_json "$query" --explain --limit 20 --facets none "$@"
    [ "$(jqo '.hits | length')" -ge 1 ] || fail "explain '$query': no hits"
    local bad
    bad=$(jqo '[.hits[] | select((([.explain[].weight] | add // 0) - .score | fabs) > 1e-9 * ([.score, 1] | max))] | length')
    expect_eq "$bad" 0 "explain '$query': weights add up to the score"
    expect_eq "$(jqo '[.hits[] | select(.explain | length == 0)] | length')" 0 \
        "explain '$query': every hit explained"
}
check_explain "Bakiyev extradition"
check_explain "Bakiyev OR Kyrgyzstan OR Minsk"
check_explain "Bakiyev extradition OR Kyrgyzstan"
check_explain "(Bishkek AND looting) OR (Bakiyev AND Minsk)"
check_explain '"interim government" OR Bishkek'
check_explain 'Bishkek NOT looting'
check_explain 'extradit* OR title:refuge'
check_explain 'place:Kyrgyzstan reopen'
check_explain '' --like 2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt
search_json "Bakiyev extradition" --explain --facets none
expect_eq "$(jqo '[.hits[0].explain[].term] | sort | join(" ")')" "Zextradit bakiyev" "explain terms"
expect_eq "$(jqo '.hits[0].explain[0] | keys | join(",")')" "term,termfreq,wdf,weight" "explain entry keys"
expect_eq "$(jqo '[.hits[0].explain[] | select(.term == "bakiyev") | .termfreq][0]')" 2 "termfreq"
run "$NEWSSEARCH" --color never --explain "Bakiyev extradition"
expect_contains "$OUT" "   score " "text: the score"
expect_contains "$OUT" "  bakiyev  (wdf " "text: a line per term"
expect_contains "$OUT" "  extradit (stem)  (wdf " "text: stems said so"
run "$NEWSSEARCH" --color never "Bakiyev extradition"
expect_not_contains "$OUT" "score" "no explanation unless asked"

# --- Fields --------------------------------------------------------------------------
search_json Bakiyev --fields id,title,date
expect_eq "$(jqo '[.hits[] | keys | join(",")] | unique | join(" ")')" "date,id,title" "--fields: json keys"
search_json Bakiyev --fields score,explain
expect_eq "$(jqo '[.hits[] | keys | join(",")] | unique | join(" ")')" "explain,score" "--fields explain"
run "$NEWSSEARCH" --format jsonl --fields rank,path Bakiyev
expect_rc 0 "--format jsonl --fields"
expect_eq "$(jq -r 'keys | join(",")' <<<"$OUT" | sort -u)" "path,rank" "--fields: jsonl keys"
run "$NEWSSEARCH" --format csv --fields date,id,title Bakiyev
expect_rc 0 "--format csv --fields"
expect_eq "$(head -n 1 <<<"$OUT" | tr -d '\r')" "date,id,title" "--fields: csv header"
expect_contains "$OUT" "2010-04-20,2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt,Ousted Kyrgyz President" "--fields: csv row"
search_json Bakiyev
expect_eq "$(jqo '.hits[0] | keys | join(",")')" "date,entities,id,language,path,percent,rank,score,snippet,source,story,story_size,subtitle,title,url" "default json fields"
run "$NEWSSEARCH" --json --fields id,body Bakiyev
expect_rc 2 "--fields with an unknown field"
expect_lines "$ERR" 1 "unknown field: one line"
expect_contains "$ERR" "unknown field 'body' (valid fields: rank,id,path,title,subtitle,date,source,url,language,author,score,percent,snippet,entities,story,story_size,explain)" "unknown field message"
run "$NEWSSEARCH" --fields id Bakiyev
expect_rc 2 "--fields with text output"

# --- Help and manual pages -----------------------------------------------------------
run "$NEWSSEARCH" --help
expect_rc 0 "--help"
for text in "Query syntax" "NEAR/3" "ADJ" "extradit*" "title:refuge" "person:Bakiyev" \
    'org:"European Union"' "date:2010-04-01..2010-04-30" "--since" "--until" "7d, 2w" \
    "--like" "--explain" "--fields" "--format" "jsonl" "csv" "Did you mean"; do
    expect_contains "$OUT" "$text" "--help documents $text"
done
help=$OUT
run "$NEWSSEARCH" help
expect_eq "$OUT" "$help" "newssearch help is --help"

for page in newssearch newsindex; do
    [ -f "$PROJECT_ROOT/docs/$page.1" ] || fail "docs/$page.1 missing"
done
if command -v groff >/dev/null; then
    for page in newssearch newsindex; do
        run groff -man -Tutf8 -ww -z "$PROJECT_ROOT/docs/$page.1"
        expect_rc 0 "groff renders docs/$page.1"
        expect_eq "$ERR" "" "docs/$page.1 renders without warnings"
    done
    rendered=$(groff -man -Tutf8 "$PROJECT_ROOT/docs/newssearch.1" 2>/dev/null | sed 's/.\x08//g')
    for text in "QUERY SYNTAX" "NEAR/3" "--since" "--explain" "--fields" "7d 2w 3m 1y"; do
        expect_contains "$rendered" "$text" "the manual page documents $text"
    done
else
    echo "manual page rendering skipped: groff is not installed"
fi
BUILD=$(dirname "$NEWSINDEX")
if [ -f "$BUILD/cmake_install.cmake" ]; then
    run cmake --install "$BUILD" --prefix "$WORK/prefix"
    expect_rc 0 "cmake --install"
    for page in newssearch newsindex; do
        cmp -s "$WORK/prefix/share/man/man1/$page.1" "$PROJECT_ROOT/docs/$page.1" ||
            fail "share/man/man1/$page.1 not installed"
    done
fi

# --- Reuters-21578: real newswire, dated by folder from the collection's own dates ------
tarball="$SHARED/datasets/reuters21578/dev.tar.xz"
if [ ! -f "$tarball" ]; then
    echo "Reuters part skipped: $tarball not found (../shared is absent)"
    finish
    exit 0
fi
source "$(dirname "$0")/reuters_sample.sh"
reuters_sample "$tarball" "$WORK/reuters" 3000
# The day of each sampled article, from its folder.
find "$WORK/reuters" -type f | sed -E 's#.*/([0-9]{4})/([0-9]{2})/([0-9]{2})/[^/]*$#\1-\2-\3#' \
    >"$WORK/reuters-days"
sample=$(grep -c '' "$WORK/reuters-days")
[ "$sample" -ge 2900 ] || fail "Reuters sample: $sample articles"
export NEWSINDEX_DB="$WORK/reuters-index"
run "$NEWSINDEX" build "$WORK/reuters"
expect_rc 0 "build the Reuters sample"
expect_contains "$OUT" "$sample articles read, $sample indexed" "every sampled article indexed"

# Dates: counts match the collection's own dates.
expected_between() {  # expected_between FIRST LAST: sampled articles dated FIRST..LAST
    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b' "$WORK/reuters-days" | grep -c '' || true
}
for range in "1987-03-01 1987-03-31" "1987-04-01 1987-04-30" "1987-03-10 1987-03-12" \
    "1987-06-01 1987-10-31" "1987-02-26 1987-02-26"; do
    set -- $range
    count_of --since "$1" --until "$2" ''
    expect_eq "$COUNT" "$(expected_between "$1" "$2")" "Reuters --since $1 --until $2"
done
count_of --since 1987-04 --until 1987-04 ''
expect_eq "$COUNT" "$(expected_between 1987-04-01 1987-04-30)" "Reuters a month"
count_of --since 1987-06 ''
expect_eq "$COUNT" "$(expected_between 1987-06-01 1987-12-31)" "Reuters --since a month"
search_json '' --facets date --limit 0
expect_eq "$(jqo .date_bucket)" "month" "Reuters: eight months in month buckets"
expect_eq "$(jqo '[.facets.date[].count] | add')" "$sample" "Reuters: buckets add up"
search_json oil --facets date --limit 0 --since 1987-04-01 --until 1987-04-30
expect_eq "$(jqo .date_bucket)" "day" "Reuters: a month in day buckets"
expect_eq "$(jqo '[.facets.date[].count] | add')" "$(jqo .total)" "Reuters: day buckets add up"
count_of oil
all_oil=$COUNT
count_of --since 1987-04 --until 1987-04 oil
[ "$COUNT" -gt 0 ] && [ "$COUNT" -lt "$all_oil" ] || fail "Reuters: --since/--until narrow oil: $COUNT of $all_oil"

# Spelling on a real vocabulary.
search_json "bundesbakn interest rates" --facets none
expect_eq "$(jqo .suggestion)" "bundesbank interest rates" "Reuters: bundesbank"
expect_eq "$(jqo .corrected)" "true" "Reuters: corrected"
[ "$(jqo .total)" -ge 1 ] || fail "Reuters: the suggestion finds articles"
search_json "cocoa exprots" --facets none
expect_eq "$(jqo .suggestion)" "cocoa exports" "Reuters: exports"
# Words the articles hold are spelt right, even beside a more frequent neighbour ("rates"
# and "rate", which Xapian 1.4 alone would offer).
for fine in opec "interest rates" "oil prices" "tariffs"; do
    search_json "$fine" --facets none --limit 0
    expect_eq "$(jqo .suggestion)" "null" "Reuters: no suggestion for $fine"
done

# Explain on real ranking.
check_explain '"interest rates" AND (fed OR bundesbank)'
check_explain 'oil prices OR opec'
check_explain 'crude NEAR/5 output' --since 1987-03

finish
