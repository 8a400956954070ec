#!/usr/bin/env bash
# newsindex show: what the index would store for each article (title, subtitle, date and
# its source, author, source, url, body, entities), as text and JSON; errors.
source "$(dirname "$0")/lib.sh"

PAGE="$WORK/2011/05/06/story.html"
mkdir -p "$(dirname "$PAGE")"
cat >"$PAGE" <<'HTML'
<!DOCTYPE html>
<html><head><title>Harbour budget agreed | Example Gazette</title>
<meta property="og:title" content="OG title loses to JSON-LD">
<meta property="og:description" content="The council agrees a budget for the harbour">
<meta property="og:url" content="https://gazette.example/harbour">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour budget agreed", "datePublished": "2015-07-24T05:36:09+01:00",
 "author": {"@type": "Person", "name": "Ann Lee"},
 "publisher": {"@type": "Organization", "name": "Example Gazette"}}
</script></head>
<body>
<div class="menu"><a href="/">Home</a> <a href="/sport">Sportsdesk</a></div>
<article class="card"><h2><a href="/t">Teaser about the zoo</a></h2></article>
<div class="story-body">
<h1>Harbour budget agreed</h1>
<p>The Kingsport city council agreed on Tuesday, after a long debate, a budget of four million
euros for the harbour, the mayor, Lena Holm, said.</p>
<p>Work on the new quays starts in April, and the harbour master, Jonas Berg, expects the first
ships to dock there by the end of the year, the council said.</p>
</div>
<div class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Celebrity roundup</a></li></ul></div>
<footer>Copyright Example Gazette</footer>
</body></html>
HTML

run "$NEWSINDEX" show --json "$PAGE"
expect_rc 0 "show --json"
expect_eq "$(jqo 'length')" "1" "one object per article"
expect_eq "$(jqo '.[0] | keys_unsorted | join(",")')" \
    "id,path,title,subtitle,date,date_source,author,language,source,url,keywords,body,entities" "keys"
expect_eq "$(jqo '.[0].title')" "Harbour budget agreed" "title from JSON-LD"
expect_eq "$(jqo '.[0].subtitle')" "The council agrees a budget for the harbour" "subtitle"
expect_eq "$(jqo '.[0].date')" "2015-07-24" "date"
expect_eq "$(jqo '.[0].date_source')" "json-ld" "date source"
expect_eq "$(jqo '.[0].author')" "Ann Lee" "author"
expect_eq "$(jqo '.[0].source')" "Example Gazette" "source"
expect_eq "$(jqo '.[0].url')" "https://gazette.example/harbour" "url"
body=$(jqo '.[0].body')
expect_contains "$body" "Work on the new quays starts in April" "body text"
for gone in Home Sportsdesk "Teaser about the zoo" "Most read" Celebrity Copyright; do
    expect_not_contains "$body" "$gone" "boilerplate '$gone' left out"
done
places=$(jqo '[.[0].entities.place[].name] | join("|")')
people=$(jqo '[.[0].entities.person[].name] | join("|")')
expect_contains "|$people|" "|Lena Holm|" "person entity"
expect_not_contains "|$people|$places|" "Celebrity" "no entity from the sidebar"

# Text output: the same fields, one per line, then the body.
run "$NEWSINDEX" show "$PAGE"
expect_rc 0 "show text"
expect_contains "$OUT" "title:    Harbour budget agreed" "text title"
expect_contains "$OUT" "date:     2015-07-24 (from json-ld)" "text date and source"
expect_contains "$OUT" "author:   Ann Lee" "text author"
expect_contains "$OUT" "entities:" "text entities"
expect_contains "$OUT" "Work on the new quays" "text body"

# --no-entities skips the tagger; a date from the path says so; plain text files too.
printf '<p>Only a short note about the harbour, without metadata.</p>\n' >"$WORK/2011/05/06/note.html"
run "$NEWSINDEX" show --json --no-entities "$WORK/2011/05/06/note.html" \
    "$PROJECT_ROOT/corpus/2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt"
expect_rc 0 "show --no-entities"
expect_eq "$(jqo '.[0] | has("entities")')" "false" "no entities key"
expect_eq "$(jqo '.[0].date_source')" "path" "date from the path"
expect_eq "$(jqo '.[1].title')" "Ousted Kyrgyz President Takes Refuge in Belarus" "text article"

# show writes nothing: no index appears.
[ ! -e "$NEWSINDEX_DB" ] || fail "show created an index"

# A missing file: one line naming it, the others still shown, exit 1; no files: usage.
run "$NEWSINDEX" show --json --no-entities "$WORK/missing.html" "$PAGE"
expect_rc 1 "missing file"
expect_contains "$ERR" "missing.html" "missing file named"
expect_eq "$(jqo 'length')" "1" "other files still shown"
run "$NEWSINDEX" show
expect_rc 2 "no files"

# A folder: every article under it, with the ids a build of the folder gives them; files
# of no article format and empty ones are passed over as a build passes them over.
make_sample_corpus "$WORK/news"
printf "II*\\0" >"$WORK/news/scan.tiff"
: >"$WORK/news/empty.txt"
run "$NEWSINDEX" show --json --no-entities "$WORK/news"
expect_rc 0 "show DIR"
expect_eq "$ERR" "" "show DIR: quiet about skipped files"
shown=$(jqo '.[].id' | sort)
[ "$(jqo length)" -ge 5 ] || fail "show DIR showed $(jqo length) articles"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/show-db" --no-entities -q
expect_rc 0 "build of the same folder"
indexed=$(NEWSINDEX_DB="$WORK/show-db" all_ids)
expect_eq "$shown" "$indexed" "show DIR shows every article the build indexes, by its id"
run "$NEWSINDEX" show --no-entities "$WORK/news" "$PAGE"
expect_rc 0 "show DIR FILE"
expect_contains "$OUT" "== 2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt" "text of DIR"
expect_contains "$OUT" "title:    Harbour budget agreed" "and the file after it"
finish
