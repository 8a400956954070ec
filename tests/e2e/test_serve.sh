#!/usr/bin/env bash
# newssearch serve: the JSON API against newssearch --json byte for byte, the refusals
# (4xx with a JSON error), escaping and security headers, a build showing up between
# requests, SIGTERM; then the page itself in headless Chromium (serve_browser.py; skipped
# with a message when Chromium is not installed).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/reuters_sample.sh"
command -v curl >/dev/null || skip "curl is not installed"

# Real articles: the shipped corpus and the e2e samples, and 300 Reuters articles when
# ../shared has them (else the entity fixtures and generated reports, so that a query
# still fills more than one page).
make_sample_corpus "$WORK/news"
tarball="$SHARED/datasets/reuters21578/dev.tar.xz"
if [ -f "$tarball" ]; then
    reuters_sample "$tarball" "$WORK/news/reuters" 300
    QUERY=said
else
    echo "note: $tarball not found: corpus/ and tests/fixtures only"
    cp -r "$FIXTURES/e2e/entities" "$WORK/news/entities"
    make_generated_corpus "$WORK/news/reports" 30
    QUERY=talks
fi
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
ARTICLES=$("$NEWSSEARCH" --count '')
SEED=2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt

source "$(dirname "$0")/serve_lib.sh"

# get PATH [CURL OPTIONS...]: the body in $WORK/body and $BODY, the status in $STATUS, the
# headers (lower case names) in $HEADERS.
get() {
    local path=$1
    shift
    STATUS=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$URL$path" 2>"$WORK/curl.err") || STATUS="curl failed: $(cat "$WORK/curl.err")"
    BODY=$(cat "$WORK/body")
    HEADERS=$(tr -d '\r' <"$WORK/headers" | sed 's/^[^:]*:/\L&/')
}
expect_status() {  # expect_status N what
    [ "$STATUS" == "$1" ] || fail "$2: HTTP $STATUS, expected $1 (body: ${BODY:0:300})"
}
# expect_json_error N what: status N, a JSON body {"error": "..."}.
expect_json_error() {
    expect_status "$1" "$2"
    expect_contains "$HEADERS" "content-type: application/json" "$2: JSON content type"
    [ "$(printf '%s' "$BODY" | jq -r '.error | type' 2>/dev/null)" == string ] ||
        fail "$2: no JSON error in: ${BODY:0:300}"
}
# same_as_cli WHAT CURL_ARGS... -- NEWSSEARCH_ARGS...: /api/search (or what CURL_ARGS
# name) gives exactly what newssearch --json prints.
same_as_cli() {
    local what=$1 curl_args=() cli_args=()
    shift
    while [ "$1" != "--" ]; do curl_args+=("$1"); shift; done
    shift
    cli_args=("$@")
    get "${curl_args[@]}"
    expect_status 200 "$what"
    "$NEWSSEARCH" --json "${cli_args[@]}" >"$WORK/cli.json" 2>"$WORK/cli.err" || fail "$what: newssearch failed: $(cat "$WORK/cli.err")"
    cmp -s "$WORK/body" "$WORK/cli.json" ||
        fail "$what: /api differs from newssearch --json: $(diff "$WORK/body" "$WORK/cli.json" | head -5)"
}

start=$(date +%s%N)
start_server
expect_eq "$(cat "$WORK/serve.err")" "serving $URL/ (index $NEWSINDEX_DB)" "start line"

get /healthz
expect_status 200 "/healthz"
expect_eq "$(jq -c . <<<"$BODY")" "{\"articles\":$ARTICLES,\"status\":\"ok\"}" "/healthz body"

# The API prints what newssearch --json prints, byte for byte.
same_as_cli "example query" /api/search -G --data-urlencode "q=Bakiyev extradition" -- "Bakiyev extradition"
same_as_cli "empty query" /api/search -- ''
same_as_cli "options" /api/search -G --data-urlencode "q=$QUERY" -d sort=-date -d limit=3 \
    -d offset=2 -d facets=person,date -d facet_limit=4 -d any=1 -- \
    --sort -date --limit 3 --offset 2 --facets person,date --facet-limit 4 --any "$QUERY"
