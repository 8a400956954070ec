#!/usr/bin/env bash
# Feeds, wire items, e-mail, PDF and Markdown from tests/fixtures/formats: what show reads
# from each, a build of all of them (the broken ones each reported on one line while the
# build goes on), keyword: filters, and content sniffing (a feed named .txt, a PDF
# without an extension).
source "$(dirname "$0")/lib.sh"

IN="$WORK/in"
cp -r "$FIXTURES/formats" "$IN"

show() {  # show FILE: newsindex show --json of one fixture, in $OUT
    run "$NEWSINDEX" show --json --no-entities "$IN/$1"
}

show feed.rss
expect_rc 0 "show feed.rss"
expect_eq "$(jqo 'length')" "2" "feed.rss: two items with text, the empty one skipped"
expect_contains "$ERR" "feed.rss: item 3: no title or text, skipped" "feed.rss: the empty item on one line"
expect_eq "$(jqo '.[0].id')" "$IN/feed.rss#gazette-1001" "feed.rss: id from the guid"
expect_eq "$(jqo '.[1].id')" "$IN/feed.rss#https://gazette.example/2010/04/21/ferry" "feed.rss: id from the link"
expect_eq "$(jqo '.[0].title')" "Council approves harbour plan" "feed.rss: title"
expect_eq "$(jqo '.[0].subtitle')" "The quay will be rebuilt." "feed.rss: description as subtitle beside full content"
expect_contains "$(jqo '.[0].body')" "the mayor of Säby said" "feed.rss: content:encoded, from ISO-8859-1"
expect_eq "$(jqo '.[0].date')" "2010-04-20" "feed.rss: pubDate"
expect_eq "$(jqo '.[0].source')" "Harbour Gazette" "feed.rss: the channel title as source"
expect_eq "$(jqo '.[0].author')" "Ann Smith" "feed.rss: dc:creator"
expect_eq "$(jqo '.[0].keywords | join(";")')" "Politics;Harbour" "feed.rss: categories"
expect_eq "$(jqo '.[1].title')" "Ferry & bus timetables change" "feed.rss: escaped title"
expect_eq "$(jqo '.[1].body')" "New timetables start on Monday." "feed.rss: escaped HTML description"

show feed.atom
expect_eq "$(jqo '.[0].id')" "$IN/feed.atom#tag:port.example,2010:quay" "atom: id from the entry id"
expect_eq "$(jqo '.[1].id')" "$IN/feed.atom#item-2" "atom: a repeated id falls back to the position"
expect_eq "$(jqo '.[0].source')" "Port News" "atom: feed title, HTML stripped"
expect_eq "$(jqo '.[0].date')" "2010-05-03" "atom: published before updated"
expect_eq "$(jqo '.[0].url')" "https://port.example/2010/05/quay" "atom: alternate link"
expect_contains "$(jqo '.[0].body')" "The works last two years." "atom: xhtml content"

show story.nitf
expect_eq "$(jqo '.[0].title')" "Council approves harbour plan" "nitf: hl1"
expect_eq "$(jqo '.[0].subtitle')" "Quay to be rebuilt by 2012" "nitf: hl2"
expect_eq "$(jqo '.[0].author')" "Ann Smith" "nitf: byline"
expect_eq "$(jqo '.[0].date')" "2010-04-20" "nitf: date.issue"
expect_eq "$(jqo '.[0].source')" "Gazette Wire" "nitf: distributor"
expect_eq "$(jqo '.[0].keywords | join(";")')" "harbour;council" "nitf: key-list"

show item.g2.xml
expect_eq "$(jqo '[.[].id] | join(" ")')" "$IN/item.g2.xml#1 $IN/item.g2.xml#2" "newsml-g2: a message of two items"
expect_eq "$(jqo '.[0].subtitle')" "Quay to be rebuilt" "newsml-g2: sub-headline"
expect_eq "$(jqo '.[0].keywords | join(";")')" "politics;harbour" "newsml-g2: named subjects and keywords"
expect_eq "$(jqo '.[0].source')" "Gazette Wire" "newsml-g2: provider"

show story.newsml1.xml
expect_eq "$(jqo '.[0].subtitle')" "SÄBY, April 20, 2010" "newsml 1: dateline as subtitle"
expect_eq "$(jqo '.[0].author')" "Ann Smith" "newsml 1: byline"
expect_eq "$(jqo '.[0].date')" "2010-04-20" "newsml 1: FirstCreated"

