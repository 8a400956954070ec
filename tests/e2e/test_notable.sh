#!/usr/bin/env bash
# --facet-order notable: each value's score is the documented formula over exact counts
# (its matches, the matches, its articles, all articles), the values in score order with
# those in fewer than 3 matches last; the count order is unchanged; errors.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/reuters_sample.sh"

tarball="$SHARED/datasets/reuters21578/dev.tar.xz"
if [ -f "$tarball" ]; then
    reuters_sample "$tarball" "$WORK/news/reuters" 400
    QUERY=oil
else
    echo "note: $tarball not found: the entity fixtures and generated reports only"
    make_sample_corpus "$WORK/news"
    cp -r "$FIXTURES/e2e/entities" "$WORK/news/entities"
    make_generated_corpus "$WORK/news/reports" 40
    QUERY=talks
fi
run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
ALL=$("$NEWSSEARCH" --count '')

search_json "$QUERY" --limit 0 --facets place,person,org --facet-limit 5 --facet-order notable
NOTABLE=$OUT
MATCHES=$(jqo .total)
[ "$MATCHES" -gt 0 ] || fail "'$QUERY' matches nothing"
expect_eq "$(jqo '[.facets.place[] | has("score")] | all')" "true" "every value has a score"
# Every score, from counts newssearch gives: the value's matches, the value's articles.
while IFS=$'\t' read -r kind value count score; do
    [ -n "$kind" ] || continue
    in_matches=$("$NEWSSEARCH" --count -- "$QUERY $kind:\"$value\"")
    in_archive=$("$NEWSSEARCH" --count -- "$kind:\"$value\"")
    expect_eq "$count" "$in_matches" "$kind $value: count"
    python3 - "$in_matches" "$MATCHES" "$in_archive" "$ALL" "$score" <<'PY' || fail "$kind $value: score $score is not (fg - bg) * fg / bg"
import sys
c, n, b, a, score = map(float, sys.argv[1:])
fg, bg = c / n, b / a
want = (fg - bg) * fg / bg if fg > bg else 0.0
sys.exit(0 if abs(want - score) <= 1e-9 * max(1.0, want) else 1)
PY
done < <(printf '%s' "$NOTABLE" | jq -r '.facets | to_entries[] | .key as $k | .value[] | [$k, .value, .count, .score] | @tsv')
# The order: by score among values in 3 or more matches, then the rest.
printf '%s' "$NOTABLE" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
enough = min(3, doc["total"])
for kind, values in doc["facets"].items():
    keys = [(v["count"] < enough, -v["score"], -v["count"], v["value"]) for v in values]
    assert keys == sorted(keys), (kind, values)
' || fail "notable values not in score order"

# The count order is the default and carries no score.
search_json "$QUERY" --limit 0 --facets place --facet-limit 8
expect_eq "$(jqo '[.facets.place[] | has("score")] | any')" "false" "count order: no score"
run "$NEWSSEARCH" --facet-order notable --limit 0 --facets place "$QUERY"
expect_rc 0 "text output"
expect_contains "$OUT" "most notable first" "text says the order"
run "$NEWSSEARCH" --facet-order sideways "$QUERY"
expect_rc 2 "bad --facet-order"
expect_contains "$ERR" "--facet-order must be count or notable" "message"

finish
