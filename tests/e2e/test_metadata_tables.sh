#!/usr/bin/env bash
# Metadata tables: newsindex-meta.tsv/.csv beside the articles and build --meta give the
# date, title, source, url and author over the readers'; a changed table updates the
# articles it names, and only those.
source "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C/sub" "$WORK/zipsrc"
printf 'First story\n\nText one about zebraalpha in Paris.\n' >"$C/sub/a.txt"
printf 'Second story\n\nText two about zebrabeta in Rome.\n' >"$C/sub/b.txt"
printf 'Third story\n\nText three about zebragamma in Oslo.\n' >"$C/sub/c.txt"
printf 'file\tdate\ttitle\tsource\turl\tauthor\tunknown\n./a.txt\t2001-02-03T10:00:00\tTable title A\tWire\thttp://w.example/a\tJane Roe\tx\nb.txt\t2002-03-04\t\t\t\t\ty\n' \
    >"$C/sub/newsindex-meta.tsv"
# A CSV with quoted cells naming records by id: a zip member and a JSON Lines record.
printf 'Zip story\n\nA member about zebradelta.\n' >"$WORK/zipsrc/d.txt"
(cd "$WORK/zipsrc" && python3 -c 'import zipfile; z = zipfile.ZipFile("../corpus/bundle.zip", "w"); z.write("d.txt"); z.close()')
printf '{"title": "Line one", "text": "A record about zebraepsilon."}\n{"title": "Line two", "text": "A record about zebrazeta."}\n' >"$C/feed.jsonl"
printf 'id,date,title\r\nbundle.zip!/d.txt,1999-12-31,"Zip, quoted ""title"""\r\nfeed.jsonl#2,1998-01-02,\r\n' >"$C/newsindex-meta.csv"

run "$NEWSINDEX" build --no-entities "$C"
expect_rc 0 "first build"
expect_contains "$OUT$ERR" "2 skipped (2 metadata table)" "the tables are no articles"
search_json zebraalpha
expect_eq "$(jqo '.hits[0].title')" "Table title A" "title from the table"
expect_eq "$(jqo '.hits[0].date')" "2001-02-03" "date from the table"
expect_eq "$(jqo '.hits[0].source')" "Wire" "source from the table"
expect_eq "$(jqo '.hits[0].url')" "http://w.example/a" "url from the table"
search_json zebrabeta
expect_eq "$(jqo '.hits[0].title')" "Second story" "an empty cell keeps the reader's title"
expect_eq "$(jqo '.hits[0].date')" "2002-03-04" "date of the second row"
search_json zebradelta
expect_eq "$(jqo '.hits[0].title')" 'Zip, quoted "title"' "CSV quoting, a member named by id"
expect_eq "$(jqo '.hits[0].date')" "1999-12-31" "member date"
search_json zebrazeta
expect_eq "$(jqo '.hits[0].date')" "1998-01-02" "a JSON Lines record named by id"
search_json zebraepsilon
expect_eq "$(jqo '.hits[0].date')" "null" "the record the table does not name"

run "$NEWSINDEX" show --no-entities "$C/sub"
expect_contains "$OUT" "date:     2001-02-03 (from metadata table)" "show reads the table"

run "$NEWSINDEX" build --no-entities "$C"
expect_contains "$OUT$ERR" "0 articles read" "nothing changed, nothing read"

# One row changed: that article alone is read again.
printf 'file\tdate\ttitle\nb.txt\t2005-05-05\t\na.txt\t2001-02-03T10:00:00\tTable title A\n' >"$C/sub/newsindex-meta.tsv"
run "$NEWSINDEX" build --no-entities "$C"
expect_contains "$OUT$ERR" "2 articles read" "the rows that changed (b's date; a lost source, url, author)"
search_json zebrabeta
expect_eq "$(jqo '.hits[0].date')" "2005-05-05" "the changed row"
search_json zebraalpha
expect_eq "$(jqo '.hits[0].source // ""')" "" "a cell gone from the table leaves the article"

# The table removed: its articles go back to what the reader found.
rm "$C/sub/newsindex-meta.tsv"
run "$NEWSINDEX" build --no-entities "$C"
search_json zebraalpha
expect_eq "$(jqo '.hits[0].title')" "First story" "no table, the reader's title"

# --meta: a table anywhere, by any name; one that names no column is one line and the build
# goes on.
printf 'file\tdate\ncorpus/sub/c.txt\t2010-04-20\n' >"$WORK/dates.tsv"
printf 'nothing\there\n' >"$WORK/bad.tsv"
run "$NEWSINDEX" build --no-entities "$C" --meta "$WORK/dates.tsv" --meta "$WORK/bad.tsv"
expect_rc 0 "build with --meta"
expect_contains "$ERR" "bad.tsv: the header row names no file or id column; the table is not used" "bad table named"
search_json zebragamma
expect_eq "$(jqo '.hits[0].date')" "2010-04-20" "--meta names files relative to the table"
run "$NEWSINDEX" build --no-entities "$C" --meta missing.tsv
expect_rc 2 "--meta of no file is a usage error"
finish
