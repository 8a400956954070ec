#!/usr/bin/env bash
# The feed, wire, mail, PDF and saved-page readers on the real samples of
# ../shared/datasets/formats (feed-parser, newsroom and mail-library test suites, US
# government PDFs): each file read, titles, dates and sources where the sample has them,
# the odd encodings of the README's "odd" column, and one build of them all.
source "$(dirname "$0")/lib.sh"

FORMATS="${SHARED:-}/datasets/formats"
[ -d "$FORMATS/rss" ] || skip "no $FORMATS (../shared is absent): the real-sample test needs it"
IN="$WORK/samples"
mkdir -p "$IN"
for kind in rss rdf atom nitf newsml-g2 newsml-1 eml mbox mhtml pdf; do
    cp -r "$FORMATS/$kind" "$IN/$kind"
done

show() {  # show KIND/FILE: newsindex show --json of one sample, in $OUT
    run "$NEWSINDEX" show --json --no-entities "$IN/$1"
    expect_rc 0 "show $1"
}

show rss/rssparser-guardian.rss
expect_eq "$(jqo 'length')" "55" "guardian: every item"
expect_eq "$(jqo '.[0].source')" "The Guardian" "guardian: source"
expect_eq "$(jqo '.[0].date')" "2018-01-31" "guardian: date"
expect_contains "$(jqo '.[0].keywords | join(";")')" "State of the Union address" "guardian: categories"
show rss/rssparser-uolNoticias.rss
expect_contains "$(jqo '.[0].title')" "simulações de 2º turno" "uol: Latin-1 without a declaration"
show rss/nodefp-iconv.xml
expect_eq "$(jqo '.[0].title')" "В Бузулуке главные стройплощадки – детсад и Ледовый дворец" "oren.ru: windows-1251"
show rss/feedrs-rss_0.91_encoding_2.xml
expect_contains "$(jqo '.[0].source')" "Tribunal de Justiça" "rss 0.91: ISO-8859-1"
show rdf/fe-slashdot.rdf.xml
expect_eq "$(jqo '.[0].date_source')" "dc:date" "rss 1.0: dc:date"
expect_eq "$(jqo '.[0].author')" "BeauHD" "rss 1.0: dc:creator"
show atom/nodefp-tpm.atom
expect_eq "$(jqo 'length')" "20" "tpm: every entry"
expect_eq "$(jqo '.[0].author')" "Esme Cribb" "tpm: author"
expect_contains "$(jqo '.[0].body')" "Sean Hannity" "tpm: escaped HTML content"

show nitf/superdesk-ap-nitf.xml
expect_eq "$(jqo '.[0].title')" "Can trading pollution like stocks help fight climate change?" "ap: hl1"
expect_eq "$(jqo '.[0].author')" "BERNARD CONDON" "ap: byline without its title"
expect_eq "$(jqo '.[0].date')" "2015-12-10" "ap: date.issue"
show nitf/superdesk-pa5.xml
expect_contains "$(jqo '.[0].body')" "£66 billion" "pa5: ISO-8859-1 bytes and character references"
show newsml-g2/iptc-LISTING_22_Sports_story_in_NewsML-G2NITF.xml
expect_contains "$(jqo '.[0].body')" "Citizens Bank Park" "g2: NITF body inside NewsML-G2"
show newsml-g2/superdesk-reuters-L1N14N0FF_version_1542761538.xml
expect_contains "$(jqo '.[0].title')" "Mississippi River" "reuters: ns0: prefixes, 'utf8' label"
show newsml-1/superdesk-afp20.xml
expect_eq "$(jqo '.[0].title')" "Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée" \
    "afp20: UTF-8 under an iso-8859-1 declaration"
expect_eq "$(jqo '.[0].language')" "fr" "afp20: French"

show eml/notmuch-iso-8859-1-qp.eml
expect_eq "$(jqo '.[0].title')" "Essai accentué" "qp: Q-encoded subject"
expect_contains "$(jqo '.[0].body')" "Du texte accentué pour ça" "qp: ISO-8859-1 quoted-printable body"
show eml/mail-raw_email-euc-kr-base64.eml
expect_contains "$(jqo '.[0].body')" "제 이름은" "euc-kr base64 body"
show eml/mail-japanese_iso_2022.eml
expect_eq "$(jqo '.[0].title')" "まみむめも" "iso-2022-jp subject"
show eml/superdesk-charset_in_subject_email.eml
expect_eq "$(jqo '.[0].title')" "Google Apps News March 2015" "blank lines before the headers"
show mbox/mimekit-content-length.mbox
expect_eq "$(jqo 'length')" "29" "content-length mbox: every message"
show mhtml/mhtml2html-iframes.mhtml
expect_eq "$(jqo '.[0].title')" "HTML - Iframes" "mhtml: the page's title"

show pdf/pdfplumber-federal-register-2020-17221.pdf
expect_eq "$(jqo '.[0].date')" "2020-08-06" "federal register: metadata date"
expect_contains "$(jqo '.[0].body')" "Federal Register" "federal register: text"
show pdf/camelot-census-12s0324.pdf
expect_eq "$(jqo '.[0].title')" "Arrests by Sex and Age" "census: metadata title"

run "$NEWSINDEX" build "$IN"
read_count=$(grep -o '[0-9]* articles read' <<<"$OUT" | cut -d' ' -f1)
[ "${read_count:-0}" -ge 300 ] || fail "build of the samples: $read_count articles ($ERR)"
# The samples that hold no article say so on one line each; nothing else fails.
failed=$(grep -o '[0-9]* failed' <<<"$OUT" | cut -d' ' -f1)
expect_eq "$failed" "2" "build: only the reference package and the metadata-only G2 item fail"
expect_contains "$ERR" "iptc-ap_metadata_example.xml: news item without headline or text" "metadata-only item named"
finish
