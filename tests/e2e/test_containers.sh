#!/usr/bin/env bash
# Archives, compressed files and WARC (libarchive): members and pages as articles with
# their ids, a changed archive re-reading only what changed, and bad input (a path that
# leaves the archive, a decompression bomb, truncated streams) costing one line each.
source "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C" "$WORK/src/2010/04"
story() {  # story FILE TITLE WORD
    printf '%s\n\nBISHKEK, April 20\n\nThe story about %s was filed from Bishkek on Tuesday, officials said.\n' \
        "$2" "$3" >"$1"
}
story "$WORK/src/2010/04/one.txt" "Kyrgyz leader flees the capital" zebraone
story "$WORK/src/2010/04/two.txt" "Talks resume in Bishkek" zebratwo
printf '<html><head><title>Page three</title></head><body><article><h1>Page three</h1><p>A page about zebrathree and the markets of Osh, written for this test.</p></article></body></html>\n' \
    >"$WORK/src/2010/04/three.html"
printf 'not an article\n' >"$WORK/src/picture.png"
(cd "$WORK/src" && python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in ["2010/04/one.txt", "2010/04/two.txt", "2010/04/three.html", "picture.png"]:
        z.write(name)
    z.writestr("../../etc/passwd", "Evil title\n\nroot:x:0:0 zebraevil\n")
' "$C/bundle.zip")
tar -czf "$C/bundle.tar.gz" -C "$WORK/src" 2010
story "$WORK/single.txt" "A gzipped story" zebragz
gzip -c "$WORK/single.txt" >"$C/single.txt.gz"
story "$WORK/xzed.txt" "An xz story" zebraxz
xz -c "$WORK/xzed.txt" >"$C/xzed.txt.xz"
story "$WORK/bz.txt" "A bzip2 story" zebrabz
if command -v bzip2 >/dev/null; then bzip2 -c "$WORK/bz.txt" >"$C/bz.txt.bz2"; fi
# A gzip named as HTML is sniffed by its bytes: named .gz it is read, whatever the name inside.
printf '<html><head><title>Sniffed page</title></head><body><p>Zebrasniff is in this gzipped page without an extension, a paragraph long enough.</p></body></html>' |
    gzip -c >"$C/page.gz"

# A WARC: a warcinfo, a chunked and gzip-coded HTML response, a request, a revisit, an
# image, and a page that says its own date; one gzip member per record, as crawlers write.
python3 - "$C/crawl.warc.gz" <<'PY'
import gzip, sys
def record(kind, uri, date, block, ctype="application/http; msgtype=response"):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n")
page = b"<html><head><title>Chunked and gzipped</title></head><body><article><p>Zebrachunk appears in a page sent gzipped and chunked, as servers do.</p></article></body></html>"
body = gzip.compress(page)
chunked = b"".join(b"%x\r\n" % len(body[i:i+100]) + body[i:i+100] + b"\r\n" for i in range(0, len(body), 100)) + b"0\r\n\r\n"
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked
dated = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Dated page</title><meta property=\"article:published_time\" content=\"2009-05-06T10:00:00Z\"></head><body><article><p>Zebradated is in a page that gives its own publication date.</p></article></body></html>"
out = b"".join([
    record("warcinfo", "", "2014-03-25T12:00:00Z", b"software: test\r\n", "application/warc-fields"),
    record("request", "http://news.example/a", "2014-03-25T12:00:01Z", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
    record("response", "http://news.example/a", "2014-03-25T12:00:02Z", http),
    record("revisit", "http://news.example/a", "2014-03-26T12:00:00Z", b"HTTP/1.1 200 OK\r\n\r\n"),
    record("response", "http://news.example/logo.png", "2014-03-25T12:00:03Z", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG...."),
    record("response", "<http://news.example/dated>", "2014-03-25T12:00:04Z", dated),
])
open(sys.argv[1], "wb").write(out)
PY

run "$NEWSINDEX" build --no-entities "$C"
expect_rc 0 "first build"
expect_contains "$ERR" "bundle.zip: member ../../etc/passwd: a path outside the archive, not read" "traversal named"
count zebraevil
expect_eq "$COUNT" 0 "the traversal member is not indexed"
for word in zebraone zebratwo zebrathree; do
    count "$word"
    expect_eq "$COUNT" 2 "$word in the zip and the tar.gz"
done
for word in zebragz zebraxz zebrasniff zebrachunk zebradated; do
    count "$word"
    expect_eq "$COUNT" 1 "$word"
done
if [ -f "$C/bz.txt.bz2" ]; then
    count zebrabz
    expect_eq "$COUNT" 1 "bzip2"
fi
search_json zebraone
expect_contains "$(jqo '[.hits[].id] | join(" ")')" "bundle.zip!/2010/04/one.txt" "zip member id"
expect_contains "$(jqo '[.hits[].id] | join(" ")')" "bundle.tar.gz!/2010/04/one.txt" "tar member id"
search_json zebragz
expect_eq "$(jqo '.hits[0].id')" "single.txt.gz" "a compressed file's id is its name"
search_json zebrachunk
expect_eq "$(jqo '.hits[0].id')" "crawl.warc.gz#3" "WARC record id"
expect_eq "$(jqo '.hits[0].url')" "http://news.example/a" "WARC target URI"
expect_eq "$(jqo '.hits[0].date')" "2014-03-25" "WARC-Date when the page has none"
search_json zebradated
expect_eq "$(jqo '.hits[0].url')" "http://news.example/dated" "angle-bracketed URI"
expect_eq "$(jqo '.hits[0].date')" "2009-05-06" "the page's own date first"

run "$NEWSINDEX" show --no-entities "$C/crawl.warc.gz"
expect_rc 0 "show a WARC"
expect_contains "$OUT" "== crawl.warc.gz#3" "show names the record"
expect_contains "$OUT" "date:     2014-03-25 (from WARC-Date)" "show says where the date came from"

run "$NEWSINDEX" build --no-entities "$C"
expect_contains "$OUT$ERR" "0 articles read" "an unchanged run reads nothing"

# A changed archive: one member changed, one gone, one new; only those are read.
sleep 1
story "$WORK/src/2010/04/two.txt" "Talks resume in Bishkek again" zebratwochanged
rm "$WORK/src/2010/04/three.html"
story "$WORK/src/2010/04/four.txt" "A fourth story" zebrafour
tar -czf "$C/bundle.tar.gz" -C "$WORK/src" 2010
run "$NEWSINDEX" build --no-entities "$C"
expect_rc 0 "build after the archive changed"
expect_contains "$OUT$ERR" "2 articles read" "only the changed and the new member are read"
count zebratwochanged
expect_eq "$COUNT" 1 "changed member"
count zebrathree
expect_eq "$COUNT" 1 "the deleted member left the index (the zip keeps its own)"
count zebrafour
expect_eq "$COUNT" 1 "new member"
count zebraone
expect_eq "$COUNT" 2 "the unchanged member stays"

# Bad input: a decompression bomb, a truncated gzip, a truncated WARC; the build goes on.
B="$WORK/bad"
mkdir -p "$B"
# Text repeats compress a thousand times over: 300 MB from about 300 KB.
python3 -c '
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as out:
    for _ in range(300):
        out.write(b"zebrabomb goes off again and again\n" * 30000)
' "$B/bomb.txt.gz"
# Words that do not repeat, so that the cut falls well inside the stream.
python3 -c '
import gzip, random, sys
random.seed(7)
words = ["w%05d" % random.randrange(100000) for _ in range(60000)]
text = ("A long story cut short\n\nZebracut opens it. " + " ".join(words) + "\n").encode()
blob = gzip.compress(text)
open(sys.argv[1], "wb").write(blob[: len(blob) // 2])
last = gzip.compress(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: " + str(len(text)).encode() + b"\r\n\r\n" + text)
warc = open(sys.argv[3], "rb").read() + last
open(sys.argv[2], "wb").write(warc[: len(warc) - len(last) // 2])
' "$B/cut.txt.gz" "$B/cut.warc.gz" "$C/crawl.warc.gz"
printf 'not a zip at all, only text\n' >"$B/fake.zip"
cp "$WORK/single.txt" "$B/good.txt"
run "$NEWSINDEX" build --no-entities --db "$WORK/bad-index" "$B"
expect_contains "$ERR" "bomb.txt.gz: decompresses to more than" "bomb named"
expect_contains "$ERR" "cut.txt.gz: damaged or truncated" "truncated gzip named"
expect_contains "$ERR" "cut.warc.gz: damaged or truncated: truncated gzip input inside record 7" "truncated WARC named"
expect_contains "$ERR" "fake.zip: not a zip, tar, WARC or gzip, xz or bzip2 file" "a text named .zip"
run "$NEWSSEARCH" --db "$WORK/bad-index" --json zebragz --no-correct
expect_eq "$(jqo .total)" 1 "the good file is indexed beside the bad ones"
run "$NEWSSEARCH" --db "$WORK/bad-index" --json zebracut --no-correct
expect_eq "$(jqo .total)" 1 "a truncated gzip gives what came before the cut"
run "$NEWSSEARCH" --db "$WORK/bad-index" --json zebrachunk --no-correct
expect_eq "$(jqo .total)" 1 "a truncated WARC gives the records before the cut"

finish
