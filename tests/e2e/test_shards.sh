#!/usr/bin/env bash
# Sharded indexes, several databases searched as one, and Xapian's remote backend: every
# way of spreading the articles must answer exactly as one database holding them all
# (rankings, totals, every facet count), through newssearch and through a stock
# xapian-tcpsrv. Also: incremental runs, check, status and compact on shards.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/reuters_sample.sh"

make_sample_corpus "$WORK/news/sample"
tarball="${SHARED:-}/datasets/reuters21578/dev.tar.xz"
if [ -f "$tarball" ]; then
    reuters_sample "$tarball" "$WORK/news/reuters" 600
else
    echo "note: $tarball absent; comparing on the sample articles only"
fi

run "$NEWSINDEX" build "$WORK/news" --db "$WORK/single" -q
expect_rc 0 "single build"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/sharded" --shards 3 -q
expect_rc 0 "sharded build"
[ -f "$WORK/sharded/XAPIANDB" ] || fail "no stub file in the sharded index"
for shard in 00 01 02; do
    [ -f "$WORK/sharded/shard-$shard/iamglass" ] || fail "shard-$shard is no database"
done

QUERIES=(
    'Bakiyev extradition' 'said' 'yen' 'oil OR gold' '"interest rates"' 'bank NOT japan'
    'person:Bakiyev' 'place:Minsk' 'org:"Bank of Japan"' 'trade NEAR/5 deficit' 'extradit*'
    'title:oil' 'date:1987-03' ''
)
# What must be equal: the total, each hit's path, score and entities in rank order, and
# every facet value with its count. Two documented exceptions: a wildcard's expansions
# are weighted as one synonym whose frequency Xapian estimates per database, so its
# scores may differ (not its matches); and hits of one day with equal scores come in
# database order when sorted by date, so date order is compared by the dates alone.
answer() {  # answer SORT QUERY OPTIONS...: the comparable part of newssearch --json
    local sort=$1 query=$2 score=.score hits
    shift 2
    [[ $query == *'*'* ]] && score=null
    hits="[.hits[] | [.path, $score, .rank, .entities]]"
    [ "$sort" == -date ] && hits="[.hits[] | .date]"
    "$NEWSSEARCH" --json --no-correct --sort "$sort" --limit 40 --facet-limit 1000 "$@" -- "$query" |
        jq -c "[.total, .total_exact, $hits, .facets]"
}
# An entity's page (newssearch entity): the same counts, months, other names and names
# with it; its newest articles by their dates (the order within a day is the databases').
ENTITIES=('person:kurmanbek bakiyev' 'place:Minsk')
entity_answer() {  # entity_answer KIND:NAME DB_OPTIONS...
    local entity=$1
    shift
    "$NEWSSEARCH" entity --json --limit 20 "$@" "${entity%%:*}" "${entity#*:}" |
        jq -c '[.name, .articles, .aliases, .months, .named_with, [.newest[].date]]'
}
compare() {  # compare WHAT DB_OPTIONS...: every query against the single database
    local what=$1 query sort entity
    shift
    for entity in "${ENTITIES[@]}"; do
        expected=$(entity_answer "$entity" --db "$WORK/single")
        [ -n "$expected" ] || fail "$what: no entity page of $entity from the single database"
        [ "$(entity_answer "$entity" "$@")" == "$expected" ] ||
            fail "$what: the entity page of $entity differs from one database's"
    done
    for query in "${QUERIES[@]}"; do
        for sort in relevance -date; do
            expected=$(answer "$sort" "$query" --db "$WORK/single")
            actual=$(answer "$sort" "$query" "$@")
            [ -n "$expected" ] || fail "$what: no answer from the single database for '$query'"
            [ "$actual" == "$expected" ] ||
                fail "$what: '$query' (--sort $sort) differs from one database:
  expected ${expected:0:300}
  actual   ${actual:0:300}"
        done
    done
}
compare "sharded" --db "$WORK/sharded"
# Every database has facet columns, and counting from the documents instead (what a search
# does without them) answers the same.
for db in single sharded/shard-00 sharded/shard-01 sharded/shard-02; do
    [ -f "$WORK/$db/newsindex-facets" ] || fail "no facet columns in $db"
done
without_columns() {  # without_columns DB: a copy of DB without its facet columns, in $WORK/slow
    rm -rf "$WORK/slow"
    cp -r "$1" "$WORK/slow"
    find "$WORK/slow" -name newsindex-facets -delete
}
without_columns "$WORK/sharded"
compare "sharded, counted from the documents" --db "$WORK/slow"
cp "$WORK/single/newsindex-facets" "$WORK/old-facets"

