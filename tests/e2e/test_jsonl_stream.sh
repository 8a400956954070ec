#!/usr/bin/env bash
# A large JSON Lines file is read as a stream, in bounded memory, and a changed one
# re-indexes only the records that changed, were added or were removed.
source "$(dirname "$0")/lib.sh"

records=40000
mkdir -p "$WORK/news"
feed="$WORK/news/feed.jsonl"
python3 - "$records" "$feed" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    for i in range(1, n + 1):
        out.write(json.dumps({"title": f"Story {i} from Ghana",
                              "body": f"Ghana reported cocoa prices, report {i}."}) + "\n")
PY

# Held whole, 40,000 records took 265 MB; read line by line about 35 MB.
if [ -x /usr/bin/time ]; then
    run /usr/bin/time -f 'peak %M KB' "$NEWSINDEX" build --no-entities "$WORK/news"
    expect_rc 0 "first build"
    peak=$(printf '%s\n' "$ERR" | sed -n 's/^peak \([0-9]*\) KB$/\1/p')
    [ -n "$peak" ] && [ "$peak" -lt 150000 ] || fail "first build peak RSS ${peak:-?} KB, expected under 150000"
else
    echo "note: /usr/bin/time missing, memory not measured"
    run "$NEWSINDEX" build --no-entities "$WORK/news"
    expect_rc 0 "first build"
fi
expect_contains "$OUT" "$records articles read, $records indexed" "first build"
count 'ghana'; expect_eq "$COUNT" "$records" "every record indexed"

# One record appended: one read.
echo '{"title": "Story from Accra", "body": "Quagmirezz in Ghana."}' >>"$feed"
run "$NEWSINDEX" build --no-entities "$WORK/news"
expect_rc 0 "append"
expect_contains "$OUT" "1 articles read, 1 indexed" "an appended record is all that is read"
count 'quagmirezz'; expect_eq "$COUNT" "1" "appended record searchable"
run "$NEWSINDEX" build --no-entities "$WORK/news"
expect_contains "$OUT" "0 articles read, 0 indexed, 1 files unchanged" "then nothing changed"

# One changed, one removed (its line left blank): the others keep their documents.
python3 - "$feed" <<'PY'
import sys
path = sys.argv[1]
lines = open(path).read().split("\n")
lines[99] = lines[99].replace("cocoa prices", "gold prices")
lines[199] = ""
open(path, "w").write("\n".join(lines))
PY
run "$NEWSINDEX" build --no-entities "$WORK/news"
expect_rc 0 "change"
expect_contains "$OUT" "1 articles read, 1 indexed" "one changed record read"
count 'gold'; expect_eq "$COUNT" "1" "changed record"
count 'ghana'; expect_eq "$COUNT" "$records" "one removed, one added"
search_json '"report 200"'
expect_eq "$(jqo .total)" "0" "removed record gone"

# The same index as a first build of the file as it is now.
search_json 'ghana' --limit 5
incremental=$(jqo '[.total, [.hits[].id]] | tostring')
export NEWSINDEX_DB="$WORK/fresh"
run "$NEWSINDEX" build --no-entities "$WORK/news"
search_json 'ghana' --limit 5
expect_eq "$(jqo '[.total, [.hits[].id]] | tostring')" "$incremental" "same as a fresh build"
finish
