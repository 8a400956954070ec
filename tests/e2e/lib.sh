# Helpers for the end-to-end tests. Each test is a bash script run by ctest with
# NEWSINDEX, NEWSSEARCH, FIXTURES, PROJECT_ROOT and SHARED_DEFAULT in the environment.
# Exit 0 passes, 77 skips (with a reason on stdout), anything else fails.
set -euo pipefail

: "${NEWSINDEX:?run through ctest}" "${NEWSSEARCH:?run through ctest}"
# The data sets (../shared); $NEWSINDEX_SHARED overrides where ctest was configured to look.
SHARED=${NEWSINDEX_SHARED:-${SHARED_DEFAULT:-}}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export NEWSINDEX_DB="$WORK/index"
# Never let a developer's own index or environment leak into a test.
unset XDG_DATA_HOME
export HOME="$WORK/home"

FAILURES=0
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
skip() { echo "SKIP: $*"; exit 77; }

# run CMD...: runs a command, keeping its stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
    set +e
    "$@" >"$WORK/.out" 2>"$WORK/.err"
    RC=$?
    set -e
    OUT=$(cat "$WORK/.out")
    ERR=$(cat "$WORK/.err")
}

expect_rc() {  # expect_rc N what
    [ "$RC" -eq "$1" ] || fail "$2: exit code $RC, expected $1 (stderr: $ERR)"
}
expect_eq() {  # expect_eq ACTUAL EXPECTED what
    [ "$1" == "$2" ] || fail "$3: got '$1', expected '$2'"
}
expect_contains() {  # expect_contains HAYSTACK NEEDLE what
    [[ "$1" == *"$2"* ]] || fail "$3: '$2' not found in: $1"
}
expect_not_contains() {
    [[ "$1" != *"$2"* ]] || fail "$3: '$2' unexpectedly found in: $1"
}
expect_lines() {  # expect_lines TEXT N what
    local n
    n=$(printf '%s' "$1" | grep -c '' || true)
    [ "$n" -eq "$2" ] || fail "$3: $n lines, expected $2: $1"
}

# search_json QUERY [OPTIONS...]: newssearch --json, output in $OUT.
search_json() {
    run "$NEWSSEARCH" --json "$@"
    [ "$RC" -eq 0 ] || fail "newssearch --json $*: exit $RC: $ERR"
}
# jqo FILTER: applies a jq filter to the last $OUT.
jqo() { printf '%s' "$OUT" | jq -r "$1"; }

# count QUERY: the number of articles matching QUERY, into $COUNT (never the results of a
# spelling suggestion instead).
count() {
    search_json "$1" --limit 0 --facets none --no-correct
    COUNT=$(jqo .total)
}

# facet KIND: the KIND facet over every article as "value=count;...", into $FACET.
facet() {
    search_json '' --limit 0 --facet-limit 100
    FACET=$(jqo ".facets.$1 | map(\"\(.value)=\(.count)\") | join(\";\")")
}

# serve_remote DB: a stock xapian-tcpsrv serving DB on a free port, in $REMOTE ("remote
# 127.0.0.1:PORT", a stub line); stopped when the test exits. Skips the rest of the test
# (after its own checks so far are reported) when xapian-tcpsrv is not installed.
TCPSRVS=()
serve_remote() {
    if ! command -v xapian-tcpsrv >/dev/null; then
        echo "SKIP (part): xapian-tcpsrv not installed (Debian xapian-tools); remote search untested"
        finish
        exit 0
    fi
    local port log="$WORK/tcpsrv-${#TCPSRVS[@]}.log"
    # A free port: the kernel picks one for a throwaway socket.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # In a session of its own: on SIGTERM xapian-tcpsrv signals its whole process group
    # (to end its forked connections), which would otherwise include this script.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" >"$log" 2>&1 &
    TCPSRVS+=($!)
    trap 'stop_remotes; rm -rf "$WORK"' EXIT
    for _ in $(seq 100); do
        grep -q "Listening" "$log" && break
        sleep 0.1
    done
    grep -q "Listening" "$log" || fail "xapian-tcpsrv for $1 did not start: $(cat "$log")"
    REMOTE="remote 127.0.0.1:$port"
}
stop_remotes() { [ "${#TCPSRVS[@]}" -eq 0 ] || kill "${TCPSRVS[@]}" 2>/dev/null || true; }

finish() {
    if [ "$FAILURES" -gt 0 ]; then
        echo "$FAILURES check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}

# A copy of the project's corpus and the e2e sample articles, in one folder.
make_sample_corpus() {  # make_sample_corpus DIR
    mkdir -p "$1"
    cp -r "$FIXTURES/e2e/news/." "$1/"
    cp "$PROJECT_ROOT/corpus/"*.txt "$1/"
}

# make_generated_corpus DIR N: N small distinct articles in nested folders, for tests
# that need a build to take a while. Deterministic: the same N gives the same files.
make_generated_corpus() {
    local dir=$1 n=$2 i
    local places=(Minsk Bishkek Almaty Moscow Geneva Frankfurt Paris Tashkent)
    local people=("Roza Otunbayeva" "Alexander Lukashenko" "Nursultan Nazarbayev" "Catherine Ashton")
    for ((i = 0; i < n; i++)); do
        local sub="$dir/$((i % 10))/$((i / 10 % 10))"
        mkdir -p "$sub"
        local place=${places[i % 8]} person=${people[i % 4]}
        printf 'Report %d From %s\n\nDispatch number %d\n\n%s met officials in %s on Monday, the report number %d said. Talks covered trade and border crossings.\n\nA spokesman in %s said further talks were planned. Word%d appears only here.\n' \
            "$i" "$place" "$i" "$person" "$place" "$i" "$place" "$i" >"$sub/report-$i.txt"
    done
}

# make_many_reports DIR N FOLDERS: N short distinct reports spread over FOLDERS folders,
# written by one awk (a shell loop takes a minute for 8,000). Deterministic.
make_many_reports() {
    awk -v dir="$1" -v n="$2" -v folders="$3" 'BEGIN {
        split("Minsk Bishkek Almaty Moscow Geneva Frankfurt Paris Tashkent", places, " ")
        for (d = 0; d < folders; d++) system("mkdir -p " dir "/" d)
        for (i = 0; i < n; i++) {
            place = places[i % 8 + 1]
            file = dir "/" (i % folders) "/report-" i ".txt"
            printf "Report %d From %s\n\nDispatch number %d\n\nOfficials met in %s on Monday, the report number %d said. Talks covered trade and border crossings.\n\nA spokesman in %s said further talks were planned. Word%d appears only here.\n", i, place, i, place, i, place, i > file
            close(file)
        }
    }'
}

# all_ids: every article id in the index, sorted, one per line.
all_ids() {
    "$NEWSSEARCH" --json --limit 1000000 --facets none '' | jq -r '.hits[].id' | sort
}

# can_run_as_nobody: whether user nobody can run the programs under test and read the
# data files they load (models/). A clone in a private folder (mktemp -d makes it 0700)
# cannot be; the tests that drop root to nobody then leave those checks out, saying so.
can_run_as_nobody() {
    [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null || return 1
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
        sh -c 'test -x "$1" && test -r "$2/models/aliases.tsv"' sh "$NEWSINDEX" "$PROJECT_ROOT"
}
