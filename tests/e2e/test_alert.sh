#!/usr/bin/env bash
# newssearch alert NAME QUERY across runs: the first reports every match, later ones only
# what is new; --mark-seen; a run whose report or state cannot be written leaves the
# state as it was, so the next run reports the same articles again; bad names and queries.
source "$(dirname "$0")/lib.sh"

CORPUS="$WORK/corpus"
mkdir -p "$CORPUS"
article() {  # article FILE TITLE BODY
    printf '%s\n\n%s\n' "$2" "$3" >"$CORPUS/$1"
}
article a.txt "Talks in Minsk" "The minister said talks in Minsk would resume on Monday."
article b.txt "Harbour works" "The harbour master said the quay opens in April."
"$NEWSINDEX" build "$CORPUS" -q
STATE="$NEWSINDEX_DB.alerts/desk"

run "$NEWSSEARCH" alert desk said --ids
expect_rc 0 "first run"
expect_eq "$(sort <<<"$OUT")" "$(printf "a.txt\nb.txt")" "first run: every match"
[ -f "$STATE" ] || fail "no state file at $STATE"
run "$NEWSSEARCH" alert desk said --ids
expect_rc 0 "second run"
expect_eq "$OUT" "" "nothing new: nothing printed"

article c.txt "Minsk again" "Officials said the Minsk talks went on."
"$NEWSINDEX" build "$CORPUS" -q
run "$NEWSSEARCH" alert desk said
expect_rc 0 "after a build"
expect_contains "$OUT" "1. Minsk again" "text report: the new article, numbered from 1"
expect_not_contains "$OUT" "Talks in Minsk" "text report: not the articles reported before"
expect_contains "$OUT" "1 match for said" "text report: the count of new matches"

# A report that cannot be written (a full disk): the state stays, the next run repeats it.
article d.txt "Quay delayed" "The council said the quay opens in May."
"$NEWSINDEX" build "$CORPUS" -q
before=$(cat "$STATE")
run sh -c "'$NEWSSEARCH' alert desk said --ids >/dev/full"
expect_rc 74 "report to a full disk"
expect_contains "$ERR" "alert desk will report these articles again" "full disk: said so"
expect_eq "$(cat "$STATE")" "$before" "full disk: the state as it was"
# A state that cannot be replaced: the report is out, the state stays, the next run repeats.
mkdir "$STATE.new"
run "$NEWSSEARCH" alert desk said --ids
expect_rc 74 "state not writable"
expect_eq "$OUT" "d.txt" "state not writable: the report still printed"
expect_contains "$ERR" "desk.new" "state not writable: the file named"
expect_eq "$(cat "$STATE")" "$before" "state not writable: the state as it was"
rmdir "$STATE.new"
run "$NEWSSEARCH" alert desk said --format jsonl
expect_rc 0 "after the failures"
expect_eq "$(jqo '.id')" "d.txt" "after the failures: the article again, as JSON Lines"
run "$NEWSSEARCH" alert desk said --ids
expect_eq "$OUT" "" "then nothing"

# An article that stops matching and matches again is new again.
article b.txt "Harbour works" "The quay opens in April."
"$NEWSINDEX" build "$CORPUS" -q
run "$NEWSSEARCH" alert desk said --ids
expect_eq "$OUT" "" "an edit that drops the word: nothing new"
article b.txt "Harbour works" "The harbour master said it again."
"$NEWSINDEX" build "$CORPUS" -q
run "$NEWSSEARCH" alert desk said --ids
expect_eq "$OUT" "b.txt" "matching again: new again"

# --mark-seen starts an alert from now; alerts are independent of each other.
run "$NEWSSEARCH" alert --mark-seen city said
expect_rc 0 "--mark-seen"
expect_eq "$OUT" "" "--mark-seen prints nothing"
article e.txt "New mayor" "The new mayor said hello."
"$NEWSINDEX" build "$CORPUS" -q
run "$NEWSSEARCH" alert city said --ids
expect_eq "$OUT" "e.txt" "after --mark-seen: only what came since"
run "$NEWSSEARCH" alert desk said --json
expect_eq "$(jqo '[.hits[].id] | join(" ")')" "e.txt" "the other alert: its own state, JSON"
expect_eq "$(jqo '.total')" "1" "JSON: total counts the new matches"

run "$NEWSSEARCH" alert ../escape said
expect_rc 2 "a name that is a path"
expect_contains "$ERR" "alert name '../escape'" "bad name: named"
[ ! -e "$WORK/escape" ] && [ ! -e "$NEWSINDEX_DB.alerts/../escape" ] || fail "a file made outside the alerts folder"
run "$NEWSSEARCH" alert onlyname
expect_rc 2 "no query"
run "$NEWSSEARCH" alert q 'said AND ('
expect_rc 2 "bad query"
expect_contains "$ERR" "cannot parse query 'said AND ('" "bad query: named"
[ ! -e "$NEWSINDEX_DB.alerts/q" ] || fail "a bad query left a state"
run "$NEWSSEARCH" --db "$WORK/none" alert x said
expect_rc 2 "no index"
[ ! -e "$WORK/none.alerts" ] || fail "no index: a state folder was made"
finish
