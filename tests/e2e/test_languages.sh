#!/usr/bin/env bash
# Articles in many languages: each one's language found and stored, its words stemmed in
# that language, accents folded, Chinese and Japanese split into n-grams, a lang: filter
# and a language facet, and no English-tagger entities from text in another language.
source "$(dirname "$0")/lib.sh"

cp -r "$FIXTURES/languages" "$WORK/news"
rm "$WORK/news/README.md"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"

# The language of each article, as show and the JSON hits give it.
for pair in fr-assemblee:fr pt-saopaulo:pt es-elecciones:es de-bahn:de ru-bishkek:ru \
    zh-rengong:zh ja-jishin:ja en-rates:en en-coffee:en; do
    file=${pair%%:*}
    lang=${pair##*:}
    run "$NEWSINDEX" show "$WORK/news/$file.txt"
    expect_contains "$OUT" "language: $lang" "$file detected as $lang"
    search_json "lang:$lang" --fields id,language
    expect_contains "$(jqo '[.hits[] | select(.id == "'"$file"'.txt") | .language] | join(",")')" \
        "$lang" "lang:$lang finds $file, its hit says $lang"
done
count "lang:FR-fr"
expect_eq "$COUNT" "1" "lang: takes any case and a region"

# Stemmed in each article's own language: another form of a word finds it.
for pair in "député:fr-assemblee" "chuva:pt-saopaulo" "ciudadano:es-elecciones" \
    "streik:de-bahn" "переговор:ru-bishkek" "Lokführers:de-bahn"; do
    word=${pair%%:*}
    search_json "$word" --fields id
    expect_eq "$(jqo '[.hits[].id] | join(",")')" "${pair##*:}.txt" "'$word' finds ${pair##*:} by its stem"
done

# Accents: a query without them finds the accented spelling; one with them finds both,
# the spelling as written first; snippets show the text as written.
search_json "deputes" --fields id,snippet
expect_eq "$(jqo '[.hits[].id] | join(",")')" "fr-assemblee.txt" "deputes finds députés"
expect_contains "$(jqo '.hits[0].snippet')" "[[députés]]" "the snippet shows the word as written"
search_json "Sao Paulo" --fields id
expect_eq "$(jqo '.total')" "2" "Sao Paulo finds São Paulo and Sao Paulo"
search_json '"São Paulo"' --fields id
expect_eq "$(jqo '[.hits[].id] | join(",")')" "pt-saopaulo.txt,en-coffee.txt" \
    "the phrase with accents ranks the accented spelling first"
count "Lokfuhrer"
expect_eq "$COUNT" "1" "umlauts fold too"
count "elétrica"
expect_eq "$COUNT" "1" "the accented query still finds the accented word"

# Chinese and Japanese words, inside text with no spaces.
for pair in "人工智能:zh-rengong" "研究:zh-rengong" "地震:ja-jishin" "気象庁:ja-jishin"; do
    word=${pair%%:*}
    search_json "$word" --fields id
    expect_eq "$(jqo '[.hits[].id] | join(",")')" "${pair##*:}.txt" "'$word' finds ${pair##*:}"
done

# The language facet, and no English-tagger entities from the other languages.
search_json '' --limit 0 --facets language
expect_eq "$(jqo '.facets.language | map("\(.value)=\(.count)") | join(";")')" \
    "en=2;de=1;es=1;fr=1;ja=1;pt=1;ru=1;zh=1" "language facet"
for lang in fr pt es de ru zh ja; do
    search_json "lang:$lang" --fields entities
    expect_eq "$(jqo '[.hits[].entities[][]] | length')" "0" "no entities from $lang text"
done

# Country names in other languages count under their English names (iso-codes).
mkdir "$WORK/given"
cat >"$WORK/given/places.jsonl" <<'JSONL'
{"title": "Gespräche in Berlin", "body": "Die Regierung hat am Montag neue Gespräche mit den Nachbarländern angekündigt, die in der kommenden Woche beginnen sollen.", "entities": {"places": ["Deutschland"]}}
{"title": "Négociations à Paris", "body": "Le gouvernement a annoncé lundi de nouvelles négociations avec les pays voisins, qui doivent commencer la semaine prochaine.", "entities": {"places": ["Allemagne", "Royaume-Uni"]}}
JSONL
export NEWSINDEX_DB="$WORK/given-index"
run "$NEWSINDEX" build "$WORK/given"
expect_rc 0 "build of given foreign place names"
facet place
expect_eq "$FACET" "Germany=2;Britain=1" "Deutschland and Allemagne are Germany"
count "place:Deutschland"
expect_eq "$COUNT" "2" "place:Deutschland finds Germany"

# Text too short to tell takes the build's default language.
mkdir "$WORK/short"
printf 'Oui\n\nMerci.\n' >"$WORK/short/oui.txt"
export NEWSINDEX_DB="$WORK/short-index"
run "$NEWSINDEX" build --language fr "$WORK/short"
expect_rc 0 "build --language fr"
search_json "lang:fr" --fields id,language
expect_eq "$(jqo '[.hits[] | "\(.id):\(.language)"] | join(",")')" "oui.txt:fr" "short text in the default"
run "$NEWSINDEX" build --language French "$WORK/short"
expect_rc 2 "--language takes a code"
expect_contains "$ERR" "--language must be an ISO 639-1 code" "--language error"

finish
