#!/usr/bin/env bash
# newssearch serve against hostile clients (serve_hostile.py, raw sockets): slow and idle
# connections do not hold the workers, the number of open connections is bounded, Range is
# not honoured, header fields and bodies are capped, Host names the server does not own are
# refused (DNS rebinding), error bodies do not name the index, and SIGTERM answers the
# requests under way before it exits 0.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
HOSTILE=(/usr/bin/python3 "$(dirname "$0")/serve_hostile.py")

make_sample_corpus "$WORK/news"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"

source "$(dirname "$0")/serve_lib.sh"

# hostile CHECK [ARGS...]: one check of serve_hostile.py against $URL.
hostile() {
    local name=$1
    shift
    "${HOSTILE[@]}" "$name" "$URL" "$@" || fail "$name (serve_hostile.py, above)"
}

# One worker: anything that holds it shows at once.
start_server --threads 1 --allow-host news.example.org
hostile slowloris
hostile idle
hostile range
hostile headers
hostile host "$NEWSINDEX_DB" news.example.org
# Error bodies do not name the index; its log line does.
body=$(curl -sS "$URL/api/like?id=no-such-article.txt") || fail "unknown like id: curl failed"
expect_contains "$body" "no article no-such-article.txt" "unknown like id"
expect_not_contains "$body" "$NEWSINDEX_DB" "unknown like id: the body"
mv "$NEWSINDEX_DB" "$WORK/index.away"
for path in /api/search /healthz; do
    body=$(curl -sS "$URL$path") || fail "$path without an index: curl failed"
    expect_contains "$body" '"error"' "$path without an index"
    expect_not_contains "$body" "$NEWSINDEX_DB" "$path without an index: the body"
done
mv "$WORK/index.away" "$NEWSINDEX_DB"
expect_contains "$(cat "$WORK/serve.err")" "$NEWSINDEX_DB" "the log names the index"
kill -0 "$SERVER" 2>/dev/null || fail "the server died on the hostile clients"
stop_server
wait "$SERVER" || true
SERVER=""

# Few descriptors: about 128 - 32 - 8 connections fit (searcher/serve.cc, connection_limit).
start_server ulimit 128 --threads 1
hostile bound 88
kill -0 "$SERVER" 2>/dev/null || fail "the server died when out of connections"
stop_server
wait "$SERVER" || true
SERVER=""

# SIGTERM with requests queued and one half sent: all answered, then exit 0.
start_server --threads 1
hostile drain "$SERVER"
wait_server "SIGTERM with requests queued"

# The same under load: clients in a loop, some on kept-alive connections.
start_server --threads 2
hostile drain-load "$SERVER"
wait_server "SIGTERM under a loop of clients"

run "$NEWSSEARCH" serve --port 0 --allow-host 'bad:80'
expect_rc 2 "--allow-host with a port"
finish
