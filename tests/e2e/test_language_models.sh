#!/usr/bin/env bash
# A tagger model for another language: `ner-train --language fr` keeps the language in the
# model, and a build whose model has ner.fr.model beside it tags the French articles with
# it (the English ones with the English model), while without it French articles get no
# tagged entities. A model file whose name and language disagree stops the build with one
# line naming it.
source "$(dirname "$0")/lib.sh"

models="$WORK/models"
mkdir -p "$models" "$WORK/news"
ln -s "$PROJECT_ROOT/models/ner.model" "$models/ner.model"
run "$NEWSINDEX" ner-train --language fr --hash-bits 14 --epochs 8 --no-gazetteer \
    --out "$models/ner.fr.model" "$FIXTURES/ner/tiny-fr.conll"
expect_rc 0 "ner-train --language fr"
run "$NEWSINDEX" ner-train --language French --out "$WORK/x.model" "$FIXTURES/ner/tiny-fr.conll"
expect_rc 2 "ner-train --language French"
expect_contains "$ERR" "--language takes an ISO 639-1 code" "the refusal says what it takes"

# A French article (its language found from the text) and an English one.
cat >"$WORK/news/macron.txt" <<'TEXT'
Emmanuel Macron à Marseille

Le président Emmanuel Macron est arrivé mardi à Marseille, où il a rencontré les élus de la ville. Parmi les invités figurait Christine Lagarde. Un accord a été signé avec les syndicats avant la fin de la visite.
TEXT
cp "$FIXTURES/languages/en-rates.txt" "$WORK/news/"

run "$NEWSINDEX" build --model "$models/ner.model" --db "$WORK/with-fr" "$WORK/news"
expect_rc 0 "build with a French model beside the English one"
run "$NEWSINDEX" show --model "$models/ner.model" "$WORK/news/macron.txt"
expect_contains "$OUT" "language: fr" "the article is French"
count_in() {  # count_in DB QUERY
    "$NEWSSEARCH" --db "$1" --count -- "$2"
}
expect_eq "$(count_in "$WORK/with-fr" 'person:"Emmanuel Macron"')" "1" "the French model tags the French article"
expect_eq "$(count_in "$WORK/with-fr" 'place:Marseille')" "1" "a place of the French article"
expect_eq "$(count_in "$WORK/with-fr" 'person:Parmi')" "0" "a French word is no person"
english=$("$NEWSSEARCH" --db "$WORK/with-fr" --json --fields entities --limit 1 -- lang:en |
    jq '[.hits[0].entities[] | length] | add')
[ "$english" -gt 0 ] || fail "the English article is still tagged, by the English model"

run "$NEWSINDEX" build --db "$WORK/english-only" "$WORK/news"
expect_rc 0 "build with the English model alone"
expect_eq "$(count_in "$WORK/english-only" 'person:"Emmanuel Macron"')" "0" \
    "without a French model the French article has no tagged entities"

# The name says German, the model is French: the build stops, naming the file.
cp "$models/ner.fr.model" "$models/ner.de.model"
run "$NEWSINDEX" build --model "$models/ner.model" --db "$WORK/wrong" "$WORK/news"
[ "$RC" -ne 0 ] || fail "a French model named ner.de.model was taken"
expect_contains "$ERR" "ner.de.model: holds a model for 'fr', not 'de'" "the error names the file"
expect_lines "$ERR" 1 "one line"

finish
