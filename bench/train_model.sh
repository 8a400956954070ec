#!/usr/bin/env bash
# Reproduces models/ner.model from ../shared/datasets.
#
# Usage: [CROSSNER=1] bench/train_model.sh [NEWSINDEX_BINARY] [OUT_MODEL]
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
# Title convention: names are learnt without titles (--strip-titles: leading title words
# of person chunks become O in every training input), as GUM, re3d, UNER and wikigold tag
# them and as the extractor keeps them; GMB, which mostly puts "Mr."/"President" inside
# the person, is scored with --ignore-titles for people. GMB's lone "Mr./B-PER" before a
# name its tagger typed ORG/LOC is first merged into one person (--merge-honorifics).
# Neither touches any evaluation data.
#
# Word clusters (256 / 64 / 16, exchange algorithm, ~30 s) are learnt from the training
# sentences (held-out documents excluded) plus unlabelled article text: the Reuters-21578
# dev articles and the article part (expected.html) of the readability pages, unpacked
# into a temporary folder. They are baked into the model.
set -euo pipefail
export LC_ALL=C  # file order of globs
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/newsindex}"
[[ $# -ge 1 || -x $bin ]] || bin="$root/build/indexer/newsindex"
out="${2:-$root/models/ner.model}"
data="${NEWSINDEX_SHARED:-$root/../shared}/datasets"

[[ -x "$bin" ]] || { echo "train_model.sh: no newsindex binary at $bin" >&2; exit 2; }
[[ -d "$data" ]] || { echo "train_model.sh: no datasets at $data" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$data/reuters21578/dev.tar.xz" -C "$tmp" articles
tar -xJf "$data/readability-pages/dev.tar.xz" -C "$tmp"
# CROSSNER=1 adds CrossNER (Wikipedia, five domains, mapped to PER/ORG/LOC by shared/),
# unpacked, as stdin carries GMB's ner-more. Off by default: with it the held-out GMB
# scores fall under their floors (PER 0.848, LOC 0.887; bench/RESULTS.md, NER), so the
# shipped model is trained without it and this command still reproduces it.
extra_sets=()
if [[ ${CROSSNER:-0} == 1 ]]; then
  xz -dc "$data/crossner/ner.conll.xz" >"$tmp/crossner.conll"
  extra_sets+=("$tmp/crossner.conll")
fi
cluster_text=(--cluster-text "$tmp/articles")
for page in "$tmp"/pages/*/expected.html; do cluster_text+=(--cluster-text "$page"); done

# ner-more is xz-compressed: it comes in on stdin ("-"), which keeps its own document
# numbering, exactly as if the unpacked file were named.
xz -dc "$data/gmb-sentences/ner-more.conll.xz" |
  "$bin" ner-train --out "$out" --seed 1 --epochs 10 --hash-bits 20 \
    --docs-mod 10 --docs-rem 3 --strip-titles --merge-honorifics \
    --upper-case-every 8 --cluster-count 256 "${cluster_text[@]}" \
    "$data/gmb-sentences/ner.conll" - \
    "$data/gum-all/ner.conll" \
    "$data/gum-news/dev/ner.conll" \
    "$data/wikigold/ner.conll" \
    "$data/re3d/ner.conll" \
    "$data/uner-ewt/ner.conll" "${extra_sets[@]}"
ls -l "$out"