same_as_cli "collapse" /api/search -G -d collapse=1 --data-urlencode "q=$QUERY" -- \
    --collapse "$QUERY"
expect_contains "$BODY" '"stories":' "collapse=1 counts stories"
same_as_cli "facet_order=notable" /api/search -G --data-urlencode "q=$QUERY" -d facet_order=notable -- \
    --facet-order notable "$QUERY"
expect_contains "$BODY" '"score"' "notable values carry their score"
get "/api/search?facet_order=sideways"
expect_json_error 400 "unknown facet_order"
same_as_cli "facets_by=story" /api/search -G --data-urlencode "q=$QUERY" -d facets_by=story -- \
    --facets-by story "$QUERY"
expect_eq "$(jq -r .facets_by <<<"$BODY")" story "facets_by=story counts stories"
get "/api/search?facets_by=word"
expect_json_error 400 "unknown facets_by"
get "/api/search?facets_by=story&facet_order=notable"
expect_json_error 400 "facets_by=story with the notable order"
same_as_cli "filters" /api/search -G --data-urlencode 'q=person:Bakiyev date:2010-04-01..2010-04-30' -- \
    'person:Bakiyev date:2010-04-01..2010-04-30'
same_as_cli "no facets" /api/search -G -d facets=none -d limit=0 --data-urlencode "q=$QUERY" -- \
    --facets none --limit 0 "$QUERY"
same_as_cli "/api/like" /api/like -G --data-urlencode "id=$SEED" -- --like "$SEED" ''
expect_contains "$BODY" '"hits"' "/api/like has hits"
expect_not_contains "$(printf '%s' "$BODY" | jq -r '.hits[].id')" "$SEED" "/api/like leaves the article out"
same_as_cli "like= on /api/search" /api/search -G --data-urlencode "like=$SEED" -d q=Belarus -- \
    --like "$SEED" Belarus
expect_contains "$HEADERS" "content-type: application/json; charset=utf-8" "API content type"
expect_contains "$HEADERS" "cache-control: no-store" "API is not cached"

# /feed.atom: the newest matches, read by a real feed parser as a feed reader would.
get /feed.atom -G --data-urlencode "q=$QUERY"
expect_status 200 "/feed.atom"
expect_contains "$HEADERS" "content-type: application/atom+xml; charset=utf-8" "feed content type"
"$NEWSSEARCH" --ids --sort -date --limit 20 "$QUERY" >"$WORK/feed-cli.ids" 2>"$WORK/cli.err" ||
    fail "newssearch --ids failed: $(cat "$WORK/cli.err")"
# Debian's python3-feedparser is installed for Debian's python3, whatever else PATH has.
FEED_PYTHON=python3
[ -x /usr/bin/python3 ] && FEED_PYTHON=/usr/bin/python3
if "$FEED_PYTHON" -c 'import feedparser' 2>/dev/null; then
    FEED_IDS=$("$FEED_PYTHON" - "$WORK/body" "$URL" <<'PY'
import sys, urllib.parse, feedparser
feed = feedparser.parse(open(sys.argv[1], "rb").read())
assert not feed.bozo, feed.bozo_exception
assert feed.version == "atom10", feed.version
assert feed.feed.title.startswith("newsindex: ")
for entry in feed.entries:
    assert entry.link.startswith(sys.argv[2] + "/article?id="), entry.link
    assert entry.updated_parsed, entry.id
    print(urllib.parse.unquote(entry.id.removeprefix("urn:newsindex:article:")))
PY
) || fail "feedparser refuses /feed.atom: $FEED_IDS"
    expect_eq "$FEED_IDS" "$(cat "$WORK/feed-cli.ids")" "feed entries are newssearch --sort -date's hits"
else
    echo "note: python3-feedparser is not installed: /feed.atom checked without a feed parser"
fi
expect_contains "$BODY" "<entry>" "the feed has entries"
get "/feed.atom?q=%22unclosed&format=csv"
expect_json_error 400 "a feed takes no format"

