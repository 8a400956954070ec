#!/usr/bin/env bash
# One large JSON Lines file (default 200,000 generated records, about 31 MB): the first
# build, a run after one record is appended, one after a record in the middle is changed,
# and a no-change run, each with wall time and peak RSS (GNU time). A JSON Lines file is
# read as a stream, so memory stays flat whatever its size, and a changed file re-indexes
# only the records that changed.
#
#   bench/jsonl.sh [BUILD_DIR] [RECORDS] [-- extra build options, e.g. --no-entities]
set -euo pipefail
build=${1:-build}
records=${2:-200000}
shift $(($# < 2 ? $# : 2))
[ "${1:-}" = "--" ] && shift
newsindex=$(cd "$build" && pwd)/newsindex
/usr/bin/env time -f '%e' true 2>/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/newsindex-jsonl.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/news"
file="$work/news/feed.jsonl"
python3 - "$records" "$file" <<'EOF'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
words = ("oil prices trade talks bank rates market shares grain wheat export tariff "
         "minister government election strike port shipping coffee cocoa").split()
places = ["Ghana", "Brazil", "Japan", "Canada", "Kenya", "Chile", "Norway", "Peru"]
with open(path, "w") as out:
    for i in range(n):
        place = rng.choice(places)
        body = " ".join(rng.choice(words) for _ in range(12))
        out.write(json.dumps({"title": f"Story {i} from {place}",
                              "body": f"{place} reported {body}.",
                              "date": f"2010-{1 + i % 12:02d}-{1 + i % 28:02d}"}) + "\n")
EOF
echo "machine: $(nproc) cores, $(uname -srm); date: $(date -u +%FT%TZ)"
echo "file: $records records, $(($(stat -c %s "$file") / 1048576)) MB"
export NEWSINDEX_DB="$work/index"
run() {
    echo "$1:"
    shift
    /usr/bin/env time -f '  wall %e s, max RSS %M KB' "$newsindex" build "$@" "$work/news" 2>&1 |
        grep -v '^newsindex: warning' | tail -3 | sed 's/^/  /'
}
run "first build" "${@}"
echo '{"title": "One more story from Ghana", "body": "Ghana reported cocoa prices."}' >>"$file"
run "one record appended" "${@}"
python3 - "$file" $((records / 2)) <<'EOF'
import sys
path, line = sys.argv[1], int(sys.argv[2])
lines = open(path).read().split("\n")
lines[line - 1] = lines[line - 1].replace("reported", "said")
open(path, "w").write("\n".join(lines))
EOF
run "one record changed" "${@}"
run "no change" "${@}"
