#!/usr/bin/env bash
# Words that name nothing: a word the dictionary writes only in lower case ("Rhino",
# "Executor") is no entity alone, nor is a person named by such words alone ("Public
# License"); common words glued before a person's name are cut ("Feminist Glenn
# Fleishman"); events ("Vietnam War"), religions, coordinates and a table's repeated
# cells ("Nelson Nelson") are no people, bodies or places. Real names stay.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entity_words" "$WORK/news"
run "$NEWSINDEX" entities --json "$WORK/news/museum.txt"
expect_rc 0 "entities museum.txt"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
for junk in Rhino Executor "Haunted Izuku" "Feminist Glenn Fleishman" \
    "Vietnam War" "Great Depression" Islam "Nelson Nelson" "41°17′S 174°27′E"; do
    expect_not_contains "|$all|" "|$junk|" "$junk is no entity"
done
expect_contains "|$(jqo '[.[0].entities.person[] | .name] | join("|")')|" "|Glenn Fleishman|" \
    "the person after a glued word"
expect_contains "|$(jqo '[.[0].entities.place[] | .name] | join("|")')|" "|Springfield|" \
    "a place stays"
finish
