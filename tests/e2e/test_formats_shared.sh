#!/usr/bin/env bash
# The real sample files of datasets/formats/ (WARC, zip, tar.gz, gzipped text and HTML),
# and Reuters dev, whose own index.tsv gives every article its date through --meta.
source "$(dirname "$0")/lib.sh"

F="$SHARED/datasets/formats"
[ -d "$F/warc" ] || skip "no formats samples at $F (set NEWSINDEX_SHARED)"

C="$WORK/formats"
mkdir -p "$C"
for d in warc zip tar-gz txt-gz html-gz; do cp -r "$F/$d" "$C/"; done
run "$NEWSINDEX" build --no-entities "$C"
expect_rc 0 "build of the samples (truncated and undecodable ones are warnings)"
expect_contains "$ERR" "resiliparse-clipped.warc.gz: record 1 (http://www.houstonpress.com/" "the truncated record is named"
expect_contains "$ERR" "Content-Encoding br is not read" "a Brotli payload is named"

# WARC: HTML responses only, with the target URI and the record's date.

count 'chance rapper'
expect_eq "$COUNT" 1 "the truncated Houston Press review is read as far as it goes"
search_json 'Example Domain'
expect_eq "$(jqo '.hits[0].url')" "http://example.com/" "warcio: the gzip-coded page behind the target URI"
expect_eq "$(jqo '.hits[0].id')" "warc/warcio-example.warc.gz#3" "warcio: record id"
search_json 'Archiveteam' --limit 20
expect_contains "$(jqo '[.hits[].url] | join(" ")')" "http://www.archiveteam.org/index.php?title=Main_Page" "warcat: chunked page"
search_json 'data.gov.uk' --limit 50
n=$(jqo '[.hits[] | select(.id | startswith("warc/discovery-data.gov.uk-revisits-2014.warc.gz#"))] | length')
expect_eq "$n" 6 "data.gov.uk: the HTML responses, not the 55 revisits"

# Archives: every article member, ids with "!/".

search_json 'robotics' --limit 20
expect_contains "$(jqo '[.hits[].id] | join(" ")')" "zip/gum-news-stored.zip!/articles/GUM_news_afghan.txt" "stored zip member"
search_json 'stampede'
expect_contains "$(jqo '[.hits[].id] | join(" ")')" "zip/gum-news-deflate.zip!/articles/GUM_news_stampede.txt" "deflated zip member"
search_json 'iodine'
expect_eq "$(jqo '.hits[0].id')" "tar-gz/gum-news-by-date.tar.gz!/news/2006/02/23/GUM_news_iodine.txt" "tar member in dated folders"
expect_eq "$(jqo '.hits[0].date')" "2006-02-23" "its date"
search_json 'Manchin'
expect_eq "$(jqo '.hits[0].id')" "html-gz/trafilatura-webpage.html.gz" "gzipped HTML"
expect_eq "$(jqo '.hits[0].date')" "2021-10-25" "gzipped HTML keeps the page's date"
count 'warming'
[ "$COUNT" -ge 1 ] || fail "the second member of a two-member gzip is read"

run "$NEWSINDEX" build --no-entities "$C"
expect_contains "$OUT$ERR" "0 articles read" "unchanged samples are not read again"

# Reuters dev: the dateline gives no year; index.tsv (id, file, date, title, ...) does.
tarball="$SHARED/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "no Reuters dev at $tarball: its part is left out"; finish; exit 0; }
R="$WORK/reuters"
mkdir -p "$R"
tar -xJf "$tarball" -C "$R"
total=$(find "$R/articles" -name '*.txt' | wc -l)
run "$NEWSINDEX" build --no-entities --db "$WORK/reuters-index" "$R" --meta "$R/index.tsv"
expect_rc 0 "Reuters build with its index.tsv"
expect_contains "$OUT$ERR" "$total articles read" "every article read"
run "$NEWSSEARCH" --db "$WORK/reuters-index" --count 'date:1987-01-01..1987-12-31'
expect_eq "$OUT" "$total" "every Reuters article has its 1987 date"
run "$NEWSSEARCH" --db "$WORK/reuters-index" --json --no-correct 'title:"BAHIA COCOA REVIEW"'
expect_eq "$(jqo '.hits[0].date')" "1987-02-26" "reuters-00001's date from the table"
run "$NEWSINDEX" build --no-entities --db "$WORK/reuters-index" "$R" --meta "$R/index.tsv"
expect_contains "$OUT$ERR" "0 articles read" "the same table again reads nothing"
finish