# The article view's API prints what newssearch show --json prints, byte for byte.
get /api/article -G --data-urlencode "id=$SEED" --data-urlencode "q=Bakiyev extradition"
expect_status 200 "/api/article"
"$NEWSSEARCH" show --json -q "Bakiyev extradition" "$SEED" >"$WORK/cli.json" 2>"$WORK/cli.err" ||
    fail "newssearch show failed: $(cat "$WORK/cli.err")"
cmp -s "$WORK/body" "$WORK/cli.json" ||
    fail "/api/article differs from newssearch show --json: $(diff "$WORK/body" "$WORK/cli.json" | head -5)"
get /api/article -G -d id=no-such-article.txt
expect_json_error 404 "article not found"
get /api/article
expect_json_error 400 "article without id"
get "/api/article?id=a&id=b"
expect_json_error 400 "article: repeated id"
get "/api/article?id=$SEED&limit=3"
expect_json_error 400 "article: unknown parameter"
get "/article?id=$SEED"
expect_status 200 "/article"
expect_contains "$HEADERS" "content-type: text/html" "/article is a page"

# format and fields as on the command line, byte for byte.
# same_output WHAT CURL_ARGS... -- NEWSSEARCH_ARGS...: as same_as_cli, without --json.
same_output() {
    local what=$1 curl_args=() cli_args=()
    shift
    while [ "$1" != "--" ]; do curl_args+=("$1"); shift; done
    shift
    cli_args=("$@")
    get "${curl_args[@]}"
    expect_status 200 "$what"
    "$NEWSSEARCH" "${cli_args[@]}" >"$WORK/cli.out" 2>"$WORK/cli.err" || fail "$what: newssearch failed: $(cat "$WORK/cli.err")"
    cmp -s "$WORK/body" "$WORK/cli.out" ||
        fail "$what: differs from newssearch: $(diff "$WORK/body" "$WORK/cli.out" | head -5)"
}
same_output "format=csv" /api/search -G --data-urlencode "q=$QUERY" -d format=csv -d limit=20 -- \
    --format csv --limit 20 "$QUERY"
expect_contains "$HEADERS" "content-type: text/csv; charset=utf-8" "CSV content type"
same_output "format=jsonl with fields" /api/search -G --data-urlencode "q=$QUERY" -d format=jsonl \
    -d fields=rank,id,title,entities -d sort=-date -- --format jsonl --fields rank,id,title,entities \
    --sort -date "$QUERY"
expect_contains "$HEADERS" "content-type: application/x-ndjson" "JSON Lines content type"
same_as_cli "format=json with fields" /api/search -G --data-urlencode "q=$QUERY" -d fields=id,date -- \
    --fields id,date "$QUERY"
get "/api/search?format=xml"
expect_json_error 400 "unknown format"
get "/api/search?fields=rank,colour"
expect_json_error 400 "unknown field"
# The download: every match, as newssearch --format csv (jsonl) prints them all.
same_output "export csv" /api/export -G --data-urlencode "q=$QUERY" -- \
    --format csv --limit 100000 "$QUERY"
expect_contains "$HEADERS" 'content-disposition: attachment; filename="newsindex-export.csv"' "a download"
expect_eq "$(($(wc -l <"$WORK/body") - 1))" "$("$NEWSSEARCH" --count "$QUERY")" "export: a row per match"
same_output "export jsonl" /api/export -G -d q= -d format=jsonl -d fields=id,date -d sort=date -- \
    --format jsonl --fields id,date --sort date --limit 100000 ''
