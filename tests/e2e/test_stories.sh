#!/usr/bin/env bash
# Stories: versions of one article share a story id that survives incremental runs
# (additions, changes, deletions in several rounds), and a fresh `build --full` groups the
# articles the same way; so does an index of three shards, whose writers each see only
# their own articles, after every round. --collapse shows one hit per story and counts
# both, alike on one database, on the shards and through xapian-tcpsrv.
source "$(dirname "$0")/lib.sh"

news="$WORK/news"
mkdir -p "$news"

P1="Treasury Secretary James Baker said the United States and its major trading partners agreed to cooperate closely to foster the stability of exchange rates around current levels."
P2="Baker told reporters after a meeting of finance ministers in Paris that the dollar had fallen far enough and that further substantial declines could hurt growth."
P3="He said the ministers discussed the outlook for interest rates in West Germany and Japan and agreed that surplus countries should stimulate domestic demand."
P4="The agreement follows months of pressure from American manufacturers who say the strong dollar of the early eighties cost them export markets they never regained."
P5="Analysts in New York said the statement was vaguer than markets had hoped and that traders would test the dollar's floor within weeks."
O1="Oil prices rose on Monday as traders bet that OPEC members would keep to the output ceiling agreed in December, pushing crude towards eighteen dlrs."
O2="April West Texas Intermediate gained 45 cents to settle at 17.95 dlrs a barrel on the New York Mercantile Exchange, its highest close in three weeks."
O3="Dealers said reports that Saudi Arabia had cut its sales to Japanese refiners lent support, while heating oil futures were steady on mild weather."
Q1="Oil prices rose on Thursday after the American Petroleum Institute reported a larger than expected draw in gasoline stocks during the previous week."
Q2="April crude climbed 30 cents to 18.40 dlrs a barrel in late trade on the New York Mercantile Exchange, and products followed with gains of a cent a gallon."
Q3="Traders said buying by commission houses picked up in the afternoon as short sellers covered positions ahead of an OPEC price committee meeting in Vienna."
C1="Japanese car makers exported fewer vehicles to the United States in February than a year earlier, the industry association said on Tuesday in Tokyo."
C2="Exports fell to 270,000 units as the strong yen made Japanese models dearer, and makers expect the decline to continue through the spring and summer."
C3="The association said shipments to Europe rose slightly, helped by new small models, but not enough to make up for the loss of American sales."

# article FILE TITLE PARAGRAPH...: one JSON article.
article() {
    local file=$1 title=$2
    shift 2
    local body
    body=$(printf '%s\n\n' "$@")
    jq -n --arg t "$title" --arg b "$body" --arg d "${DATE:-1987-03-02}" \
        '{title: $t, body: $b, date: $d}' >"$news/$file"
}
# grouping [DB]: the articles grouped by story, each group sorted, one group a line.
grouping() {
    run "$NEWSSEARCH" --db "${1:-$NEWSINDEX_DB}" --json '' --limit 1000 --facets none \
        --fields id,story,story_size
    [ "$RC" -eq 0 ] || fail "listing stories: $ERR"
    jqo '[.hits[]] | group_by(.story) | map(map(.id) | sort | join(" ")) | sort | .[]'
}
story() {  # story ID: the story of one article
    jqo ".hits[] | select(.id == \"$1\") | .story"
}
# build_round WHAT: the incremental run, on the one database and on three shards, which
# must group alike.
build_round() {
    run "$NEWSINDEX" build "$news"; expect_rc 0 "$1"
    run "$NEWSINDEX" build "$news" --db "$NEWSINDEX_DB.shards" --shards 3
    expect_rc 0 "$1 (three shards)"
    expect_eq "$(grouping "$NEWSINDEX_DB.shards")" "$(grouping)" "$1: three shards group as one database"
}
# spanning_stories DB: how many stories have articles in more than one shard of DB.
spanning_stories() {
    local shard
    for shard in "$1"/shard-*; do
        run "$NEWSSEARCH" --db "$shard" --json '' --limit 1000 --facets none --fields story
        jqo '[.hits[].story] | unique | .[]'
    done | sort | uniq -d | wc -l
}
# compare_with_full: a fresh full build of the same files groups them the same way.
compare_with_full() {
    local incremental full
    incremental=$(grouping)
    NEWSINDEX_DB="$WORK/full" run "$NEWSINDEX" build --full "$news"
    [ "$RC" -eq 0 ] || fail "build --full: $ERR"
    full=$(grouping "$WORK/full")
    expect_eq "$full" "$incremental" "$1: a full rebuild groups as the incremental runs"
    rm -rf "$WORK/full"
}