show release.eml
expect_eq "$(jqo '.[0].title')" "Harbour plan – press release" "eml: base64 encoded-word subject"
expect_eq "$(jqo '.[0].source')" "Säby Press Office" "eml: Q-encoded sender name"
expect_eq "$(jqo '.[0].body')" "$(printf 'The council of Säby approved the harbour plan on Tuesday.\n\nWork starts in the spring.')" \
    "eml: quoted-printable ISO-8859-1 text part, signature dropped"

show releases.mbox
expect_eq "$(jqo '[.[].id] | join(" ")')" "releases.mbox#1 releases.mbox#2" "mbox: a message each, named as a build names them"
expect_contains "$(jqo '.[1].body')" "Ferry timetables change on Monday" "mbox: base64 HTML part"
expect_contains "$ERR" "releases.mbox: message 3: no subject or text" "mbox: empty message on one line"

show page.mht
expect_eq "$(jqo '.[0].title')" "Quay works begin" "mht: the page's headline"
expect_eq "$(jqo '.[0].source')" "Port News" "mht: the page's site name"

show release.pdf
expect_eq "$(jqo '.[0].title')" "Council approves harbour plan" "pdf: largest first-page line (metadata title is a file name)"
expect_eq "$(jqo '.[0].date')" "2010-04-20" "pdf: CreationDate"
expect_eq "$(jqo '.[0].author')" "City Press Office" "pdf: Author"
expect_contains "$(jqo '.[0].body')" "after a long debate. Work on the new quay" "pdf: lines joined"

show notes.md
expect_eq "$(jqo '.[0].title')" "Harbour plan: what changes" "markdown: front matter title"
expect_eq "$(jqo '.[0].body')" "$(printf 'The council approved the harbour plan on Tuesday.\n\nWork starts in the spring.\n\nIt ends in 2012.')" "markdown: markup dropped"
show ferry.md
expect_eq "$(jqo '.[0].title')" "Ferry timetables change" "markdown: first heading"
expect_eq "$(jqo '.[0].date')" "2010-04-21" "markdown: date line"

for bad in encrypted.pdf truncated.pdf entities.xml sitemap.xml; do
    show "$bad"
    expect_rc 1 "show $bad"
    expect_lines "$ERR" 1 "$bad: one line"
done
expect_contains "$(run "$NEWSINDEX" show "$IN/encrypted.pdf"; echo "$ERR")" "encrypted PDF" "encrypted PDF named"

# Sniffing: what the bytes are, whatever the name says.
cp "$IN/story.nitf" "$IN/wire-story"
cp "$IN/release.pdf" "$IN/release-copy.txt"
run "$NEWSINDEX" show --json --no-entities "$IN/wire-story" "$IN/release-copy.txt"
expect_rc 0 "show sniffed files"
expect_eq "$(jqo '[.[].title] | join(";")')" "Council approves harbour plan;Council approves harbour plan" "sniffed NITF and PDF"

run "$NEWSINDEX" build "$IN"
expect_rc 1 "build with broken files"
expect_contains "$OUT" "17 articles read, 17 indexed" "build: every good file indexed"
expect_contains "$OUT" "4 failed" "build: the four broken files failed"
expect_eq "$(grep -c 'encrypted.pdf' <<<"$ERR")" "1" "build: the encrypted PDF on one line"
count 'keyword:harbour'
expect_eq "$COUNT" "5" "keyword:harbour"
count 'keyword:Harbour keyword:politics'
expect_eq "$COUNT" "2" "two keyword filters: both"
count 'quay'
[ "$COUNT" -ge 3 ] || fail "quay: $COUNT matches"
search_json 'keyword:politics' --limit 5
expect_contains "$(jqo '[.hits[].id] | join(" ")')" "feed.rss#gazette-1001" "keyword hit id"

# New mail at the end of a mailbox: the next build writes that message and nothing else.
printf '\nFrom desk@example.org Wed Apr 21 08:00:00 2010\nFrom: Desk <desk@example.org>\nSubject: Lighthouse repainted\n\nThe old lighthouse was repainted.\n' >>"$IN/releases.mbox"
run "$NEWSINDEX" build "$IN"
expect_contains "$OUT" "1 articles read, 1 indexed" "build after new mail: only the new message"
count 'lighthouse repainted'
expect_eq "$COUNT" "1" "the new message is searchable"
count 'ferry timetables'
[ "$COUNT" -ge 1 ] || fail "the mailbox's earlier messages stay: $COUNT matches"
finish
