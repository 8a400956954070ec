#!/usr/bin/env bash
# Bring your own entities: a JSON or JSON Lines record's "entities" (kind lists, spaCy's
# labelled mentions, GDELT's ";" strings) are used instead of the tagger's and pass
# through the archive's entity table; and articles in another language than English get
# no entities from the English tagger, with their language recorded.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/e2e/entities" "$WORK/news"
BODY='Robert Smithfield of Northwind Traders visited Lisbon on Tuesday to talk about cocoa.'
cat >"$WORK/news/given.json" <<JSON
{"title": "Cocoa talks", "body": "$BODY",
 "entities": {"persons": ["Reagan", {"name": "Ann Leeward", "count": 2}, "ann leeward"],
              "organizations": ["Acme Widgets Inc."], "places": ["Ghana"], "dates": ["Tuesday"]}}
JSON
cat >"$WORK/news/more.jsonl" <<JSONL
{"title": "Cocoa prices", "body": "$BODY", "entities": [{"text": "Ann Leeward", "label": "PERSON"}, {"text": "Accra", "label": "GPE"}, {"text": "Ghanaian", "label": "NORP"}]}
{"title": "Cocoa exports", "body": "$BODY", "entities": {"persons": "ann leeward;kofi annanberg", "locations": "1#Ghana#GH#GH#8#-1.0#1.0#GH"}}
{"title": "Cocoa, tagged", "body": "$BODY", "entities": {}}
JSONL

run "$NEWSINDEX" entities "$WORK/news/given.json"
expect_rc 0 "entities of a JSON article"
expect_contains "$OUT" $'person\tAnn Leeward\t3' "given names folded and counted"
expect_contains "$OUT" $'org\tAcme Widgets Inc\t1' "trailing period trimmed"
expect_contains "$OUT" $'place\tGhana\t1' "given place"
expect_not_contains "$OUT" "Smithfield" "the tagger's names are not used"
expect_not_contains "$OUT" "Tuesday" "unknown kinds skipped"

run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
facet person
expect_contains "$FACET" "Ann Leeward=3" "JSON, spaCy and GDELT forms: one value"
expect_contains "$FACET" "Kofi Annanberg=1" "GDELT names"
# Through the archive's table: "Reagan" joins the full name the text articles give.
expect_contains "$FACET" "Ronald Reagan=3" "given short form joins the archive's full name"
expect_not_contains "$FACET" "Smithfield" "no tagger names beside given ones"
facet place
expect_contains "$FACET" "Ghana=2" "GDELT location names"
expect_contains "$FACET" "Accra=1" "spaCy GPE"
expect_not_contains "$FACET" "Lisbon" "an empty entities object means none"
count 'person:"ann leeward"'
expect_eq "$COUNT" "3" "filter on a given name"

# Languages: French text gives no English-tagger names and says it is French.
cat >"$WORK/fr.txt" <<'TXT'
La Commission européenne propose un nouveau plan pour le climat

Parmi les mesures annoncées mardi à Bruxelles, la Commission européenne veut réduire les émissions de gaz à effet de serre de moitié avant la fin de la décennie. Un porte-parole a expliqué que les États membres devront présenter leurs propres plans avant l'été. Les associations écologistes saluent une avancée, mais jugent le calendrier trop lent pour les objectifs fixés par l'accord de Paris.

Le Parlement européen doit encore se prononcer sur le texte, qui divise les groupes politiques.
TXT
run "$NEWSINDEX" show "$WORK/fr.txt"
expect_rc 0 "show a French article"
expect_contains "$OUT" "language: fr" "language recorded"
run "$NEWSINDEX" entities "$WORK/fr.txt"
expect_lines "$OUT" 1 "no entities from French text (only the id line)"
run "$NEWSINDEX" show --json "$WORK/news/1987-03-04-fed-rates.txt"
expect_eq "$(jqo '.[0].language')" "en" "English recognised"
expect_eq "$(jqo '.[0].entities | length > 0')" "true" "English still tagged"
cp "$WORK/fr.txt" "$WORK/news/"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build with a French article"
facet person
expect_not_contains "$FACET" "Parmi" "no French word as a person"
facet place
expect_not_contains "$FACET" "Un=" "no French word as a place"

finish
