#!/usr/bin/env bash
# Entity facet quality on Reuters-21578 dev (18,880 articles, ../shared/datasets/reuters21578/dev.tar.xz).
#
# Usage: bench/entity_facets.sh [BUILD_DIR]      (default: build/ of this checkout)
#
# Builds a fresh index of the dev articles with BUILD_DIR/newsindex (timed), then:
#  1. the top 40 person, org and place facet values over all articles, with counts;
#  2. person and org values scored against bench/entity_judgements.tsv: % clean of the top 40 (target >= 90% each).
#     A value whose judged note says "same-as: OTHER" (or that is OTHER's entity by such a chain) counts as duplicate
#     when a higher-ranked value of the same top 40 is that entity. Values with no judgement are listed as UNJUDGED and
#     counted as not clean: judge them in the file and re-run.
#  3. Reuters editors' tags (index.tsv `people`, `orgs`): % of tagged (article, code) pairs whose article shows the
#     code's canonical name (bench/reuters_tag_names.tsv) as a value of that kind (targets: person >= 92%, org >= 90%).
#     The article's entities come from one `newssearch --json ''` dump of every hit, so archive-wide resolution counts.
#     Names match ignoring case, a trailing period, Organisation/Organization and Co-operation/Cooperation. Looser
#     variants (any kind; last word only) and the most-missed codes are printed for diagnosis.
# Set KEEP=1 to keep the work folder (index, facet and hit dumps) and print its path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
ni="$build/newsindex"; [[ -x $ni ]] || ni="$build/indexer/newsindex"
ns="$build/newssearch"; [[ -x $ns ]] || ns="$build/searcher/newssearch"
tarball="${NEWSINDEX_SHARED:-$root/../shared}/datasets/reuters21578/dev.tar.xz"
judgements="$root/bench/entity_judgements.tsv"
tagnames="$root/bench/reuters_tag_names.tsv"
for f in "$ni" "$ns"; do [[ -x $f ]] || { echo "entity_facets.sh: no binary $f" >&2; exit 2; }; done
for f in "$tarball" "$judgements" "$tagnames"; do [[ -f $f ]] || { echo "entity_facets.sh: missing $f" >&2; exit 2; }; done

work=$(mktemp -d)
if [[ ${KEEP:-0} == 1 ]]; then trap 'echo "work folder kept: $work"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
db="$work/index"

echo "# Entity facets benchmark (Reuters-21578 dev)"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "binaries:   $ni, $ns ($("$ni" --version 2>/dev/null | head -1); source $(git -C "$build" describe --always --dirty 2>/dev/null || echo unknown))"
echo "data:       $tarball"
echo "judgements: $judgements ($(grep -v '^#' "$judgements" | tail -n +2 | grep -c .) judged values)"
echo "tag names:  $tagnames"
echo "commands:"
echo "  newsindex build --db DB ARTICLES"
echo "  newssearch --db DB '' --limit 0 --facet-limit 40 --facets KIND --json     (KIND = person, org, place)"
echo "  newssearch --db DB '' --limit 100000 --facets none --json                 (every hit with its entities)"
echo

tar -xJf "$tarball" -C "$work"
echo "## build"
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f 'time: cpu user %U s, system %S s, wall %e s, max RSS %M KB' "$ni" build --db "$db" "$work/articles"
else
  start=$(date +%s%N)
  "$ni" build --db "$db" "$work/articles"
  echo "time: wall $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
echo "index size: $(du -sh "$db" | cut -f1)"
echo

for kind in person org place; do
  "$ns" --db "$db" '' --limit 0 --facet-limit 40 --facets "$kind" --json >"$work/facet-$kind.json"
done
"$ns" --db "$db" '' --limit 100000 --facets none --json >"$work/hits.json"

python3 - "$work" "$judgements" "$tagnames" "$work/index.tsv" <<'PY'
import collections, csv, json, os, re, sys

