#!/usr/bin/env bash
# Entity values of saved web pages, as `newsindex show` reports them, scored against a hand
# judgement (bench/web_entity_judgements.tsv).
#
# Usage: bench/web_entities.sh [NEWSINDEX_BINARY]     (default: build/newsindex)
#
# Unpacks ../shared/datasets/readability-pages/dev.tar.xz (98 saved pages), runs `newsindex
# show --json` on each page's source.html and lists every person, organisation and place
# value as PAGE<TAB>KIND<TAB>NAME. The judgement file holds a fixed random sample of such
# values (same columns and a verdict: right, or why it is wrong), judged by hand; the share
# of right values among those a run reports is printed. SHOW_UNJUDGED=1 lists the others;
# OUT=FILE keeps the full list.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/newsindex}"
[[ -x $bin ]] || { echo "web_entities.sh: no newsindex binary at $bin" >&2; exit 2; }
tarball="${NEWSINDEX_SHARED:-$root/../shared}/datasets/readability-pages/dev.tar.xz"
[[ -f $tarball ]] || { echo "web_entities.sh: no pages at $tarball" >&2; exit 2; }
judgements="$root/bench/web_entity_judgements.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
for page in "$work"/pages/*/; do
  name=$(basename "$page")
  "$bin" show --json "$page/source.html" 2>/dev/null |
    python3 -c '
import json, sys
page = sys.argv[1]
for article in json.load(sys.stdin):
    for kind in ("person", "org", "place"):
        for e in article.get("entities", {}).get(kind, []):
            print("%s\t%s\t%s" % (page, kind, e["name"]))
' "$name" || true
done >"$work/values.tsv"
python3 - "$work/values.tsv" "$judgements" "${OUT:-}" <<'PY'
import collections, os, sys
values = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
judged = {}
if os.path.exists(sys.argv[2]):
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        page, kind, name, verdict = (line.rstrip("\n").split("\t") + [""])[:4]
        judged[(page, kind, name)] = verdict
by_verdict = collections.Counter()
unjudged = [v for v in values if tuple(v) not in judged]
scored = [v for v in values if tuple(v) in judged]
for v in scored:
    by_verdict[judged[tuple(v)]] += 1
right = by_verdict["right"]
print("# Saved web pages: person, organisation and place values of `newsindex show`")
print("values: %d, judged: %d (a fixed random sample, see the judgement file)" % (len(values), len(scored)))
print("right among judged: %d of %d = %.1f%% (target >= 90%%)" % (right, len(scored), 100.0 * right / max(1, len(scored))))
for kind in ("person", "org", "place"):
    n = [v for v in scored if v[1] == kind]
    r = sum(1 for v in n if judged[tuple(v)] == "right")
    print("  %-6s %4d judged, %4d right = %.1f%%" % (kind, len(n), r, 100.0 * r / max(1, len(n))))
print("wrong, by verdict: " + ", ".join("%s %d" % kv for kv in by_verdict.most_common() if kv[0] != "right"))
if os.environ.get("SHOW_UNJUDGED"):
    print("not judged (%d):" % len(unjudged))
    for v in unjudged:
        print("\t".join(v))
if len(sys.argv) > 3 and sys.argv[3]:
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        for v in values:
            f.write("\t".join(v) + "\n")
PY
