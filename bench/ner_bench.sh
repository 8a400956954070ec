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
for mode in strict ignore-titles; do
  extra=()
  [[ $mode == ignore-titles ]] && extra=(--ignore-titles)
  echo "## held-out documents, $mode"
  echo "command: $bin ner-eval --json ${held_out[*]} ${extra[*]} ${model_args[*]} FILE..."
  xz -dc "$data/gmb-sentences/ner-more.conll.xz" |
    "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" \
      "$data/gmb-sentences/ner.conll" - | summary gmb
  for set in gum-news/dev gum-all wikigold re3d uner-ewt; do
    "$bin" ner-eval --json "${held_out[@]}" "${extra[@]}" "${model_args[@]}" "$data/$set/ner.conll" |
      summary "${set%/dev}"
  done
  echo
done

echo "## speed"
reuters=/tmp/newsindex-ner-bench-reuters
if [[ ! -d $reuters/articles ]]; then
  mkdir -p "$reuters"
  tar -xJf "$data/reuters21578/dev.tar.xz" -C "$reuters"
fi
echo "command: taskset -c 0 $bin ner-eval --text ${model_args[*]} $reuters/articles  (3 runs)"
for run in 1 2 3; do
  taskset -c 0 "$bin" ner-eval --text "${model_args[@]}" "$reuters/articles"
done
