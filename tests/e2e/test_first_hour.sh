#!/usr/bin/env bash
# What a newcomer meets in the first hour: mistyped commands get "did you mean", near-miss
# command words a note while the search runs, and queries Xapian would read silently in
# a way no one meant (an empty field, unbalanced quotes and parentheses, a dangling
# operator) a warning on stderr and in JSON, or a message in our words.
source "$(dirname "$0")/lib.sh"

make_sample_corpus "$WORK/news"
run "$NEWSINDEX" build "$WORK/news" -q
expect_rc 0 "build the sample corpus"

# --- mistyped commands -------------------------------------------------------------
run "$NEWSINDEX" biuld "$WORK/news"
expect_rc 2 "newsindex biuld"
expect_contains "$ERR" "unknown command 'biuld'; did you mean 'build'?" "biuld suggests build"
run "$NEWSINDEX" stauts
expect_contains "$ERR" "did you mean 'status'?" "stauts suggests status"
run "$NEWSINDEX" frobnicate
expect_rc 2 "newsindex frobnicate"
expect_not_contains "$ERR" "did you mean" "no suggestion for a word near no command"

for word in serv server; do
    run "$NEWSSEARCH" "$word" --count
    expect_rc 0 "newssearch $word still searches"
    expect_contains "$ERR" "did you mean the command 'newssearch serve'?" "hint for $word"
    [[ "$OUT" =~ ^[0-9]+$ ]] || fail "newssearch $word --count printed: $OUT"
done
run "$NEWSSEARCH" --db "$NEWSINDEX_DB" serv --count
expect_rc 0 "newssearch --db DB serv"
expect_contains "$ERR" "did you mean the command 'newssearch serve'?" "hint after --db DB"
run "$NEWSSEARCH" server --port 0
expect_rc 2 "server --port 0 (no such search option)"
expect_contains "$ERR" "did you mean the command 'newssearch serve'?" "hint before the option error"
run "$NEWSSEARCH" -- serv --count
expect_not_contains "$ERR" "did you mean" "no hint after --"
run "$NEWSSEARCH" held --count
expect_eq "$ERR" "" "a search for a word near 'help' is quiet"

# --- fields with nothing after them ----------------------------------------------------
for field in person: title: org: place: source: date:; do
    search_json "$field" --limit 0 --facets none --no-correct
    expect_eq "$(jqo '.warnings | length')" "1" "$field: one warning in JSON"
    expect_contains "$(jqo '.warnings[0]')" "'$field' has nothing after it" "$field: the warning"
    expect_contains "$ERR" "warning: '$field' has nothing after it" "$field: warning on stderr"
    # Alone, it leaves the empty query (every article), not a search for the field's name.
    expect_eq "$(jqo .parsed)" "Query(<alldocuments>)" "$field: no search for the field's name"
done
count "Bakiyev"
bakiyev=$COUNT
search_json "Bakiyev person:" --limit 0 --facets none --no-correct
expect_eq "$(jqo .total)" "$bakiyev" "Bakiyev person: finds what Bakiyev finds"

# --- unbalanced input ----------------------------------------------------------------
count '"border crossings"'
phrase=$COUNT
search_json '"border crossings' --limit 0 --facets none --no-correct
expect_eq "$(jqo .total)" "$phrase" "an unclosed quote is a phrase to the end"
expect_contains "$(jqo '.warnings[0]')" "unbalanced quote" "unclosed quote: JSON warning"
expect_contains "$ERR" "warning: unbalanced quote" "unclosed quote: stderr"

count 'border AND crossings'
both=$COUNT
search_json '(border AND crossings' --limit 0 --facets none --no-correct
expect_eq "$(jqo .total)" "$both" "an unclosed ( is closed at the end"
expect_contains "$(jqo '.warnings[0]')" "read as closed at the end" "unclosed (: JSON warning"
search_json 'border AND crossings)' --limit 0 --facets none --no-correct
expect_eq "$(jqo .total)" "$both" "a stray ) is left out, the operators kept"
expect_not_contains "$(jqo .parsed)" "and@" "a stray ) does not make AND a word"
expect_contains "$(jqo '.warnings[0]')" "')' without a '('" "stray ): JSON warning"
search_json 'border crossings' --limit 0 --facets none --no-correct
expect_eq "$(jqo '.warnings | length')" "0" "a well-formed query has no warnings"
expect_eq "$ERR" "" "a well-formed query is quiet"

run "$NEWSSEARCH" 'oil AND'
expect_rc 2 "oil AND"
expect_contains "$ERR" "the operator AND needs a word or a group on each side" "oil AND: our words"
expect_not_contains "$ERR" "<expression>" "oil AND: not Xapian's grammar"

# --- build: nothing to index, nothing created -----------------------------------------
run "$NEWSINDEX" build "$WORK/missing" --db "$WORK/nothing/x2"
expect_rc 1 "build of a missing folder"
expect_contains "$ERR" "$WORK/missing: cannot read: No such file or directory" "the missing folder named"
expect_contains "$ERR" "nothing to index; no index was created" "said that nothing was created"
[ ! -e "$WORK/nothing" ] || fail "build of a missing folder created $(find "$WORK/nothing")"
# With an index already there, a missing folder is a problem of that run only.
run "$NEWSINDEX" build "$WORK/missing"
expect_rc 1 "build of a missing folder into an existing index"
count ""
[ "$COUNT" -gt 0 ] || fail "the existing index lost its articles"

