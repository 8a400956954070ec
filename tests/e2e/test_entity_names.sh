#!/usr/bin/env bash
# What a name is: a lone given name names nobody unless the article names the person in
# full; strong mentions ("President Obama", "the Obama administration") decide a name's
# kind across the document; software and demonyms are no entities; a short form joins the
# one full name the archive holds, even one written out in a single article; "X and Y"
# bodies kept whole, headline verbs and trailing periods cut.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entity_names" "$WORK/news"
names() {  # names FILE KIND: "name=count|..." of one article
    run "$NEWSINDEX" entities --json "$WORK/news/$1"
    expect_rc 0 "entities $1"
    NAMES=$(jqo "[.[0].entities.$2[] | \"\(.name)=\(.count)\"] | join(\"|\")")
}

# Lone given names: "Fiona" joins "Fiona Hill" of the same article; "Max", "Ben" and
# "Hugh", never named in full, are nobody.
names a1.txt person
expect_contains "|$NAMES|" "|Fiona Hill=2|" "Fiona joins Fiona Hill"
expect_not_contains "|$NAMES|" "|Fiona=" "no lone Fiona"
names a2.txt person
for given in Max Ben Hugh; do
    expect_not_contains "|$NAMES|" "|$given=" "lone given name $given"
done

# Document-level kind: "Obama" is read as a place in bare mentions (Obama is a city in
# Japan), but a title and "the Obama administration" say person, for every mention.
names a3.txt person
expect_contains "|$NAMES|" "|Obama=4|" "Obama a person, all mentions"
names a3.txt place
expect_not_contains "|$NAMES|" "|Obama=" "Obama no place"

# Software, formats and demonyms are no entities.
cat >"$WORK/news/a4.txt" <<'TXT'
New Software Released

Paris, Apr 1

The company said its GUI now opens PDF files faster, and JavaScript runs on the CPU. Americans bought the Mac version.
TXT
run "$NEWSINDEX" entities --json "$WORK/news/a4.txt"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
for word in GUI PDF JavaScript CPU Americans Mac; do
    expect_not_contains "|$all|" "|$word|" "$word is no entity"
done
rm "$WORK/news/a4.txt"

# "X and Y" kept whole when the whole is one body's name; two bodies split; a trailing
# period is no second name; a headline verb is no part of the name before it.
cat >"$WORK/news/a5.txt" <<'TXT'
Reagan Renews Pledge On Drug Rules

Washington, May 2

The U.S. Food and Drug Administration approved the drug on Tuesday, the company said. Salomon Brothers Inc. handled the offering.

The International Monetary Fund and World Bank will meet in June.
TXT
run "$NEWSINDEX" entities --json "$WORK/news/a5.txt"
orgs=$(jqo '[.[0].entities.org[] | .name] | join("|")')
expect_contains "|$orgs|" "|U.S. Food and Drug Administration|" "X and Y body kept whole"
expect_not_contains "|$orgs|" "|Drug Administration|" "no cut body"
expect_contains "|$orgs|" "|International Monetary Fund|" "two bodies split (first)"
expect_contains "|$orgs|" "|World Bank|" "two bodies split (second)"
expect_contains "|$orgs|" "|Salomon Brothers Inc|" "trailing period dropped"
people=$(jqo '[.[0].entities.person[] | .name] | join("|")')
expect_not_contains "$people" "Renews" "headline verb cut"
rm "$WORK/news/a5.txt"

# "AP" is the Associated Press only beside its credit.
printf 'Station Launch\n\nMOSCOW (AP) \xe2\x80\x94 A Russian rocket lifted off, AP reported.\n' >"$WORK/news/a6.txt"
printf 'TV Review\n\nThe new TV from AP is fine, says the review. AP makes good sets.\n' >"$WORK/news/a7.txt"
run "$NEWSINDEX" entities --json "$WORK/news/a6.txt" "$WORK/news/a7.txt"
expect_eq "$(jqo '[.[0].entities.org[].name] | join("|")')" "Associated Press" "AP credit"
expect_not_contains "$(jqo '[.[1].entities.org[].name] | join("|")')" "Associated Press" "AP without credit"
rm "$WORK/news/a6.txt" "$WORK/news/a7.txt"

# The archive: "Reagan" (two articles) joins "Ronald Reagan", written out in one.
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
search_json '' --limit 0 --facet-limit 100
people=$(jqo '.facets.person | map("\(.value)=\(.count)") | join(";")')
expect_contains ";$people;" ";Ronald Reagan=3;" "short form joins the full name seen once"
[[ ";$people" != *";Reagan="* ]] || fail "Reagan still a value of its own: $people"
count 'person:Reagan'
expect_eq "$COUNT" "3" "person:Reagan finds all three"
finish
