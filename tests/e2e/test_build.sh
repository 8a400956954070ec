#!/usr/bin/env bash
# newsindex build: summaries, exit codes, bad files, the walk's rules, the default location.
source "$(dirname "$0")/lib.sh"

# Broken files are reported by name, the rest is indexed, the exit code says so.
make_sample_corpus "$WORK/news"
cp -r "$FIXTURES/e2e/broken" "$WORK/news/broken"
run "$NEWSINDEX" build "$WORK/news"
expect_rc 1 "build with broken files"
expect_contains "$ERR" "broken/picture.txt: " "binary file named"
expect_contains "$ERR" "broken/unfinished.json: " "malformed JSON named"
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'broken/')" "2" "one line per broken file"
expect_contains "$OUT" "7 articles read, 7 indexed" "summary counts articles"
expect_contains "$OUT" "2 failed" "summary counts failures"
count 'Bakiyev'
expect_eq "$COUNT" "2" "good articles indexed despite broken ones"

# Walk rules: hidden files and folders, non-article formats, symlinks out of the root.
mkdir -p "$WORK/walk/.git" "$WORK/walk/sub" "$WORK/outside"
printf 'Hidden Folder Story\n\nZanzibarhidden appears here.\n' > "$WORK/walk/.git/story.txt"
printf 'Hidden File Story\n\nZanzibarhidden appears here too.\n' > "$WORK/walk/.story.txt"
printf 'Outside Story\n\nQuokkaoutside lives outside the root.\n' > "$WORK/outside/story.txt"
ln -s "$WORK/outside/story.txt" "$WORK/walk/sub/link-out.txt"
ln -s "$WORK/walk" "$WORK/walk/sub/loop"
printf 'Inside Story\n\nWombatinside lives inside the root.\n' > "$WORK/walk/sub/inside.txt"
ln -s inside.txt "$WORK/walk/sub/link-in.txt"
printf '\xff\xd8\xff\xe0 not really a jpeg' > "$WORK/walk/photo.jpg"
run "$NEWSINDEX" build --db "$WORK/walk-index" "$WORK/walk"
expect_rc 0 "walk build"
expect_contains "$OUT" "2 articles read" "walk: inside article and the link to it"
expect_contains "$OUT" "1 not an article format" "walk: jpg skipped with reason"
export NEWSINDEX_DB="$WORK/walk-index"
count 'Zanzibarhidden'; expect_eq "$COUNT" "0" "hidden files and folders are skipped"
count 'Quokkaoutside'; expect_eq "$COUNT" "0" "links out of the root are not followed"
count 'Wombatinside'; expect_eq "$COUNT" "2" "links inside the root are followed"
export NEWSINDEX_DB="$WORK/index"

# --quiet prints nothing when all went well.
rm -rf "$WORK/news/broken"
run "$NEWSINDEX" build --quiet "$WORK/news"
expect_rc 0 "quiet build"
expect_eq "$OUT$ERR" "" "quiet build prints nothing"

# A missing root is reported and fails the run.
run "$NEWSINDEX" build "$WORK/not-there"
expect_rc 1 "missing root"
expect_contains "$ERR" "not-there" "missing root named"

# An index of an older schema version is rebuilt by the next build; one of a newer
# version (or another program's) is refused, with the way out, which works.
if command -v xapian-metadata >/dev/null; then
    # A second folder in the same index, left out of the run that meets the old version.
    mkdir -p "$WORK/second"
    printf 'Second Folder Story\n\nThe numbatsecond marker lives in another folder.\n' >"$WORK/second/story.txt"
    run "$NEWSINDEX" build "$WORK/second"
    expect_rc 0 "build of a second folder"
    xapian-metadata set "$WORK/index" newsindex.schema 1
    run "$NEWSINDEX" build "$WORK/news"
    expect_rc 0 "build on an index of an older schema version"
    expect_contains "$ERR" "has schema version 1" "older schema version noticed"
    expect_contains "$ERR" "rebuilding it" "older schema version rebuilt"
    count numbatsecond; expect_eq "$COUNT" "1" "the rebuild keeps the folder the run left out"
    run "$NEWSINDEX" check
    expect_rc 0 "rebuilt index healthy"
    count 'Bakiyev'; expect_eq "$COUNT" "2" "rebuilt index has the articles"

    xapian-metadata set "$WORK/index" newsindex.schema 99
    run "$NEWSSEARCH" --limit 0 --facets none Bakiyev
    expect_rc 0 "search on an index of another schema version still answers"
    expect_contains "$ERR" "warning: index $WORK/index has schema version 99" "search warns of the version"
    expect_lines "$ERR" 1 "one warning line"
    run "$NEWSINDEX" build "$WORK/news"
    expect_rc 2 "build on an index of a newer schema version"
    expect_lines "$ERR" 1 "newer schema version message"
    expect_contains "$ERR" "rebuild it with --full" "newer schema version message says what to do"
    run "$NEWSINDEX" build --full --quiet
    expect_rc 0 "--full rebuilds an index of a newer schema version"
    count 'Bakiyev'; expect_eq "$COUNT" "2" "rebuilt index has the articles"
else
    echo "note: xapian-metadata (xapian-tools) missing: schema version upgrade not tested"
fi

# An index kept inside the folder it indexes is not read as articles.
mkdir -p "$WORK/inside"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/inside/"
for pass in first second; do
    run "$NEWSINDEX" build --db "$WORK/inside/index" "$WORK/inside"
    expect_rc 0 "$pass build with the index inside the folder"
    expect_contains "$OUT" "0 failed" "$pass build reads no index files"
done
expect_eq "$(NEWSINDEX_DB="$WORK/inside/index" "$NEWSINDEX" status --json | jq .articles)" \
    "$(ls "$PROJECT_ROOT/corpus/"*.txt | wc -l)" "only the articles are indexed"

# Usage errors.
run "$NEWSINDEX" build --db "$WORK/never-built"
expect_rc 2 "build without folders"
expect_lines "$ERR" 1 "build without folders message"
run "$NEWSINDEX" build --bogus "$WORK/news"
expect_rc 2 "unknown build option"
expect_lines "$ERR" 1 "unknown option message"
run "$NEWSINDEX" frobnicate
expect_rc 2 "unknown command"
expect_contains "$ERR" "unknown command 'frobnicate'" "unknown command message"
run "$NEWSINDEX" build --help
expect_rc 0 "build --help"
expect_contains "$OUT" "Exit codes" "build --help documents exit codes"

# The default location: $XDG_DATA_HOME, else ~/.local/share.
unset NEWSINDEX_DB
run "$NEWSINDEX" build --quiet "$PROJECT_ROOT/corpus"
expect_rc 0 "build into the default location"
[ -d "$HOME/.local/share/newsindex/index" ] || fail "default index under ~/.local/share"
run "$NEWSSEARCH" --color never "Bakiyev extradition"
expect_contains "$OUT" "Ousted Kyrgyz President" "search finds the default location"
export XDG_DATA_HOME="$WORK/xdg"
run "$NEWSINDEX" build --quiet "$PROJECT_ROOT/corpus"
[ -d "$WORK/xdg/newsindex/index" ] || fail "default index under \$XDG_DATA_HOME"

finish
