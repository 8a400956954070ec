#!/usr/bin/env bash
# The user's alias file corrects the entity table: a line suppresses a value or retypes
# one, a later line (or file) reversing a curated one wins cleanly with exact counts, a
# loop within one file is broken and reported, over-long names are refused, and a changed
# file takes effect at the next build.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entities" "$WORK/news"
# Reversal: "I want it called Fed", over the shipped "Fed -> Federal Reserve". One value,
# counted once, and every filter spelling gives the facet's count.
printf 'org\tFederal Reserve\tFed\n' >"$WORK/aliases.tsv"
run "$NEWSINDEX" build --aliases "$WORK/aliases.tsv" "$WORK/news"
expect_rc 0 "build with a reversing alias"
expect_not_contains "$ERR" "loops" "a later file reversing the shipped list is no loop"
facet org
expect_contains "$FACET" "Fed=3" "reversed: one value under the user's name"
expect_not_contains "$FACET" "Federal Reserve=" "no second value"
for filter in 'org:fed' 'org:"federal reserve"' 'org:"Federal Reserve Board"'; do
    count "$filter"
    expect_eq "$COUNT" "3" "$filter equals the facet count"
done

# Suppression, and a changed file takes effect at the next build (no --full).
printf 'org\tFederal Reserve\tFed\nperson\tRonald Reagan\t-\n' >"$WORK/aliases.tsv"
run "$NEWSINDEX" build --aliases "$WORK/aliases.tsv" "$WORK/news"
expect_rc 0 "build with a suppressing line"
facet person
expect_not_contains "$FACET" "Reagan" "suppressed person gone from the facet"
run "$NEWSINDEX" entities --top 20 --json
expect_rc 0 "entities --top"
expect_eq "$(jqo '[.[] | select(.suppressed and .name == "Ronald Reagan")] | length')" "1" \
    "entities --top shows what was suppressed"
run "$NEWSINDEX" entities --top 20
expect_contains "$OUT" "Ronald Reagan  (suppressed)" "text listing marks it"

# Retyping: a name written NAME<TAB>NAME becomes that kind everywhere.
printf 'place\tMerrill Lynch\tMerrill Lynch\n' >"$WORK/aliases.tsv"
run "$NEWSINDEX" build --aliases "$WORK/aliases.tsv" "$WORK/news"
expect_rc 0 "build with a retyping line"
facet place
expect_contains "$FACET" "Merrill Lynch=" "retyped to a place"
facet person
expect_contains "$FACET" "Ronald Reagan=2" "the suppression is gone with its line"

# A loop within one file: broken at its earliest line, reported naming file:line, and
# the later line wins.
printf 'org\tFed\tFederal Reserve\norg\tFederal Reserve\tFed\n' >"$WORK/loop.tsv"
run "$NEWSINDEX" build --aliases "$WORK/loop.tsv" "$WORK/news"
expect_rc 0 "build with a loop"
expect_contains "$ERR" "loop.tsv:1: \"Fed\" -> \"Federal Reserve\" loops back through" \
    "loop reported at its line"
expect_lines "$ERR" 1 "one line for one loop"
facet org
expect_contains "$FACET" "Fed=3" "the later line wins"
count 'org:"federal reserve"'
expect_eq "$COUNT" "3" "filter equals the facet count after a loop"

# Over-long names are refused with a message naming the line; nothing is built.
printf 'org\tFed\t%s\n' "$(head -c 300 /dev/zero | tr '\0' x)" >"$WORK/long.tsv"
run "$NEWSINDEX" build --aliases "$WORK/long.tsv" "$WORK/news"
expect_rc 2 "over-long name"
expect_contains "$ERR" "long.tsv:1: name longer than 200 bytes" "cap named"

finish
