# Helpers for the tests of newssearch serve (sourced after lib.sh): one server at a time,
# its pid in $SERVER and its address in $URL; stop_server in the EXIT trap stops it.

SERVER=""
stop_server() { [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server [ulimit N] [OPTIONS...]: newssearch serve --port 0 in the background (with at
# most N open files, when given); sets SERVER (its pid) and URL from the line it prints on
# stderr ($WORK/serve.err).
start_server() {
    local files=""
    if [ "${1:-}" == ulimit ]; then
        files=$2
        shift 2
    fi
    # Emptied here, not by the child's redirection: the loop below must not find the
    # previous server's line before the child has started.
    : >"$WORK/serve.err"
    (
        [ -z "$files" ] || ulimit -n "$files"
        exec "$NEWSSEARCH" serve --port 0 "$@"
    ) 2>>"$WORK/serve.err" &
    SERVER=$!
    local port=""
    for _ in $(seq 300); do  # 30 s at most: a sanitizer build starts slowly
        port=$(sed -n 's|^serving http://127\.0\.0\.1:\([0-9][0-9]*\)/ (index .*)$|\1|p' "$WORK/serve.err")
        [ -n "$port" ] && break
        kill -0 "$SERVER" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        fail "serve did not start: $(cat "$WORK/serve.err")"
        finish
    fi
    URL="http://127.0.0.1:$port"
}

# wait_server WHAT: waits up to 10 s for the server to exit (a signal was sent), then
# checks that it exited 0; a server still running is killed and reported.
wait_server() {
    for _ in $(seq 100); do
        kill -0 "$SERVER" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SERVER" 2>/dev/null; then
        fail "$1: the server did not exit within 10 s"
        kill -9 "$SERVER" 2>/dev/null || true
    fi
    local rc=0
    wait "$SERVER" || rc=$?
    SERVER=""
    expect_eq "$rc" 0 "$1: exit code"
}
