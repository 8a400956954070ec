#!/usr/bin/env bash
# Searches never fail because a build committed: a build that commits after every article
# (--batch 1) runs while searches run one after another. Slow under sanitizers, where a
# search may take longer than two commits: labelled slow.
source "$(dirname "$0")/lib.sh"

NEWS="$WORK/news"
make_sample_corpus "$NEWS"
run "$NEWSINDEX" build --no-entities "$NEWS"
expect_rc 0 "first build"

# ---- Searches never fail because a build committed --------------------------------
make_generated_corpus "$NEWS/generated" 1500
"$NEWSINDEX" build --no-entities --batch 1 "$NEWS" >/dev/null 2>&1 &
BUILDER=$!
failures=0
searches=0
while kill -0 "$BUILDER" 2>/dev/null && [ "$searches" -lt 200 ]; do
    "$NEWSSEARCH" --limit 5 'story OR news OR market' >/dev/null 2>"$WORK/search.err" ||
        { failures=$((failures + 1)); cat "$WORK/search.err" >&2; }
    searches=$((searches + 1))
done
wait "$BUILDER" || fail "the build under searches failed"
expect_eq "$failures" "0" "searches failed during a --batch 1 build (of $searches)"
[ "$searches" -ge 5 ] || fail "only $searches searches ran during the build"

finish
