#!/usr/bin/env bash
# Real saved web pages in other languages than English (the readability pages of
# ../shared): French, Spanish, German, Czech, Chinese and Japanese. Each page's language is
# found, a stemmed form and an unaccented form of its words find it, CJK words find it,
# and the English tagger gives it no entities.
source "$(dirname "$0")/lib.sh"

TARBALL="${SHARED:-}/datasets/readability-pages/dev.tar.xz"
[ -f "$TARBALL" ] || skip "no $TARBALL (../shared is absent): the real-page test needs it"
pages="lemonde-1 la-nacion heise aktualne qq gmw yahoo-4 nytimes-1"
tar -xJf "$TARBALL" -C "$WORK" $(for p in $pages; do echo "pages/$p/source.html"; done)
mkdir "$WORK/news"
for p in $pages; do cp "$WORK/pages/$p/source.html" "$WORK/news/$p.html"; done
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"

for pair in lemonde-1:fr la-nacion:es heise:de aktualne:cs qq:zh gmw:zh yahoo-4:ja nytimes-1:en; do
    page=${pair%%:*}
    search_json "lang:${pair##*:}" --fields id,language,entities
    expect_contains "$(jqo '[.hits[] | select(.id == "'"$page"'.html") | .language] | join(",")')" \
        "${pair##*:}" "$page is in ${pair##*:}"
    [ "${pair##*:}" = en ] ||
        expect_eq "$(jqo '[.hits[] | select(.id == "'"$page"'.html") | .entities[][]] | length')" \
            "0" "no English-tagger entities from $page"
done

# The word as written, another form of it (the stemmer's), and without accents.
for pair in "députés:lemonde-1" "député:lemonde-1" "deputes:lemonde-1" \
    "indígenas:la-nacion" "indígena:la-nacion" "indigenas:la-nacion" \
    "Passwörter:heise" "Passwort:heise" "Passworter:heise" \
    "DeepMind:qq" "人工智能:qq" "宇航员:gmw" "太空:gmw" "トレンドマイクロ:yahoo-4" "暗号化:yahoo-4"; do
    word=${pair%%:*}
    search_json "$word" --fields id
    expect_contains ",$(jqo '[.hits[].id] | join(",")')," ",${pair##*:}.html," "'$word' finds ${pair##*:}"
done

search_json '' --limit 0 --facets language
expect_eq "$(jqo '.facets.language | map("\(.value)=\(.count)") | join(";")')" \
    "zh=2;cs=1;de=1;en=1;es=1;fr=1;ja=1" "language facet"

# Portuguese: a Brazilian court's real news feed (formats/rss, ISO-8859-1, pt-br), indexed
# on its own: its item is Portuguese, found by another form of its words and without
# accents, and the English tagger gives it no entities.
FEED="$SHARED/datasets/formats/rss/feedrs-rss_0.91_encoding_2.xml"
if [ -f "$FEED" ]; then
    mkdir "$WORK/feed"
    cp "$FEED" "$WORK/feed/"
    run "$NEWSINDEX" build --db "$WORK/feed-index" "$WORK/feed"
    expect_rc 0 "build the Portuguese feed"
    for word in lang:pt coronavírus Coronavirus magistrado prevencao preocupações; do
        expect_eq "$("$NEWSSEARCH" --db "$WORK/feed-index" --count -- "$word")" "1" \
            "'$word' finds the Portuguese item"
    done
    run "$NEWSSEARCH" --db "$WORK/feed-index" --json --fields entities ''
    expect_eq "$(jqo '[.hits[0].entities[][]] | length')" "0" "no English-tagger entities from Portuguese"
else
    echo "note: $FEED not found: the Portuguese feed is not checked"
fi
finish
