#!/usr/bin/env bash
# Hostile input: broken, huge, binary and oddly named files, unreadable folders, link
# loops, files vanishing mid-walk, and malformed queries. Whatever comes in, the build
# finishes without crashing, keeps the good articles, names each bad file once, and
# leaves an index that `check` accepts; newssearch answers or refuses every query cleanly.
source "$(dirname "$0")/lib.sh"

# Every check below would fail for this one reason: say it once.
for binary in "$NEWSINDEX" "$NEWSSEARCH"; do
    [ -x "$binary" ] || { echo "FAIL: $binary not built" >&2; exit 1; }
done

ZOO="$WORK/zoo"
mkdir -p "$ZOO"

# ---- The zoo ----------------------------------------------------------------------
cp "$PROJECT_ROOT/corpus/"*.txt "$ZOO/"
cp "$FIXTURES/bad_input/"* "$ZOO/"
: >"$ZOO/empty.txt"
# Marker words (zebulonlatin, quokkanul, ...) appear in one bad file each, so a search
# tells whether that file made it into the index.
printf 'Emu Story\n\nThe emubadname marker sits in a file whose name is not UTF-8.\n' \
    >"$ZOO/"$'bad\xff name.txt'
printf 'Possum Story\n\nThe possumnewline marker sits in a file with a newline in its name.\n' \
    >"$ZOO/"$'new\nline.txt'

# 1 MB on one line: no paragraph or title boundary anywhere.
{
    printf 'bilbyline '
    # (yes dies of SIGPIPE once head has enough, which pipefail would count as failure.)
    yes 'one very long line of news text without any break at all' | tr -d '\n' | head -c 1048576 || true
    printf '\n'
} >"$ZOO/oneline.txt"

# 500 MB, sparse: a real story, then nothing but zero bytes. Only the start may be read.
printf 'Koala Story\n\nThe koalabig marker starts a very large file.\n\n' >"$ZOO/big.txt"
truncate -s 500M "$ZOO/big.txt"

# Nesting far beyond any real document, where recursive parsers and tree walks overflow.
{
    head -c 100000 /dev/zero | tr '\0' '['
    head -c 100000 /dev/zero | tr '\0' ']'
} >"$ZOO/deep.json"
{
    printf '<html><head><title>Dingo Deep Page</title></head><body>'
    yes '<div>' | head -n 100000 | tr -d '\n' || true
    printf '<p>The dingodeep marker sits at the bottom.</p></body></html>\n'
} >"$ZOO/deep.html"

# Symbolic link loops: to the folder itself, and two links pointing at each other.
mkdir -p "$ZOO/links"
ln -s . "$ZOO/links/loop"
ln -s b "$ZOO/links/a"
ln -s a "$ZOO/links/b"

# A folder nobody may read. Root reads it anyway (as in CI containers): probe for that.
mkdir -p "$ZOO/locked"
printf 'Locked Story\n\nThe wombatlocked marker is in a folder without permissions.\n' \
    >"$ZOO/locked/story.txt"
chmod 000 "$ZOO/locked"
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
PERMISSIONS_BITE=true
if ls "$ZOO/locked" >/dev/null 2>&1; then PERMISSIONS_BITE=false; fi

# ---- Building the zoo ---------------------------------------------------------------
# Peak memory of the build: GNU time when installed, else a virtual memory cap (which
# ASan builds cannot live under, so they go unmeasured).
MAX_RSS_KB=
build_zoo() {
    if [ -x /usr/bin/time ]; then
        run /usr/bin/time -f %M -o "$WORK/rss" timeout 300 "$NEWSINDEX" build "$@"
        MAX_RSS_KB=$(tail -n 1 "$WORK/rss" 2>/dev/null || true)
    elif ! grep -q __asan_init "$NEWSINDEX"; then
        run bash -c 'ulimit -v 2097152 && exec timeout 300 "$@"' - "$NEWSINDEX" build "$@"
    else
        run timeout 300 "$NEWSINDEX" build "$@"
    fi
}
build_zoo "$ZOO"
BUILD_ERR=$ERR
case $RC in
    0 | 1) ;;
    124) fail "build of the zoo did not finish within 300 s" ;;
    *) fail "build of the zoo: exit code $RC, expected 0 or 1 (>= 128 is a signal) (stderr: $ERR)" ;;
