#!/usr/bin/env bash
# Words that name nothing: a word the dictionary writes only in lower case ("Rhino")
# is no person or place alone, unless a longer name holds it ("Standard and Poor's");
# common words glued before a person's name are cut ("Feminist Glenn Fleishman",
# "Aunt Miranda"); events ("Vietnam War"), religions, coordinates and a table's repeated
# cells ("Nelson Nelson") are no people, bodies or places. Real names stay.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entity_words" "$WORK/news"
run "$NEWSINDEX" entities --json "$WORK/news/museum.txt"
expect_rc 0 "entities museum.txt"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
for junk in Rhino "Haunted Izuku" "Feminist Glenn Fleishman" \
    "Vietnam War" "Great Depression" Islam "Nelson Nelson" "41°17′S 174°27′E"; do
    expect_not_contains "|$all|" "|$junk|" "$junk is no entity"
done
expect_contains "|$(jqo '[.[0].entities.person[] | .name] | join("|")')|" "|Glenn Fleishman|" \
    "the person after a glued word"
expect_contains "|$(jqo '[.[0].entities.place[] | .name] | join("|")')|" "|Springfield|" \
    "a place stays"

# A dictionary word that a longer name holds stays for the archive to join: "Poor" of
# "Standard and Poor's" (the firm's name, tagged in pieces).
cat >"$WORK/news/ratings.txt" <<'TXT'
Ratings Cut

New York, May 2

Standard and Poor's cut the rating of the notes, and Duff and Phelps did the same. Aunt Miranda said so.
TXT
run "$NEWSINDEX" entities --json "$WORK/news/ratings.txt"
expect_rc 0 "entities ratings.txt"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
expect_not_contains "|$all|" "|Aunt Miranda|" "a word before a lone given name"
expect_not_contains "|$all|" "|Miranda|" "the lone given name left after the cut"
for part in Poor Duff; do
    [[ "|$all|" == *"$part"* ]] || fail "$part, part of a firm's name, dropped: $all"
done
finish