# --- --db at something that is no index: one message in both programs ------------------
echo "not an index" >"$WORK/afile"
mkdir -p "$WORK/articles"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/articles/"
for db in afile articles; do
    want="$WORK/$db is not an index: "
    [ "$db" = afile ] && want+="a file that is no Xapian stub database" || want+="the folder holds other files"
    run "$NEWSSEARCH" --db "$WORK/$db" oil
    expect_rc 2 "newssearch --db $db"
    expect_contains "$ERR" "$want" "newssearch --db $db"
    expect_not_contains "$ERR" "Couldn't detect" "newssearch --db $db: no raw Xapian message"
    for command in status build; do
        args=()
        [ "$command" = build ] && args=("$WORK/news")
        run "$NEWSINDEX" "$command" --db "$WORK/$db" "${args[@]}"
        expect_rc 2 "newsindex $command --db $db"
        expect_contains "$ERR" "$want" "newsindex $command --db $db"
    done
done
[ "$(cat "$WORK/afile")" = "not an index" ] || fail "build changed the plain file"

# --- build summary: skipped files are not unchanged; --verbose names them ---------------
mkdir -p "$WORK/mixed"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/mixed/"
articles=$(ls "$WORK/mixed" | wc -l)
for i in 1 2 3 4 5 6 7 8; do printf "II*\\0" >"$WORK/mixed/scan-$i.tiff"; done
run "$NEWSINDEX" build "$WORK/mixed" --db "$WORK/mixed-db" --no-entities
expect_rc 0 "first build of mixed files"
expect_contains "$OUT" "0 files unchanged" "a first build has nothing unchanged"
expect_contains "$OUT" "8 skipped (8 not an article format)" "skipped files counted once"
expect_not_contains "$ERR" "skipped:" "without --verbose no list of skipped files"
run "$NEWSINDEX" build "$WORK/mixed" --db "$WORK/mixed-db" --no-entities --verbose
expect_contains "$OUT" "$articles files unchanged" "the second build: the articles' files unchanged"
expect_contains "$ERR" "$WORK/mixed/scan-3.tiff: skipped: not an article format" "--verbose names each"
expect_eq "$(grep -c 'skipped: not an article format' <<<"$ERR")" "8" "--verbose: one line per skipped file"
run "$NEWSINDEX" build "$WORK/mixed" --db "$WORK/mixed-db" --quiet --verbose
expect_rc 2 "--quiet with --verbose"

# --- file names that are not UTF-8: printed escaped, and typed back --------------------
BAD=$(printf 'bad\xff\xfe.txt')
mkdir -p "$WORK/names"
cp "$PROJECT_ROOT/corpus/"*.txt "$WORK/names/"
printf 'Cocoa harvest in Ghana\n\nThe cocoa harvest in Ghana was large, traders in Accra said.\n' >"$WORK/names/$BAD"
printf 'Cocoa prices rise\n\nCocoa prices rose in Ghana as the harvest came in, traders said.\n' >"$WORK/names/good.txt"
printf 'Weather\n\nIt rained in Minsk on Monday.\n' >"$WORK/names/weather.txt"
export NEWSINDEX_DB="$WORK/names-db"
run "$NEWSINDEX" build "$WORK/names" -q --no-entities
expect_rc 0 "build with a file name that is not UTF-8"
run "$NEWSSEARCH" 'cocoa harvest' --facets none --no-correct
expect_contains "$OUT" "$WORK/names/bad\xff\xfe.txt" "text output: the path escaped"
run "$NEWSSEARCH" 'cocoa harvest' --ids
expect_contains "$OUT" 'bad\xff\xfe.txt' "--ids: escaped"
expect_not_contains "$OUT" $'\xef\xbf\xbd' "--ids: no U+FFFD"
run "$NEWSSEARCH" 'cocoa harvest' --format csv --fields id,path
expect_contains "$OUT" "bad\xff\xfe.txt,$WORK/names/bad\xff\xfe.txt" "CSV: escaped"
printed=$(grep -o 'bad[^,]*' <<<"$OUT" | head -1)
run "$NEWSSEARCH" --like "$printed" --ids
expect_rc 0 "--like with the printed id"
expect_contains "$OUT" "good.txt" "--like with the printed id finds the related article"
expect_not_contains "$OUT" 'bad\x' "--like leaves the liked article out"
run "$NEWSSEARCH" --like "$BAD" --ids
expect_rc 0 "--like with the raw bytes"
expect_contains "$OUT" "good.txt" "--like with the raw bytes"
run "$NEWSINDEX" show --no-entities "$WORK/names/$printed"
expect_rc 0 "show with the printed name"
expect_contains "$OUT" "title:    Cocoa harvest in Ghana" "show with the printed name"

finish
