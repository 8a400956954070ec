#!/usr/bin/env bash
# The archive-wide entity table: one name per entity across articles with exact counts,
# filters that follow aliases (learned and curated), companies never people, and
# `entities --top`; kept current as articles come and go.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entities" "$WORK/news"
printf 'person\tThe Gipper\tRonald Reagan\n' >"$WORK/aliases.tsv"
run "$NEWSINDEX" build --aliases "$WORK/aliases.tsv" "$WORK/news"
expect_rc 0 "build"

# "Reagan" alone (one article) is Ronald Reagan, named in full in another.
facet person
expect_contains "$FACET" "Ronald Reagan=2" "short form joins the full name"
[[ ";$FACET" != *";Reagan="* ]] || fail "short form still a facet value: $FACET"
# A company the tagger calls a person in one article is an organisation everywhere.
expect_not_contains "$FACET" "Merrill" "company never a person"
facet org
expect_contains "$FACET" "Merrill Lynch and Co Inc=2" "both articles under one company"
# One article says "Federal Reserve" and "Fed": it counts once; the curated alias joins
# the article that says "Fed" alone.
expect_contains "$FACET" "Federal Reserve=3" "Fed and Federal Reserve: one value, exact count"
expect_not_contains "$FACET" "Fed=" "no separate Fed value"

# Filters follow the entity, however it is named.
for filter in 'person:Reagan' 'person:"Ronald Reagan"' 'person:reagan' 'person:"The Gipper"'; do
    count "$filter"
    expect_eq "$COUNT" "2" "$filter"
done
for filter in 'org:Fed' 'org:"Federal Reserve"' 'org:FED'; do
    count "$filter"
    expect_eq "$COUNT" "3" "$filter"
done
count 'org:"Merrill Lynch"'
expect_eq "$COUNT" "2" "org:Merrill Lynch"

# The table, as users see it.
run "$NEWSINDEX" entities --top 5 --kind person --json
expect_rc 0 "entities --top"
expect_eq "$(jqo '.[0].name')" "Ronald Reagan" "top person"
expect_eq "$(jqo '.[0].articles')" "2" "top person's articles"
expect_eq "$(jqo '.[0].aliases | index("Reagan") != null')" "true" "alias listed"
run "$NEWSINDEX" entities --top 3
expect_rc 0 "entities --top, text"
expect_contains "$OUT" "Federal Reserve  (also: Fed)" "text listing shows aliases"
expect_lines "$OUT" 3 "--top 3 lists three"
run "$NEWSINDEX" entities --top 3 --kind people
expect_rc 2 "bad --kind"
run "$NEWSINDEX" entities --top 3 "$WORK/news/1987-03-04-fed-rates.txt"
expect_rc 2 "--top with files"

# Deletions count too: with the full name gone, "Reagan" stands for itself again.
rm "$WORK/news/1987-03-02-reagan-budget.txt"
run "$NEWSINDEX" build --aliases "$WORK/aliases.tsv" "$WORK/news"
expect_rc 0 "build after a deletion"
facet person
[[ ";$FACET" == *";Reagan=1"* ]] || fail "short form back once its full name is gone: $FACET"
expect_not_contains "$FACET" "Ronald Reagan" "no article names Ronald Reagan any more"
facet org
expect_contains "$FACET" "Federal Reserve=2" "Fed count follows the deletion"

# A malformed alias file is a usage error naming the line; nothing is touched.
printf 'org\tFed\n' >"$WORK/bad.tsv"
run "$NEWSINDEX" build --aliases "$WORK/bad.tsv" "$WORK/news"
expect_rc 2 "bad alias file"
expect_contains "$ERR" "bad.tsv:1:" "error names file and line"

finish