# Round 1: three different stories, two of them about oil prices.
article baker-1.json "Baker says G-7 agree to stabilise currencies" "WASHINGTON, Feb 26 - $P1" "$P2" "$P3" "$P4"
article oil-mon.json "Oil prices rise" "NEW YORK, March 2 - $O1" "$O2" "$O3"
article cars.json "Japan car exports fall" "TOKYO, March 3 - $C1" "$C2" "$C3"
build_round "round 1"
grouping >/dev/null
baker=$(story baker-1.json)
expect_eq "$(grouping | wc -l)" "3" "round 1: three stories"
compare_with_full "round 1"

# Round 2: a new headline, an added paragraph with credits; the oil story of another day.
DATE=1987-03-03 article baker-2.json "Dollar steadies after Paris accord" "PARIS (Reuters) - $P1" "$P2" "$P3" "$P4" "$P5" "Reporting by Jane Smith; Editing by John Doe"
article oil-thu.json "Oil prices rise" "NEW YORK, March 5 - $Q1" "$Q2" "$Q3"
build_round "round 2"
grouping >/dev/null
expect_eq "$(story baker-2.json)" "$baker" "round 2: the new version joins the story"
expect_eq "$(jqo '.hits[] | select(.id == "baker-2.json") | .story_size')" "2" "round 2: story_size"
[ "$(story oil-mon.json)" != "$(story oil-thu.json)" ] || fail "round 2: two days of oil prices merged"
expect_eq "$(grouping | wc -l)" "4" "round 2: four stories"
compare_with_full "round 2"

# Round 3: the first version goes, one with moved paragraphs and a byline comes.
rm "$news/baker-1.json"
DATE=1987-03-04 article baker-3.json "Baker: dollar has fallen enough" "By Peter Jones" "$P3" "$P1" "$P5" "$P2" "$P4"
build_round "round 3"
grouping >/dev/null
expect_eq "$(story baker-2.json)" "$baker" "round 3: deleting the first version renames nothing"
expect_eq "$(story baker-3.json)" "$baker" "round 3: moved paragraphs join the story"
cars=$(story cars.json)
compare_with_full "round 3"

# Round 4: an article changes into a version of another story; a copy of the cars story.
article oil-thu.json "Oil prices rise" "NEW YORK, March 2 - $O1" "$O2" "$O3" "$C3"
article cars-copy.json "Japan car exports fall" "$C1" "$C2" "$C3"
build_round "round 4"
grouping >/dev/null
expect_eq "$(story oil-thu.json)" "$(story oil-mon.json)" "round 4: a changed article joins its new story"
expect_eq "$(story cars-copy.json)" "$cars" "round 4: an exact copy joins"
expect_eq "$(story baker-3.json)" "$baker" "round 4: unrelated stories keep their ids"
compare_with_full "round 4"

# Round 5: deletions only.
rm "$news/cars.json" "$news/oil-mon.json"
build_round "round 5"
grouping >/dev/null
expect_eq "$(story cars-copy.json)" "$cars" "round 5: the copy keeps the story's id"
compare_with_full "round 5"
run "$NEWSINDEX" check
expect_rc 0 "check after the rounds"

# --collapse: one hit per story, totals in both units.
search_json dollar --collapse --facets none
expect_eq "$(jqo .total)" "2" "collapse: articles"
expect_eq "$(jqo .stories)" "1" "collapse: stories"
expect_eq "$(jqo '.hits | length')" "1" "collapse: one hit"
expect_eq "$(jqo '.hits[0].story_size')" "2" "collapse: versions"
search_json dollar --facets none
expect_eq "$(jqo '.hits | length')" "2" "without collapse: every version"
expect_eq "$(jqo 'has("stories")')" "false" "without collapse: no story count"
expect_eq "$(jqo '.hits[0].story')" "$baker" "without collapse: hits carry their story"
search_json '' --collapse --estimate --facets none
expect_eq "$(jqo '.hits | length')" "3" "collapse, estimated: one hit per story"
run "$NEWSSEARCH" dollar --collapse --color never
expect_contains "$OUT" "2 articles in 1 story" "text totals"
expect_contains "$OUT" "2 versions (story $baker)" "text versions"
run "$NEWSSEARCH" dollar --collapse --format csv --fields id,story,story_size
expect_lines "$OUT" 2 "csv: a header and one story"
expect_contains "$OUT" ",$baker,2" "csv: story and size"
run "$NEWSSEARCH" dollar --format jsonl --fields id,story_size
expect_eq "$(printf '%s\n' "$OUT" | jq -s -c 'map(.story_size)')" "[2,2]" "jsonl: story_size"
run "$NEWSSEARCH" dollar --collapse --count
expect_eq "$OUT" "2" "--count counts articles"