work, judgements_path, tagnames_path, index_path = sys.argv[1:5]
TOP = 40
TARGET_CLEAN = 90.0
TARGET_TAG = {"person": 92.0, "org": 90.0}


def rows(path):
    """TSV rows of a file with # comments and a header line."""
    lines = [l for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def norm(name):
    s = " ".join(name.lower().split()).rstrip(".")
    return s.replace("organisation", "organization").replace("co-operation", "cooperation")


# ---- judgements -------------------------------------------------------------------------------------
judged = {}
for r in rows(judgements_path):
    key = (r["kind"], r["value"])
    if key in judged:
        print("warning: %s %r judged twice; the first row counts" % key)
        continue
    note = r.get("note") or ""
    same = [s.strip() for s in re.findall(r"same-as:\s*([^;]+)", note)]
    judged[key] = (r["verdict"], note, same[0] if same else None)


def entity_of(kind, value):
    """The canonical value a judged value stands for: follows same-as links."""
    seen = {value}
    while True:
        j = judged.get((kind, value))
        if not j or not j[2] or j[2] in seen:
            return value
        value = j[2]
        seen.add(value)


facets = {k: json.load(open(os.path.join(work, "facet-%s.json" % k)))["facets"][k] for k in ("person", "org", "place")}

for kind in ("person", "org"):
    print("## top %d %s values, judged" % (TOP, kind))
    print("%4s %6s  %-42s %-12s %s" % ("rank", "count", "value", "verdict", "note"))
    seen = {}  # entity -> the higher value that showed it first
    verdicts = collections.Counter()
    unjudged = []
    for rank, item in enumerate(facets[kind][:TOP], 1):
        value, count = item["value"], item["count"]
        j = judged.get((kind, value))
        entity = entity_of(kind, value)
        if j is None:
            verdict, note = "UNJUDGED", ""
            unjudged.append(value)
        else:
            verdict, note = j[0], j[1]
            if entity in seen:
                note = "repeats %r (rank %d)%s" % (seen[entity][0], seen[entity][1],
                                                   "" if verdict == "clean" else "; judged " + verdict)
                verdict = "duplicate"
        seen.setdefault(entity, (value, rank))
        verdicts[verdict] += 1
        print("%4d %6d  %-42s %-12s %s" % (rank, count, value, verdict, note))
    n = min(TOP, len(facets[kind]))
    clean = verdicts["clean"]
    pct = 100.0 * clean / n if n else 0.0
    print("%s clean: %d of %d = %.1f%% (target >= %.0f%%: %s)" % (
        kind, clean, n, pct, TARGET_CLEAN, "met" if pct >= TARGET_CLEAN else "NOT met"))
    print("  by verdict: " + ", ".join("%s %d" % kv for kv in verdicts.most_common()))
    if unjudged:
        print("  UNJUDGED (counted as not clean; add them to %s and re-run):" % os.path.basename(judgements_path))
        for v in unjudged:
            print("    UNJUDGED\t%s\t%s" % (kind, v))
    print()

print("## top %d place values" % TOP)
for rank, item in enumerate(facets["place"][:TOP], 1):
    print("%4d %6d  %s" % (rank, item["count"], item["value"]))
print()

# ---- Reuters editors' tags --------------------------------------------------------------------------
names = {}
for r in rows(tagnames_path):
    names[(r["kind"], r["code"])] = r["name"]
entities = {}
for hit in json.load(open(os.path.join(work, "hits.json")))["hits"]:
    entities[os.path.basename(hit["id"])] = hit["entities"]
tags = collections.defaultdict(list)  # kind -> [(file, code)]
doctype, text = {}, {}  # file -> NORM/BRIEF/UNPROC, file -> its path
for r in csv.DictReader(open(index_path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
    for kind, col in (("person", "people"), ("org", "orgs")):
        for code in filter(None, r[col].split("|")):
            tags[kind].append((os.path.basename(r["file"]), code))
    doctype[os.path.basename(r["file"])] = r["type"]
    text[os.path.basename(r["file"])] = os.path.join(os.path.dirname(index_path), r["file"])

print("## Reuters editors' tags: does the tagged article show the tagged %s under its canonical name?" % "entity")
for kind in ("person", "org"):
    pairs = tags[kind]
    codes = sorted({c for _, c in pairs})
    unmapped = [c for c in codes if (kind, c) not in names]
    not_indexed = sum(1 for f, _ in pairs if f not in entities)
    found = collections.Counter()
    by_type = collections.defaultdict(lambda: [0, 0])  # doc type -> [found, pairs]
    absent = [0, 0]  # pairs whose article text lacks the name's last word: [found, pairs]
    misses = collections.defaultdict(collections.Counter)  # code -> what the article showed instead
    missed_pairs = collections.Counter()
    for f, code in pairs:
        name = names.get((kind, code))
        ents = entities.get(f, {})
        if name is None:
            continue
        want = norm(name)
        last = want.split()[-1]
        same_kind = {norm(v) for v in ents.get(kind, [])}
        any_kind = {norm(v) for vs in ents.values() for v in vs}
        ok = want in same_kind
        by_type[doctype[f]][0] += ok
        by_type[doctype[f]][1] += 1
        if not re.search(r"\b%s\b" % re.escape(last), norm(open(text[f], encoding="utf-8", errors="replace").read())):
            absent[0] += ok
            absent[1] += 1
        found["strict"] += ok
        found["any kind"] += want in any_kind
        found["last word, same kind"] += any(v.split()[-1] == last for v in same_kind if v)
        found["last word, any kind"] += any(v.split()[-1] == last for v in any_kind if v)
        if not ok:
            missed_pairs[code] += 1
            # values that may stand for it: they hold the name's last word, the code or the name's initials
            hints = {last, code.split("-")[0], "".join(w[0] for w in name.split() if w[0].isupper()).lower()}
            instead = sorted("%s:%s" % (k, v) for k, vs in ents.items() for v in vs
                             if hints & set(re.split(r"[\s\-/]+", norm(v))) or want in norm(v))
            misses[code][", ".join(instead) or "(none with %s)" % "/".join(sorted(hints))] += 1
    total = len(pairs) - sum(1 for _, c in pairs if (kind, c) not in names)
    pct = 100.0 * found["strict"] / total if total else 0.0
    print("%s: %d (article, code) pairs, %d codes, %d tagged articles" % (
        kind, len(pairs), len(codes), len({f for f, _ in pairs})))
    print("  strict (name is a %s value): %d of %d = %.1f%% (target >= %.0f%%: %s)" % (
        kind, found["strict"], total, pct, TARGET_TAG[kind], "met" if pct >= TARGET_TAG[kind] else "NOT met"))
    for variant in ("any kind", "last word, same kind", "last word, any kind"):
        print("  loosened, %-22s %d of %d = %.1f%%" % (variant + ":", found[variant], total,
                                                      100.0 * found[variant] / total if total else 0.0))
    print("  strict by article type: " + ", ".join(
        "%s %d of %d" % (t, v[0], v[1]) for t, v in sorted(by_type.items(), key=lambda kv: -kv[1][1])) +
        " (BRIEF = upper-case headline only)")
    print("  pairs whose article never writes the name's last word, in any case (e.g. only the acronym): %d,"
          " found anyway %d" % (absent[1], absent[0]))
    if unmapped:
        print("  codes without a name in %s (left out): %s" % (os.path.basename(tagnames_path), " ".join(unmapped)))
    if not_indexed:
        print("  tagged articles missing from the index dump: %d pairs" % not_indexed)
    print("  most-missed codes (misses of tagged pairs; what those articles show instead, most common first):")
    for code, n in missed_pairs.most_common(15):
        tagged = sum(1 for _, c in pairs if c == code)
        shown = "; ".join("%s x%d" % kv for kv in misses[code].most_common(3))
        print("    %-16s %-40s missed %3d of %3d  %s" % (code, names[(kind, code)], n, tagged, shown))
    print()
PY
