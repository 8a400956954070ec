#!/usr/bin/env bash
# Words that name nothing: a word the dictionary writes only in lower case ("Rhino")
# is no person or place alone, unless a longer name holds it ("Standard and Poor's");
# common words glued before a person's name are cut ("Feminist Glenn Fleishman",
# "Aunt Miranda"); events ("Vietnam War"), religions, coordinates and a table's repeated
# cells ("Nelson Nelson") and words in camel case ("PostgreSQL") are no people, bodies or
# places. Real names stay.
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

# Titles of works a page sets in italics are no entities ("The Florida Project", a film);
# a place or a newspaper in italics stays, and so do names in an italic credit line.
cat >"$WORK/news/films.html" <<'HTML'
<html><head><title>Films of the year</title></head><body><article>
<h1>Films of the year</h1>
<p>Sean Baker shot <em>The Florida Project</em> in Kissimmee, and <i>Whale Rider</i> was
filmed near Whangara. <em>The Florida Project</em> opened in Toronto, as
<i>The New York Times</i> reported, and critics in <i>Florida</i> praised it.</p>
<p>Sean Baker said the motel was real. Critics wrote about the film for weeks, and the
studio in Los Angeles said the motel stays open.</p>
<p><em>Watch it on</em> <em>Amazon</em><em>, or on</em> <em>Vudu</em><em>.</em></p>
</article></body></html>
HTML
run "$NEWSINDEX" entities --json "$WORK/news/films.html"
expect_rc 0 "entities films.html"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
for work in "Florida Project" "Whale Rider"; do
    expect_not_contains "|$all|" "|$work|" "$work, a title in italics, is no entity"
done
for name in "Sean Baker" Florida "New York Times" Amazon Vudu; do
    expect_contains "|$all|" "|$name|" "$name stays"
done
# A one-word name in camel case is an identifier, a product or a user name, no person or
# place ("PostgreSQL", "ScreamMyName"); surnames written so after a particle stay.
cat >"$WORK/news/code.txt" <<'TXT'
Databases And Senators

Washington, May 2

Senator Joseph McCarthy spoke in Washington on Tuesday. The engineers moved the archive to PostgreSQL in Boston, and a user called ScreamMyName posted the results. Governor Ron DeSantis said he would visit. McCarthy said the move was done. Visitors came from PostgreSQL to Chicago. ScreamMyName said the release was faster.
TXT
run "$NEWSINDEX" entities --json "$WORK/news/code.txt"
expect_rc 0 "entities code.txt"
all=$(jqo '[.[0].entities[][] | .name] | join("|")')
for code in PostgreSQL ScreamMyName; do
    expect_not_contains "|$all|" "|$code|" "$code, a word in camel case, is no entity"
done
for name in "Joseph McCarthy" "Ron DeSantis" Boston; do
    expect_contains "|$all|" "|$name|" "$name stays"
done
finish
