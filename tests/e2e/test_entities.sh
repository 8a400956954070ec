#!/usr/bin/env bash
# newsindex entities on the seed article: its people, places and organizations, each
# once and canonical; the JSON shape; errors.
source "$(dirname "$0")/lib.sh"

SEED="$PROJECT_ROOT/corpus/2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt"
run "$NEWSINDEX" entities --json "$SEED"
expect_rc 0 "entities --json"
expect_eq "$(jqo 'length')" "1" "one object per article"
expect_eq "$(jqo '.[0] | keys | join(",")')" "entities,id,title" "article keys"
expect_eq "$(jqo '.[0].entities | keys | join(",")')" "org,person,place" "entity kinds"
expect_eq "$(jqo '.[0].title')" "Ousted Kyrgyz President Takes Refuge in Belarus" "title"
expect_eq "$(jqo '.[0].entities.person[0] | keys | join(",")')" "count,mentions,name" "entity keys"

names() { jqo "[.[0].entities.$1[].name] | join(\"|\")"; }
people=$(names person)
for person in "Kurmanbek Bakiyev" "Alexander Lukashenko" "Roza Otunbayeva" "Dmitri Medvedev" \
              "Edil Baisalov" "Anatoly Serdyukov" "Islam Karimov" "Catherine Ashton"; do
    expect_contains "|$people|" "|$person|" "person $person"
done
# Mr. Bakiyev, Bakiyev and Kurmanbek Bakiyev are one person, the most mentioned.
expect_eq "$(jqo '.[0].entities.person[0].name')" "Kurmanbek Bakiyev" "Bakiyev first"
[ "$(jqo '.[0].entities.person[0].count')" -ge 5 ] || fail "Bakiyev counted once per mention"
expect_eq "$(jqo '[.[0].entities.person[].name | select(. == "Bakiyev" or . == "Mr. Bakiyev")] | length')" "0" \
    "no separate surname-only entity"
expect_eq "$(jqo '[.[0].entities[][] | .name] | length')" "$(jqo '[.[0].entities[][] | .name] | unique | length')" \
    "each entity once"
places=$(names place)
for place in Belarus Minsk Bishkek Kazakhstan Kyrgyzstan Moscow; do
    expect_contains "|$places|" "|$place|" "place $place"
done
expect_not_contains "|$places|" "|Kyrgyzstan's|" "possessive stripped"
orgs=$(names org)
expect_contains "$orgs" "European Union" "org European Union"
expect_contains "$orgs" "Organization for Security and Cooperation in Europe" "org OSCE"

# Plain text lists kinds and counts.
run "$NEWSINDEX" entities "$SEED"
expect_rc 0 "entities text"
expect_contains "$OUT" "Kurmanbek Bakiyev" "text output names"

# A missing file: one line naming it, the others still processed, exit 1.
run "$NEWSINDEX" entities --json "$WORK/missing.txt" "$SEED"
expect_rc 1 "missing file"
expect_contains "$ERR" "missing.txt" "missing file named"
expect_eq "$(jqo 'length')" "1" "other files still processed"
finish
