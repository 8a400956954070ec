#!/usr/bin/env bash
# Reproduces models/ner.model from ../shared/datasets.
#
# Usage: bench/train_model.sh [NEWSINDEX_BINARY] [OUT_MODEL]
#   defaults: build/newsindex, models/ner.model
#
# Split: every set is used only through its shared dev part (the documented holdouts are
# not in shared/). On top of that, documents whose 0-based "# doc:" position within their
# file is % 10 == 3 are held out for our own evaluation (--docs-mod 10 --docs-rem 3) and
# never trained on; bench/ner_bench.sh scores exactly those. btc (tweets) is not used.
# Training is deterministic for the given seed; the gazetteer is read from iso-codes and
# libgeonames-common (English geonames.mo) and baked into the model. Every 8th sentence
# is also trained on in upper case, for wire headlines written in capitals.
#
# Title convention: the first two inputs (GMB) teach how titles before names are tagged
# (GMB mostly puts "Mr."/"President" inside the person); in the other sets, which leave
# titles out, title words right before a person are latent labels
# (--title-convention-inputs 2). GMB's lone "Mr./B-PER" before a name its tagger typed
# ORG/LOC is merged into one person for training (--merge-honorifics). Neither touches
# any evaluation data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/newsindex}"
[[ $# -ge 1 || -x $bin ]] || bin="$root/build/indexer/newsindex"
out="${2:-$root/models/ner.model}"
data="${NEWSINDEX_SHARED:-$root/../shared}/datasets"

[[ -x "$bin" ]] || { echo "train_model.sh: no newsindex binary at $bin" >&2; exit 2; }
[[ -d "$data" ]] || { echo "train_model.sh: no datasets at $data" >&2; exit 2; }

# ner-more is xz-compressed: it comes in on stdin ("-"), which keeps its own document
# numbering, exactly as if the unpacked file were named.
xz -dc "$data/gmb-sentences/ner-more.conll.xz" |
  "$bin" ner-train --out "$out" --seed 1 --epochs 10 --hash-bits 18 \
    --docs-mod 10 --docs-rem 3 --title-convention-inputs 2 --merge-honorifics \
    --upper-case-every 8 \
    "$data/gmb-sentences/ner.conll" - \
    "$data/gum-all/ner.conll" \
    "$data/gum-news/dev/ner.conll" \
    "$data/wikigold/ner.conll" \
    "$data/re3d/ner.conll" \
    "$data/uner-ewt/ner.conll"
ls -l "$out"
