#!/usr/bin/env bash
# The Reuters-21578 dev articles from ../shared: 18,880 real newswire stories. Indexes
# them all and checks that the example query answers sensibly.
source "$(dirname "$0")/lib.sh"

tarball="$SHARED/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || skip "$tarball not found (../shared is absent)"
tar -xJf "$tarball" -C "$WORK"

start=$(date +%s)
run "$NEWSINDEX" build "$WORK/articles"
expect_rc 0 "build"
expect_contains "$OUT" "18880 articles read, 18880 indexed" "every article indexed"
echo "build: $(($(date +%s) - start)) s, index $(du -sh "$NEWSINDEX_DB" | cut -f1)"

search_json '"interest rates" AND (fed OR bundesbank)' --limit 10
total=$(jqo .total)
echo "\"interest rates\" AND (fed OR bundesbank): $total matches"
[ "$total" -ge 50 ] || fail "too few matches: $total"
expect_eq "$(jqo .total_exact)" "true" "exact total"
# Every one of the top hits really has the phrase and one of the banks.
for i in $(seq 0 9); do
    id=$(jqo ".hits[$i].id")
    text=$(tr '[:upper:]' '[:lower:]' <"$WORK/articles/$id" | tr -s ' \n' ' ')
    [[ "$text" == *"interest rates"* ]] || fail "hit $i ($id) lacks the phrase"
    [[ "$text" == *fed* || "$text" == *bundesbank* ]] || fail "hit $i ($id) lacks fed/bundesbank"
    expect_contains "$(jqo ".hits[$i].snippet")" "[[" "hit $i snippet marks a term"
done
# Facets over a real result set: places and organizations named in the matches.
expect_eq "$(jqo '.facets.place | length > 0')" "true" "place facet"
expect_eq "$(jqo '.facets.org | length > 0')" "true" "org facet"
finish
