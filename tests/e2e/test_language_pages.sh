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
finish