get "/api/export?limit=100001"
expect_json_error 400 "export over 100000 rows"
get "/api/export?format=json"
expect_json_error 400 "export as json"
# gzip when the client accepts it, the same document once inflated.
get "/api/search?q=$QUERY"
plain=$BODY
get "/api/search?q=$QUERY" -H "Accept-Encoding: gzip"
expect_contains "$HEADERS" "content-encoding: gzip" "gzip when accepted"
expect_contains "$HEADERS" "vary: Accept-Encoding" "Vary"
expect_eq "$(gzip -dc <"$WORK/body")" "$plain" "gzip inflates to the same document"
get "/api/search?q=$QUERY" -H "Accept-Encoding: gzip;q=0, identity"
expect_not_contains "$HEADERS" "content-encoding" "no gzip when refused"
get "/api/export?q=$QUERY" -H "Accept-Encoding: gzip"
expect_contains "$HEADERS" "content-encoding: gzip" "the download gzipped"

# The facet value search: names by their start, any case, with their article counts.
get /api/facet_values -G -d kind=person -d prefix=kurm
expect_status 200 "/api/facet_values"
expect_eq "$(jq -r '.values[0].value' <<<"$BODY")" "Kurmanbek Bakiyev" "a person found by a prefix"
expect_eq "$(jq -r '.values[0].count' <<<"$BODY")" "$("$NEWSSEARCH" --count 'person:"Kurmanbek Bakiyev"')" "its article count"
get /api/facet_values -G -d kind=person -d prefix=KURMANBEK
expect_eq "$(jq -r '.values[0].value' <<<"$BODY")" "Kurmanbek Bakiyev" "any case"
get "/api/facet_values?kind=colour"
expect_json_error 400 "facet values of an unknown kind"
get "/api/facet_values?prefix=a"
expect_json_error 400 "facet values without a kind"

# An entity's page: /api/entity is what newssearch entity --json prints; its count is its
# articles', its months add up to its dated articles, and it is not named with itself.
get /api/entity -G -d kind=person --data-urlencode 'name=kurmanbek bakiyev'
expect_status 200 "/api/entity"
"$NEWSSEARCH" entity --json person 'kurmanbek bakiyev' >"$WORK/entity.json" || fail "newssearch entity --json"
expect_eq "$BODY" "$(cat "$WORK/entity.json")" "/api/entity is newssearch entity --json"
expect_eq "$(jq -r .name <<<"$BODY")" "Kurmanbek Bakiyev" "the entity's name as the facets show it"
entity_articles=$("$NEWSSEARCH" --count 'person:"Kurmanbek Bakiyev"')
expect_eq "$(jq -r .articles <<<"$BODY")" "$entity_articles" "the entity's article count"
expect_eq "$(jq '[.months[].count] | add' <<<"$BODY")" "$("$NEWSSEARCH" --count 'person:"Kurmanbek Bakiyev" date:1900..2100')" "months add up to its dated articles"
expect_eq "$(jq '[.named_with.person[].value] | index("Kurmanbek Bakiyev")' <<<"$BODY")" "null" "not named with itself"
expect_eq "$(jq '.newest | length' <<<"$BODY")" "$(( entity_articles < 10 ? entity_articles : 10 ))" "its newest articles"
get "/entity?kind=person&name=Kurmanbek+Bakiyev"
expect_status 200 "/entity"
expect_contains "$HEADERS" "content-type: text/html" "the entity page is HTML"
get /api/entity -G -d kind=person -d name=nobody-at-all
expect_json_error 404 "an entity no article names"
expect_eq "$(jq -r .error <<<"$BODY")" "no article names person 'nobody-at-all'" "the 404 names the entity"
get "/api/entity?kind=person"
expect_json_error 400 "an entity without a name"
get "/api/entity?kind=colour&name=red"
expect_json_error 400 "an entity of an unknown kind"
get "/api/entity?kind=person&name=a&limit=101"
expect_json_error 400 "an entity's limit over 100"

