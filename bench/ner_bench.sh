#!/usr/bin/env bash
# NER accuracy and speed benchmark. Builds nothing.
#
# Usage: bench/ner_bench.sh [NEWSINDEX_BINARY] [MODEL]
#   defaults: build/newsindex, the binary's default model (models/ner.model)
#
# Accuracy: `ner-eval` on our held-out documents of each set (0-based "# doc:" position in
# the file % 10 == 3, never trained on: see bench/train_model.sh), strict conlleval
# entity-level scores, then the same with leading person titles ignored (--ignore-titles).
# Speed: tokenise + sentence-split + tag the Reuters-21578 dev articles on one thread,
# model loaded once, file reading not timed (`ner-eval --text`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/newsindex}"
[[ $# -ge 1 || -x $bin ]] || bin="$root/build/indexer/newsindex"
model_args=()
[[ $# -ge 2 ]] && model_args=(--model "$2")
data="${NEWSINDEX_SHARED:-$root/../shared}/datasets"
[[ -x "$bin" ]] || { echo "ner_bench.sh: no newsindex binary at $bin" >&2; exit 2; }
[[ -d "$data" ]] || { echo "ner_bench.sh: no datasets at $data" >&2; exit 2; }

echo "# NER benchmark"
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "binary:  $bin"
echo "model:   ${2:-default} ($(ls -l "${2:-$root/models/ner.model}" | awk '{print $5}') bytes)"
echo

summary() {  # reads ner-eval --json, prints one row
  python3 -c '
import json, sys
j = json.load(sys.stdin)
cells = ["%s %.3f (P %.3f R %.3f, %d)" % (k, j[k]["f1"], j[k]["p"], j[k]["r"], j[k]["gold"])
         for k in ("PER", "ORG", "LOC", "overall")]
print("%-10s %s | %d tokens, load %.3f s" % (sys.argv[1], " | ".join(cells), j["tokens"], j["load_seconds"]))
' "$1"
}

held_out=(--docs-mod 10 --docs-rem 3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mode in strict ignore-titles; do
  extra=()
  [[ $mode == ignore-titles ]] && extra=(--ignore-titles)
  echo "## held-out documents, $mode"
  echo "command: $bin ner-eval --json ${held_out[*]} ${extra[*]} ${model_args[*]} FILE..."
  xz -dc "$data/gmb-sentences/ner-more.conll.xz" |
    "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" \
      "$data/gmb-sentences/ner.conll" - | summary gmb
  # The same GMB documents in capitals, as wire headlines are written.
  upper() { awk -F'\t' 'BEGIN { OFS = "\t" } /^# doc/ || NF == 0 { print; next } { $1 = toupper($1); print }'; }
  xz -dc "$data/gmb-sentences/ner-more.conll.xz" | upper >"$tmp/more-upper.conll"
  upper <"$data/gmb-sentences/ner.conll" |
    "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" - "$tmp/more-upper.conll" |
    summary gmb-UPPER
  for set in gum-news/dev gum-all wikigold re3d uner-ewt; do
    "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" "$data/$set/ner.conll" |
      summary "${set%/dev}"
  done
  if [[ -f $data/crossner/ner.conll.xz ]]; then
    xz -dc "$data/crossner/ner.conll.xz" |
      "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" - | summary crossner
  fi
  echo
done

reuters=/tmp/newsindex-ner-bench-reuters
if [[ ! -d $reuters/articles ]]; then
  mkdir -p "$reuters"
  tar -xJf "$data/reuters21578/dev.tar.xz" -C "$reuters"
fi

# Reuters editors tagged 1,019 dev articles with the people they are about (lower-case
# codes such as james-baker). Recall: a tagged person counts as found when the code's last
# part is a word of a person entity `newsindex entities` gives for that article. Reuters
# tags only the main people, so precision cannot be measured this way.
echo "## Reuters dev, document-level person recall"
echo "command: newsindex entities --json ${model_args[*]} <the 1,019 articles with people tags>"
awk -F'\t' -v dir="$reuters" 'NR > 1 && $7 != "" { print dir "/" $2 }' "$reuters/index.tsv" >"$tmp/people-files"
xargs -d '\n' "$bin" entities --json "${model_args[@]}" <"$tmp/people-files" >"$tmp/people.json"
python3 - "$reuters/index.tsv" "$tmp/people.json" <<'PY'
import csv, json, os, sys
people = {os.path.basename(row["file"]): row["people"]
          for row in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
found = total = 0
for article in json.load(open(sys.argv[2])):
    words = {w for p in article["entities"]["person"] for w in p["name"].lower().replace("-", " ").split()}
    for code in filter(None, people[os.path.basename(article["id"])].split("|")):
        total += 1
        found += code.split("-")[-1] in words
print("people found: %d of %d = %.3f" % (found, total, found / total))
PY
echo

echo "## speed"
echo "command: taskset -c 0 $bin ner-eval --text ${model_args[*]} $reuters/articles  (3 runs)"
for run in 1 2 3; do
  taskset -c 0 "$bin" ner-eval --text "${model_args[@]}" "$reuters/articles"
done