# A query with hits gives the same facets through shards: spot-check one is non-trivial.
search_json 'said' --db "$WORK/sharded" --limit 0
[ "$(jqo '.total')" -gt 0 ] || fail "no match for 'said' in the sharded index"

# status and check see the whole index.
run "$NEWSINDEX" status --db "$WORK/sharded" --json
expect_rc 0 "status of shards"
expect_eq "$(printf '%s' "$OUT" | jq .shards)" "3" "status shards"
expected_articles=$("$NEWSINDEX" status --db "$WORK/single" --json | jq .articles)
expect_eq "$(printf '%s' "$OUT" | jq .articles)" "$expected_articles" "status articles of shards"
run "$NEWSINDEX" check --db "$WORK/sharded"
expect_rc 0 "check of shards"

# The layout is fixed once made.
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/sharded" --shards 2
expect_rc 2 "another shard count"
expect_contains "$ERR" "has 3 shards, not 2" "another shard count message"
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/single" --shards 2
expect_rc 2 "sharding a single database"
expect_contains "$ERR" "is not sharded" "sharding a single database message"

# Incremental runs: a changed, a deleted and a new file reach the right shard.
# Two different text files, whether or not the Reuters sample is there: the sample
# articles alone hold only two, and the seed article ends in site boilerplate, after which
# an appended paragraph would be dropped, so it is the one deleted.
mapfile -t texts < <(find "$WORK/news" -name '*.txt' | sort)
[ "${#texts[@]}" -ge 2 ] || fail "fewer than two text articles to change and delete"
changed=${texts[2]:-${texts[-1]}}
deleted=${texts[4]:-${texts[0]}}
printf '\nA late paragraph about zanzibarite exports.\n' >>"$changed"
rm "$deleted"
printf 'Zanzibarite Report\n\nA new article on zanzibarite.\n' >"$WORK/news/sample/new.txt"
for db in single sharded; do
    run "$NEWSINDEX" build "$WORK/news" --db "$WORK/$db" -q
    expect_rc 0 "incremental build of $db"
done
search_json 'zanzibarite' --db "$WORK/sharded" --limit 0 --facets none
expect_eq "$(jqo .total)" "2" "changed and new articles found in shards"
compare "sharded after an incremental run" --db "$WORK/sharded"
# Columns of an earlier revision are never read.
without_columns "$WORK/single"
cp "$WORK/old-facets" "$WORK/slow/newsindex-facets"
compare "stale facet columns" --db "$WORK/slow"
run "$NEWSINDEX" check --db "$WORK/sharded"
expect_rc 0 "check of shards after an incremental run"

# --full reshards, and the result still answers as one database.
run "$NEWSINDEX" build "$WORK/news" --db "$WORK/sharded" --full --shards 2 -q
expect_rc 0 "resharding rebuild"
expect_eq "$(grep -c '^auto ' "$WORK/sharded/XAPIANDB")" "2" "resharded stub"
compare "resharded" --db "$WORK/sharded"

# Compaction in place keeps the answers; --output merges the shards into one database.
run "$NEWSINDEX" compact --db "$WORK/sharded"
expect_rc 0 "compact shards"
compare "compacted shards" --db "$WORK/sharded"
run "$NEWSINDEX" compact --db "$WORK/sharded" --output "$WORK/merged"
expect_rc 0 "merge shards"
[ -f "$WORK/merged/iamglass" ] || fail "merged index is no single database"
compare "merged" --db "$WORK/merged"
without_columns "$WORK/merged"
compare "merged, counted from the documents" --db "$WORK/slow"
run "$NEWSINDEX" check --db "$WORK/merged"
expect_rc 0 "check of the merged index and its columns"
run "$NEWSINDEX" compact --db "$WORK/sharded" --output "$WORK/merged"
expect_rc 2 "merge onto an existing path"

# Several --db, and a stub file naming the shards: one database to newssearch.
compare "two --db" --db "$WORK/sharded/shard-00" --db "$WORK/sharded/shard-01"
printf 'auto %s\nauto %s\n' "$WORK/sharded/shard-01" "$WORK/sharded/shard-00" >"$WORK/local.stub"
compare "stub file" --db "$WORK/local.stub"

# A stock xapian-tcpsrv per shard, searched through a stub of remote lines.
: >"$WORK/remote.stub"
for shard in 00 01; do
    serve_remote "$WORK/sharded/shard-$shard"
    echo "$REMOTE" >>"$WORK/remote.stub"
    echo "$REMOTE" >"$WORK/remote-$shard.stub"
done
compare "remote shards" --db "$WORK/remote.stub"
compare "remote and local shards" --db "$WORK/remote-00.stub" --db "$WORK/sharded/shard-01"

finish