# Refusals: 4xx with {"error": ...}, the server unharmed.
get /api/search -G --data-urlencode 'q=Bakiyev AND ('
expect_json_error 400 "bad query syntax"
expect_contains "$(jq -r .error <<<"$BODY")" "cannot parse query: the operator" "parser's message"
get /api/like -G -d id=no-such-article.txt
expect_json_error 404 "like of an unknown article"
get /api/like
expect_json_error 400 "like without id"
get "/api/search?q=a&limit=101"
expect_json_error 400 "limit over 100"
get "/api/search?offset=-1"
expect_json_error 400 "negative offset"
get "/api/search?sort=sideways"
expect_json_error 400 "unknown sort"
get "/api/search?facets=person,colour"
expect_json_error 400 "unknown facet"
get "/api/search?q=a&q=b"
expect_json_error 400 "repeated parameter"
get "/api/search?qq=a"
expect_json_error 400 "unknown parameter"
get "/api/search?q=%zz"
expect_json_error 400 "malformed %-escape"
get "/api/search?q=%ff%fe"
expect_json_error 400 "not UTF-8"
get "/api/search?q=a%00b"
expect_json_error 400 "NUL byte"
get /api/search -G --data-urlencode "q=$(printf 'a%.0s' $(seq 5000))"
expect_json_error 414 "query over 4 KB"
get "/api/search?q=$(printf 'b%.0s' $(seq 9000))"
expect_json_error 414 "URL over 8 KB"
head -c 100000 /dev/zero | tr '\0' x >"$WORK/big-body"
get /api/search -X POST --data-binary "@$WORK/big-body"
expect_json_error 413 "100 KB request body"
get /api/search -X POST -d q=x
expect_json_error 405 "POST"
expect_contains "$HEADERS" "allow: GET, HEAD" "405 names the methods"
get /no/such/page
expect_json_error 404 "unknown path"
get /../../etc/passwd --path-as-is
[ "${STATUS:0:1}" == 4 ] || fail "path traversal: HTTP $STATUS"
expect_not_contains "$BODY" "root:" "path traversal"

# Escaping and headers. The page is static: a hostile query is never printed into HTML
# (the page puts it in as text, see serve_browser.py); the API's JSON escapes it and is
# served as JSON, never sniffed as HTML.
hostile='<script>alert(1)</script>"'"'"'&<img src=x onerror=alert(2)>'
get / -G --data-urlencode "q=$hostile"
expect_status 200 "page with a hostile query"
expect_not_contains "$BODY" "<script>alert" "hostile query not in the page"
cp "$WORK/body" "$WORK/page-hostile.html"
get /
cmp -s "$WORK/body" "$WORK/page-hostile.html" || fail "the page depends on the query string"
expect_contains "$HEADERS" "content-type: text/html; charset=utf-8" "page content type"
expect_contains "$HEADERS" "content-security-policy: default-src 'self'" "page CSP"
expect_contains "$HEADERS" "x-content-type-options: nosniff" "page nosniff"
expect_contains "$BODY" '<script src="/app.js" defer></script>' "page loads its script"
for asset in /app.js /style.css /favicon.svg; do
    get "$asset"
    expect_status 200 "$asset"
    [ -n "$BODY" ] || fail "$asset is empty"
done
get /app.js
expect_contains "$HEADERS" "content-type: text/javascript" "script content type"
get /api/search -G --data-urlencode "q=$hostile"
[ "$STATUS" == 200 ] || [ "$STATUS" == 400 ] || fail "hostile API query: HTTP $STATUS"
expect_contains "$HEADERS" "content-type: application/json" "hostile API query is JSON"
expect_contains "$HEADERS" "x-content-type-options: nosniff" "API nosniff"
expect_contains "$HEADERS" "content-security-policy: default-src 'self'" "API CSP"
[ "$STATUS" != 200 ] || expect_eq "$(jq -r .query <<<"$BODY")" "$hostile" "the query comes back exact"
get /no/such/page
expect_contains "$HEADERS" "x-content-type-options: nosniff" "error nosniff"
get "/api/search?q=$(printf 'b%.0s' $(seq 9000))"
expect_contains "$HEADERS" "content-security-policy: default-src 'self'" "a 414 refused before any handler has the headers"
get / -I
expect_status 200 "HEAD /"
kill -0 "$SERVER" 2>/dev/null || fail "the server died on the requests above"

