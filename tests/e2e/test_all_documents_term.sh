#!/usr/bin/env bash
# A term that every article holds, after a deletion: 1,500 articles that all name Ghana,
# come from one source and say "cocoa", one of them deleted. Xapian 1.4 reads such a term
# through its list of all documents and fails once the ids have gaps (search/filter_term.h);
# every search must still answer exactly, on one database, on shards and through a stock
# xapian-tcpsrv.
source "$(dirname "$0")/lib.sh"

for ((i = 0; i < 1500; i++)); do
    sub="$WORK/news/$((i % 10))"
    mkdir -p "$sub"
    printf '{"title": "Cocoa report %d", "source": "Ghana News Agency", "date": "2010-04-%02d",
  "body": "Cocoa output in Ghana rose again, report number %d said. Farmers near Kumasi expect a larger crop."}\n' \
        "$i" $((1 + i % 28)) "$i" >"$sub/report-$i.json"
done
for db in single sharded; do
    shards=()
    [ "$db" == sharded ] && shards=(--shards 2)
    run "$NEWSINDEX" build "$WORK/news" --db "$WORK/$db" -q "${shards[@]}"
    expect_rc 0 "first build of $db"
done
rm "$WORK/news/3/report-503.json"
for db in single sharded; do
    run "$NEWSINDEX" build "$WORK/news" --db "$WORK/$db" -q
    expect_rc 0 "build of $db after a deletion"
done

# Each query with its total: exact, with facets, and with the estimate.
QUERIES=('place:ghana' 'source:"ghana news agency"' 'cocoa' 'cocoa place:ghana'
    'place:ghana -farmers' 'place:ghana OR place:togo' 'NOT place:togo' 'date:2010-04')
TOTALS=(1499 1499 1499 1499 0 1499 1499 1499)
check_all() {  # check_all WHAT DB_OPTIONS...
    local what=$1 i query
    shift
    for i in "${!QUERIES[@]}"; do
        query=${QUERIES[$i]}
        run "$NEWSSEARCH" "$@" --count -- "$query"
        expect_rc 0 "$what: --count '$query'"
        expect_eq "$OUT" "${TOTALS[$i]}" "$what: --count '$query'"
        run "$NEWSSEARCH" "$@" --json --limit 3 -- "$query"
        expect_rc 0 "$what: --json '$query'"
        expect_eq "$(jqo .total)" "${TOTALS[$i]}" "$what: total of '$query'"
        if [ "${TOTALS[$i]}" -gt 0 ]; then
            expect_eq "$(jqo '.facets.place[] | select(.value == "Ghana") | .count')" "${TOTALS[$i]}" \
                "$what: Ghana's count for '$query'"
            expect_eq "$(jqo '[.facets.date[].count] | add')" "${TOTALS[$i]}" \
                "$what: date histogram of '$query'"
        fi
        run "$NEWSSEARCH" "$@" --json --estimate --limit 3 -- "$query"
        expect_rc 0 "$what: --estimate '$query'"
    done
}
check_all "one database" --db "$WORK/single"
check_all "shards" --db "$WORK/sharded"
check_all "two databases" --db "$WORK/sharded/shard-00" --db "$WORK/sharded/shard-01"

if ! command -v xapian-tcpsrv >/dev/null; then
    echo "SKIP (part): xapian-tcpsrv not installed (Debian xapian-tools); remote search untested"
    finish
    exit 0
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$WORK/single" >"$WORK/tcpsrv.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
    grep -q "Listening" "$WORK/tcpsrv.log" && break
    sleep 0.1
done
echo "remote 127.0.0.1:$port" >"$WORK/remote.stub"
check_all "remote" --db "$WORK/remote.stub"
finish
