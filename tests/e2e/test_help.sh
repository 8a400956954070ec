#!/usr/bin/env bash
# Help and completion: every command's --help wraps its option descriptions one way
# (Boost's), names the database where it opens one, and names only shipped files in its
# examples; the bash completions offer the commands, the options of each (read from its
# --help) and their values.
source "$(dirname "$0")/lib.sh"

SERVE_BUILT=0
[ -x "$(dirname "$NEWSSEARCH")/newssearch-serve" ] && SERVE_BUILT=1

# An option description broken by hand: a line of the options block followed by more of
# the same description whose first word would have fitted on it (Boost wraps at 80).
hard_breaks() {
    awk '
        function firstword(s) { sub(/^ +/, "", s); split(s, w, " "); return w[1] }
        /^Options:/ { inopts = 1; prev = ""; next }
        /^$/ { inopts = 0; prev = ""; next }
        inopts {
            if (prev != "" && $0 ~ /^          +[^ ]/) {
                p = prev; sub(/ +$/, "", p)
                if (length(p) + 1 + length(firstword($0)) < 80) print p " / " firstword($0)
            }
            prev = $0
        }'
}

for command in build status check compact entities show ner-train ner-eval; do
    run "$NEWSINDEX" "$command" --help
    expect_rc 0 "newsindex $command --help"
    expect_eq "$(hard_breaks <<<"$OUT")" "" "newsindex $command --help: hand-made line breaks"
    if grep -q -- '--db' <<<"$OUT"; then
        expect_contains "$OUT" 'Database: --db, else $NEWSINDEX_DB' "newsindex $command --help: Database line"
    fi
    expect_not_contains "$(head -1 <<<"$OUT")" "[OPTIONS] "$'\n' "no trailing space in the usage line"
done
run "$NEWSSEARCH" --help
expect_rc 0 "newssearch --help"
expect_eq "$(hard_breaks <<<"$OUT")" "" "newssearch --help: hand-made line breaks"
like=$(grep -o -- '--like [0-9][^ ]*' <<<"$OUT" | head -1)
like=${like#--like }
[ -n "$like" ] || fail "newssearch --help has no --like example"
[ -f "$PROJECT_ROOT/corpus/$like" ] || fail "the --like example names $like, which corpus/ does not have"

# The --like example runs on an index of the shipped corpus.
run "$NEWSINDEX" build "$PROJECT_ROOT/corpus" -q
expect_rc 0 "build corpus/"
run "$NEWSSEARCH" --like "$like" 'place:Minsk' --count
expect_rc 0 "the --like example on corpus/"

# --- bash completion -------------------------------------------------------------------
# complete SCRIPT FUNCTION WORD...: the completions bash would offer for the last WORD.
complete_words() {
    local script=$1 function=$2
    shift 2
    bash -c 'source "$1"; shift; f=$1; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); "$f"
             printf "%s\n" "${COMPREPLY[@]}"' _ "$PROJECT_ROOT/scripts/completions/$script" "$function" "$@"
}
C=$(complete_words newsindex _newsindex "$NEWSINDEX" bu)
expect_eq "$C" "build" "newsindex bu<TAB>"
C=$(complete_words newsindex _newsindex "$NEWSINDEX" build --ver)
expect_eq "$(tr '\n' ' ' <<<"$C")" "--verbose --verify --version " "newsindex build --ver<TAB>"
C=$(complete_words newsindex _newsindex "$NEWSINDEX" entities --kind p)
expect_eq "$(tr '\n' ' ' <<<"$C")" "person place " "newsindex entities --kind p<TAB>"
mkdir -p "$WORK/folder-a"
C=$(complete_words newsindex _newsindex "$NEWSINDEX" build "$WORK/folder-")
expect_eq "$C" "$WORK/folder-a" "newsindex build DIR<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" --form)
expect_eq "$C" "--format" "newssearch --form<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" --format j)
expect_eq "$(tr '\n' ' ' <<<"$C")" "json jsonl " "newssearch --format j<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" --facets person,o)
expect_eq "$C" "person,org" "newssearch --facets person,o<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" ser)
expect_eq "$C" "serve" "newssearch ser<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" al)
expect_eq "$C" "alert" "newssearch al<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" alert --mark)
expect_eq "$C" "--mark-seen" "newssearch alert --mark<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" entity p)
expect_eq "$(tr '\n' ' ' <<<"$C")" "person place " "newssearch entity p<TAB>"
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" entity --li)
expect_eq "$C" "--limit" "newssearch entity --li<TAB>"
for command in show entity alert; do
    run "$NEWSSEARCH" "$command" --help
    expect_rc 0 "newssearch $command --help"
    expect_eq "$(hard_breaks <<<"$OUT")" "" "newssearch $command --help: hand-made line breaks"
    expect_contains "$OUT" 'Database: --db, else $NEWSINDEX_DB' "newssearch $command --help: Database line"
done
C=$(complete_words newssearch _newssearch "$NEWSSEARCH" oil ser)
expect_eq "$C" "" "no command words after the first word of a query"
if [ "$SERVE_BUILT" -eq 1 ]; then
    C=$(complete_words newssearch _newssearch "$NEWSSEARCH" serve --po)
    expect_eq "$C" "--port" "newssearch serve --po<TAB>"
fi

finish