# A build between requests shows up in the next one (each worker refreshes first).
mkdir -p "$WORK/news/late"
printf 'Late Story About Zanzibar\n\nZanzibar ferries resumed on Monday.\n' >"$WORK/news/late/late.txt"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build while serving"
for _ in 1 2 3 4 5 6 7 8 9 10; do  # more requests than workers: every worker refreshes
    get /api/search -G -d q=zanzibar -d facets=none
    expect_eq "$(jq -r .total <<<"$BODY")" 1 "a worker sees the new article"
done
get /healthz
expect_eq "$(jq -r .articles <<<"$BODY")" $((ARTICLES + 1)) "/healthz counts the new article"
# build --full swaps the index folder for a new one: workers reopen it.
printf 'Later Story About Zanzibar\n\nZanzibar ferries stopped again.\n' >"$WORK/news/late/later.txt"
run "$NEWSINDEX" build --full "$WORK/news"
expect_rc 0 "build --full while serving"
for _ in 1 2 3 4 5 6 7 8 9 10; do
    get /api/search -G -d q=zanzibar -d facets=none
    expect_eq "$(jq -r .total <<<"$BODY")" 2 "a worker sees the index build --full made"
done
# No index for a moment: 503 with a JSON error, then answers again.
mv "$NEWSINDEX_DB" "$WORK/index.away"
get /api/search -G -d q=zanzibar
expect_json_error 503 "search without an index"
get /healthz
expect_json_error 503 "/healthz without an index"
mv "$WORK/index.away" "$NEWSINDEX_DB"
get /api/search -G -d q=zanzibar -d facets=none
expect_status 200 "search once the index is back"

# Refusals at start: the port in use (74), no index (2), bad options (2).
port=${URL##*:}
run "$NEWSSEARCH" serve --port "$port"
expect_rc 74 "port in use"
expect_contains "$ERR" "cannot listen on 127.0.0.1:$port" "port in use message"
run "$NEWSSEARCH" serve --port 0 --db "$WORK/none"
expect_rc 2 "no index"
run "$NEWSSEARCH" serve --port 70000
expect_rc 2 "port out of range"
run "$NEWSSEARCH" serve --threads 0
expect_rc 2 "no threads"
run "$NEWSSEARCH" serve extra-word
expect_rc 2 "serve takes no operands"

# The page in a real browser.
artifacts=${SERVE_ARTIFACTS:-$PROJECT_ROOT/build-artifacts}
set +e
/usr/bin/python3 "$(dirname "$0")/serve_browser.py" "$URL" "$QUERY" "$artifacts/serve.png"
browser_rc=$?
set -e
case $browser_rc in
    0) ;;
    77) echo "note: the browser checks were skipped (above: why)" ;;
    *) fail "browser checks (serve_browser.py exit $browser_rc)" ;;
esac

# SIGTERM: a clean stop, exit 0, nothing more on stderr (sanitizer reports included).
kill -TERM "$SERVER"
wait_server "SIGTERM"
# (Besides the start line, only the search without an index says so.)
expect_lines "$(grep -v "^newssearch serve: no index at $NEWSINDEX_DB\$" "$WORK/serve.err")" 1 \
    "nothing on stderr but the start line and the missing index"

# SIGINT too, right after the start.
start_server
kill -INT "$SERVER"
wait_server "SIGINT right after the start"

# Several indexes served as one, as newssearch --db A --db B searches them.
mkdir -p "$WORK/more"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/more/"
run "$NEWSINDEX" build "$WORK/more" --db "$WORK/more-index" -q
expect_rc 0 "second index"
start_server --db "$NEWSINDEX_DB" --db "$WORK/more-index"
same_as_cli "two indexes" /api/search -G --data-urlencode "q=Bakiyev" -- \
    --db "$NEWSINDEX_DB" --db "$WORK/more-index" Bakiyev
expect_eq "$(printf '%s' "$BODY" | jq .total)" \
    "$(("$("$NEWSSEARCH" --count Bakiyev)" + "$("$NEWSSEARCH" --db "$WORK/more-index" --count Bakiyev)"))" \
    "two indexes: the totals add up"
stop_server
SERVER=""

echo "took $((($(date +%s%N) - start) / 1000000)) ms with the server up"
finish
