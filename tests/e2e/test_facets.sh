#!/usr/bin/env bash
# Facet counts equal a brute-force count over every matching article's entities, and
# entity filters narrow results the way the facets promise.
source "$(dirname "$0")/lib.sh"

make_sample_corpus "$WORK/news"
make_generated_corpus "$WORK/news/generated" 300
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"

# For each query: facets from newssearch against counts recomputed with jq from the
# entities of every hit.
check_facets() {
    local query=$1 kind
    search_json "$query" --limit 100000 --facet-limit 100000
    local total
    total=$(jqo .total)
    expect_eq "$(jqo '.hits | length')" "$total" "all hits listed for '$query'"
    expect_eq "$(jqo .facets_exact)" "true" "facets exact for '$query'"
    for kind in person org place; do
        local expected actual
        expected=$(jqo "[.hits[].entities.$kind[]] | group_by(.) | map({value: .[0], count: length})
                        | sort_by(-.count, .value) | map(\"\(.value)=\(.count)\") | join(\";\")")
        actual=$(jqo ".facets.$kind | map(\"\(.value)=\(.count)\") | join(\";\")")
        expect_eq "$actual" "$expected" "$kind facet for '$query'"
    done
    local expected_dates actual_dates
    expected_dates=$(jqo '[.hits[] | select(.date != null) | .date] | length')
    actual_dates=$(jqo '[.facets.date[].count] | add // 0')
    expect_eq "$actual_dates" "$expected_dates" "date histogram sums to dated hits for '$query'"
}

check_facets ''
check_facets 'talks'
check_facets 'Kyrgyzstan OR Bishkek OR Minsk'
check_facets 'place:Minsk'
check_facets 'person:Lukashenko OR person:Otunbayeva'
check_facets 'date:2010'

# Every article matches the empty query, so the facets cover the whole index.
search_json '' --limit 0
expect_eq "$(jqo .total)" "307" "every article counted"

# A facet value used as a filter gives exactly its count.
search_json '' --limit 0 --facets place --facet-limit 3
top_places=$OUT
for i in 0 1 2; do
    value=$(printf '%s' "$top_places" | jq -r ".facets.place[$i].value")
    count=$(printf '%s' "$top_places" | jq -r ".facets.place[$i].count")
    search_json "place:\"$value\"" --limit 0 --facets none
    expect_eq "$(jqo .total)" "$count" "place:\"$value\" matches its facet count"
done

# The card: a facet-only query lists who co-occurs with Belarus.
run "$NEWSSEARCH" --color never 'place:Belarus' --limit 0
expect_rc 0 "facet-only query"
expect_contains "$OUT" "People:" "facet-only query shows people"
expect_contains "$OUT" "Kurmanbek Bakiyev" "Bakiyev co-occurs with Belarus"

# Surname search and several filters of one kind.
search_json 'person:Bakiyev' --limit 10 --facets none
expect_eq "$(jqo '[.hits[].id] | index("2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt") != null')" "true" "person:Bakiyev finds the seed"
search_json 'person:"Kurmanbek Bakiyev" person:"Alexander Lukashenko"' --limit 10 --facets none
expect_eq "$(jqo .total)" "1" "two person filters AND together"

# --estimate labels its counts.
search_json '' --estimate --limit 1
expect_eq "$(jqo '.facets_exact == false or .total_exact == true')" "true" "estimates are labelled"

finish