# --facets-by story: the two versions of the Baker story count once, in every facet.
search_json dollar --facets all
expect_eq "$(jqo '[.facets.person[] | select(.value == "James Baker") | .count] | add')" "2" "facets by article"
expect_eq "$(jqo .facets_by)" "article" "facets_by: article"
search_json dollar --facets all --facets-by story
expect_eq "$(jqo .facets_by)" "story" "facets_by: story"
expect_eq "$(jqo '[.facets.person[] | select(.value == "James Baker") | .count] | add')" "1" "facets by story: a person"
expect_eq "$(jqo '.facets.language | map(.count) | add')" "1" "facets by story: the language"
run "$NEWSSEARCH" dollar --facets-by story --facet-order notable
expect_rc 2 "--facets-by story with the notable order"
run "$NEWSSEARCH" dollar --facets-by stories
expect_rc 2 "--facets-by of another word"

# --story: the versions oldest first, the first the original, the others what changed.
search_json --story "$baker" --facets none
expect_eq "$(jqo '[.hits[].id] | join(" ")')" "baker-2.json baker-3.json" "--story: oldest first"
expect_eq "$(jqo '.hits[0] | has("changes")')" "false" "--story: the original changed nothing"
expect_eq "$(jqo '.hits[1].changes | [.new_headline, .moved, .added, .dropped] | map(tostring) | join(" ")')" \
    "true true 0 0" "--story: a new headline and moved paragraphs (credits are no paragraphs)"
run "$NEWSSEARCH" --story "$baker" --facets none --color never
expect_contains "$OUT" "original" "--story text: the original"
expect_contains "$OUT" "changed: new headline, paragraphs moved" "--story text: what changed"
run "$NEWSSEARCH" --story 0000000000000000 --count
expect_eq "$OUT" "0" "--story of no story"

# A version that bridges two stories makes them one; when it goes, they part again.
news="$WORK/bridge"
mkdir -p "$news"
export NEWSINDEX_DB="$WORK/bridge-index"
article a.json "Oil prices rise" "$O1" "$O2" "$O3"
article b.json "Japan car exports fall" "$C1" "$C2" "$C3"
build_round "bridge: first build"
expect_eq "$(grouping | wc -l)" "2" "bridge: two stories"
article m.json "Markets roundup" "$O1" "$O2" "$O3" "$C1" "$C2" "$C3"
build_round "bridge: the roundup"
expect_eq "$(grouping)" "a.json b.json m.json" "bridge: one story"
compare_with_full "bridge"
rm "$news/m.json"
build_round "bridge: the roundup goes"
expect_eq "$(grouping | wc -l)" "2" "bridge: two stories again"
compare_with_full "bridge gone"
run "$NEWSINDEX" check
expect_rc 0 "bridge: check"

# Eight copies of one story: over three shards they are one story all the same. (Which
# shard a file goes to hashes its path, under a new folder each run; all eight in one
# shard has odds of 1 in 2,187.)
news="$WORK/spread"
mkdir -p "$news"
export NEWSINDEX_DB="$WORK/spread-index"
for copy in 1 2 3 4 5 6 7 8; do
    article "copy-$copy.json" "Oil prices rise ($copy)" "$O1" "$O2" "$O3"
done
build_round "spread"
expect_eq "$(grouping | wc -l)" "1" "spread: one story"
[ "$(spanning_stories "$NEWSINDEX_DB.shards")" -ge 1 ] ||
    fail "spread: the copies are all in one shard (the shard test tests nothing)"

# --collapse alike on one database, on the shards (their stub), on a full rebuild of the
# shards and through a stock xapian-tcpsrv serving each shard (last: it skips without one).
collapsed() {  # collapsed DB: the comparable part of a collapsed search, hits in rank order,
    # and its facets counted by story
    run "$NEWSSEARCH" --db "$1" --json 'dollar OR oil OR exports' --collapse --limit 100 \
        --facets all --facets-by story --fields id,score,story_size
    [ "$RC" -eq 0 ] || fail "collapse on $1: $ERR"
    printf '%s' "$OUT" | jq -c '[.total, .stories, [.hits[] | [.id, .score, .story_size]], .facets]'
}
export NEWSINDEX_DB="$WORK/index"
single=$(collapsed "$NEWSINDEX_DB")
expect_eq "$(printf '%s' "$single" | jq '.[2] | length')" "3" "collapse: one hit per story"
expect_eq "$(collapsed "$NEWSINDEX_DB.shards")" "$single" "collapse: three shards as one database"
run "$NEWSINDEX" build --full "$WORK/news" --db "$NEWSINDEX_DB.shards"; expect_rc 0 "full rebuild of the shards"
expect_eq "$(collapsed "$NEWSINDEX_DB.shards")" "$single" "collapse: rebuilt shards as one database"
: >"$WORK/remote.stub"
for shard in "$NEWSINDEX_DB.shards"/shard-*; do
    serve_remote "$shard"
    echo "$REMOTE" >>"$WORK/remote.stub"
done
expect_eq "$(collapsed "$WORK/remote.stub")" "$single" "collapse: xapian-tcpsrv shards as one database"
stop_remotes

finish