esac
if [[ $MAX_RSS_KB =~ ^[0-9]+$ ]]; then
    [ "$MAX_RSS_KB" -lt 1048576 ] || fail "build of the zoo peaked at $MAX_RSS_KB kB, expected < 1 GB"
elif [ -x /usr/bin/time ]; then
    fail "could not measure the build's memory: $(cat "$WORK/rss" 2>/dev/null)"
else
    echo "note: /usr/bin/time missing; memory bounded by ulimit -v instead of measured"
fi

# lines_naming REGEX: stderr lines of the zoo build that match REGEX (extended).
lines_naming() { printf '%s\n' "$BUILD_ERR" | grep -cE -- "$1" || true; }
# count QUERY: matches in the index, into $COUNT.
count 'Bakiyev extradition'
expect_eq "$COUNT" "1" "the good article is searchable after the zoo build"

# Files that cannot be read at all are named exactly once.
for name in 'image\.txt' 'malformed\.json'; do
    expect_eq "$(lines_naming "$name")" "1" "one stderr line naming $name"
done

# Latin-1 text is indexed (repaired) with exactly one warning.
count zebulonlatin
expect_eq "$COUNT" "1" "Latin-1 article indexed"
expect_eq "$(lines_naming 'latin1\.txt')" "1" "one warning naming latin1.txt"

# A JSON Lines file with one broken line: the good lines are indexed, the bad one named once.
count numbatjsonl
expect_eq "$COUNT" "3" "good lines of broken.jsonl indexed"
expect_eq "$(lines_naming 'broken\.jsonl')" "1" "one stderr line naming broken.jsonl"

# The rest may go either way, but cleanly: indexed (its marker is found), or named on
# exactly one stderr line; and never named more than once.
indexed_or_reported() {  # indexed_or_reported NAME-REGEX MARKER
    local lines
    lines=$(lines_naming "$1")
    [ "$lines" -le 1 ] || fail "$1 named on $lines stderr lines, expected at most 1"
    if [ -n "$2" ]; then
        count "$2"
        [ "$COUNT" -ge 1 ] || [ "$lines" -eq 1 ] ||
            fail "$1 neither indexed (no match for $2) nor reported on stderr"
    fi
}
# The empty file, deep JSON and the links have nothing to index: reports are optional.
indexed_or_reported '/empty\.txt' ''
indexed_or_reported '/nul\.txt' quokkanul
indexed_or_reported '/oneline\.txt' bilbyline
indexed_or_reported '/big\.txt' koalabig
indexed_or_reported '/deep\.json' ''
indexed_or_reported '/deep\.html' dingodeep
indexed_or_reported '/malformed\.html' wallabyhtml
indexed_or_reported ' name\.txt' emubadname
indexed_or_reported '/links/loop' ''
indexed_or_reported '/links/a' ''
indexed_or_reported '/links/b' ''
# Printed raw, the newline splits the path: the line starting with its second half
# counts (or the whole name, if it is escaped).
indexed_or_reported '^line\.txt|new\\nline\.txt' possumnewline

if $PERMISSIONS_BITE; then
    expect_eq "$(lines_naming '/locked')" "1" "one stderr line naming the unreadable folder"
    count wombatlocked
    expect_eq "$COUNT" "0" "nothing indexed from the unreadable folder"
else
    echo "note: running as root, chmod 000 does not stop reads: unreadable folder not asserted"
    indexed_or_reported '/locked' wombatlocked
fi

# ---- The index afterwards -------------------------------------------------------------
HAVE_CHECK=true
if ! "$NEWSINDEX" check --help >/dev/null 2>&1; then
    HAVE_CHECK=false
    echo "note: newsindex check not available: index checks skipped"
fi
check_index() {  # check_index WHAT
    $HAVE_CHECK || return 0
    run timeout 300 "$NEWSINDEX" check
    expect_rc 0 "newsindex check after $1 (stdout: $OUT)"
}
check_index "the zoo build"

