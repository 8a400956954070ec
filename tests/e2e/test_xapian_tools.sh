#!/usr/bin/env bash
# Xapian's own tools on a newsindex index, as docs/schema.md says: quest prints each
# hit's caption, sample and url before the JSON, and Omega's stock templates show titles,
# samples, links and dates, filter by date with its D/M/Y terms or DATEVALUE=0, and by
# entity with B=. Skips when quest or Omega (package xapian-omega) is missing.
source "$(dirname "$0")/lib.sh"

command -v quest >/dev/null || skip "quest (xapian-tools) is not installed"
OMEGA=$(command -v omega || true)
for candidate in /usr/lib/cgi-bin/omega/omega /usr/lib/cgi-bin/omega; do
    [ -n "$OMEGA" ] || { [ -f "$candidate" ] && [ -x "$candidate" ] && OMEGA=$candidate; } || true
done
[ -n "$OMEGA" ] || skip "omega (xapian-omega) is not installed"
TEMPLATES=/usr/share/xapian-omega/templates
[ -f "$TEMPLATES/query" ] || skip "Omega's templates are not in $TEMPLATES"

make_sample_corpus "$WORK/news"
run "$NEWSINDEX" build "$WORK/news" -q
expect_rc 0 "build"

# ---- quest --------------------------------------------------------------------------
run quest -d "$NEWSINDEX_DB" belarus
expect_rc 0 "quest"
expect_contains "$OUT" "caption=Belarus and Russia Sign Dairy Agreement" "quest shows the caption"
expect_contains "$OUT" "url=https://example.org/2010/05/belarus-dairy" "and the url"
expect_contains "$OUT" "sample=Belarus and Russia signed" "and the sample"
expect_contains "$OUT" 'newsindex={"body":' "and the article's JSON on a line of its own"
run quest -d "$NEWSINDEX_DB" --boolean-prefix=place:XL 'place:minsk'
QUEST_MINSK=$(sed -nE 's/^Exactly ([0-9]+) matches$/\1/p' <<<"$OUT")
count 'place:minsk'
expect_eq "$QUEST_MINSK" "$COUNT" "quest with the place prefix counts as newssearch does"

# ---- Omega --------------------------------------------------------------------------
mkdir -p "$WORK/omega/dbs" "$WORK/omega/log" "$WORK/omega/cdb"
ln -s "$NEWSINDEX_DB" "$WORK/omega/dbs/news"
printf 'database_dir %s\ntemplate_dir %s\nlog_dir %s\ncdb_dir %s\n' "$WORK/omega/dbs" \
    "$TEMPLATES" "$WORK/omega/log" "$WORK/omega/cdb" >"$WORK/omega/omega.conf"
omega() { run env OMEGA_CONFIG_FILE="$WORK/omega/omega.conf" "$OMEGA" DB=news "$@"; }
matches() { sed -nE 's/.* Matches="([0-9]+)".*/\1/p' <<<"$OUT"; }

omega P=belarus
expect_rc 0 "omega"
expect_contains "$OUT" "Belarus and Russia Sign Dairy Agreement" "Omega shows the title"
expect_not_contains "$OUT" "Untitled" "no hit is untitled"
expect_contains "$OUT" "2010-05-03" "Omega shows the date"
expect_contains "$OUT" 'href="https://example.org/2010/05/belarus-dairy"' "and links the article"
expect_contains "$OUT" "<strong>Belarus</strong>. Belarusian President" "and highlights the sample"
omega P=belarus FMT=xml
expect_eq "$(matches)" 3 "Omega: belarus"
omega P=belarus FMT=xml START=20100501
expect_eq "$(matches)" 1 "Omega's date filter (START) reads the D terms"
omega P=belarus FMT=xml START=20100420 END=20100430
expect_eq "$(matches)" 2 "Omega's START and END"
omega P=belarus FMT=xml DATEVALUE=0 START=20100420 END=20100430
expect_eq "$(matches)" 2 "Omega's DATEVALUE=0 reads the date slot"
count 'belarus place:minsk'
omega P=belarus FMT=xml B=XLminsk
expect_eq "$(matches)" "$COUNT" "Omega's B= filters by entity terms"

# A sharded index is one database to Omega too.
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/sharded" --shards 2 -q
ln -s "$WORK/sharded" "$WORK/omega/dbs/sharded"
run env OMEGA_CONFIG_FILE="$WORK/omega/omega.conf" "$OMEGA" DB=sharded P=belarus FMT=xml
expect_eq "$(matches)" 3 "Omega on a sharded index"

finish