# ---- A root whose own name is not UTF-8 -----------------------------------------------
ODD_ROOT="$WORK/"$'odd\xff root'
mkdir -p "$ODD_ROOT"
printf 'Quoll Story\n\nThe quollroot marker sits under a root named in Latin-1.\n' >"$ODD_ROOT/story.txt"
export NEWSINDEX_DB="$WORK/odd-index"
run timeout 300 "$NEWSINDEX" build --no-entities "$ODD_ROOT"
expect_rc 0 "build of a root whose name is not UTF-8"
count quollroot
expect_eq "$COUNT" "1" "article under a root whose name is not UTF-8 indexed"
check_index "a root whose name is not UTF-8"
export NEWSINDEX_DB="$WORK/index"

# ---- Files deleted while the build walks them ---------------------------------------
VANISH="$WORK/vanish"
make_generated_corpus "$VANISH" 2000
export NEWSINDEX_DB="$WORK/vanish-index"
(
    # Deletes in walk order, a few at a time, while the build is running.
    find "$VANISH" -type f | sort | while read -r file; do
        rm -f "$file"
        sleep 0.001
    done
) &
DELETER=$!
run timeout 300 "$NEWSINDEX" build --no-entities "$VANISH"
wait "$DELETER" || true
case $RC in
    0 | 1) ;;
    *) fail "build while files vanish: exit code $RC, expected 0 or 1 (stderr: $ERR)" ;;
esac
check_index "a build whose files vanished"
export NEWSINDEX_DB="$WORK/index"

# ---- Malformed queries ----------------------------------------------------------------
long_query=$(printf 'w%08d ' $(seq 1 1000))  # 10000 characters
queries=(
    '(' ')' '"' '""' 'AND' 'OR' 'NOT' 'XOR' 'AND OR NOT' '+' '-' '((((((((((a'
    'title:' 'person:' 'org:' 'place:' 'source:' 'date:' 'person:""' 'title:"' 'date:..'
    'date:...' 'date:9999-99-99' 'date:2010-02-30' 'date:0000' 'date:2010..2009'
    'date:-1' 'date:2010-04-20..2010-04-20..2010' 'date:☃' '*' 'a*' '**' '*a' 'title:*'
    '+date:n' '-date:x' '+date:2010-13' 'NOT +date:1' '+source:""' '-person:""' '+title:'
    'NEAR/99999 a' 'a NEAR/99999 b' 'a ADJ/0 b' 'a NEAR/-1 b' 'bakiyev NEAR' '"a" NEAR "b"'
    "$long_query" "$(printf '(%.0s' $(seq 1 5000))" "$(printf 'a* %.0s' $(seq 1 2000))"
    "$(printf '\x01\x02\x7f\x80\xfe\xff\xc3\x28\xa0\xa1\xe2\x82\x28\xf0\x90\x28\xbc\x1b[31m')"
    "$(printf '\xed\xa0\x80\xed\xbf\xbf \xf4\x90\x80\x80 \xc0\xaf')"
    # RTL override, ZWJ, lone combining marks, emoji, fullwidth colon, line separator,
    # BOM, U+FFFD, dotted/dotless i (spelt in bytes: $'\u...' depends on the locale).
    "$(printf '\xe2\x80\xae\xe2\x80\x8d\xcc\x81\xcc\x81 \xf0\x9f\x98\x80 title\xef\xbc\x9ax')$(
        printf '\xe2\x80\xa8y \xef\xbb\xbf\xef\xbf\xbd \xc4\xb0\xc4\xb1 \xc3\x9f')"
)
for query in "${queries[@]}"; do
    for format in --color=never --json; do
        run timeout 60 "$NEWSSEARCH" "$format" -- "$query"
        # (printf may die of SIGPIPE once head has its 80 bytes: not a failure.)
        shown=$(printf '%q' "$query" | head -c 80 || true)
        case $RC in
            0) ;;
            2) expect_lines "$ERR" 1 "newssearch $format $shown: error message" ;;
            *) fail "newssearch $format $shown: exit code $RC, expected 0 or 2 (stderr: $ERR)" ;;
        esac
    done
done

finish
