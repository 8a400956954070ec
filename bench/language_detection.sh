#!/usr/bin/env bash
# Language detection accuracy: how often `newsindex show` gives an article's language.
#
# The labelled texts are lingua's test data (github.com/pemistahl/lingua-go, folder
# cmd/language-testdata/sentences/, one file per ISO 639-1 code, one sentence a line,
# from the Leipzig Corpora Collection's news and web crawls). Each sample is SENTENCES
# consecutive sentences of one file, written as a plain-text article (the first sentence
# its title), so a sample is about the length of a short news item.
#
#   bench/language_detection.sh TESTDATA_DIR [BUILD_DIR] [SAMPLES_PER_LANGUAGE] [SENTENCES]
set -euo pipefail
data=$(cd "${1:?the folder of the sentences/LANG.txt files}" && pwd)
build=$(cd "${2:-build}" && pwd)
per_language=${3:-25}
sentences=${4:-4}
languages="en fr de es pt it nl ru zh ja"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for lang in $languages; do
    [ -f "$data/$lang.txt" ] || { echo "skipped: $data/$lang.txt not found"; exit 0; }
    mkdir -p "$work/$lang"
    awk -v n="$sentences" -v max="$per_language" -v dir="$work/$lang" '
        { i = int((NR - 1) / n); if (i >= max) exit
          file = sprintf("%s/%03d.txt", dir, i)
          if ((NR - 1) % n == 0) printf "%s\n\n", $0 > file; else printf "%s\n\n", $0 >> file
          close(file) }' "$data/$lang.txt"
done
cat >"$work/languages.py" <<'PY'
import json, sys
print(" ".join(a["language"] or "-" for a in json.load(open(sys.argv[1], encoding="utf-8"))))
PY
total=0
right=0
for lang in $languages; do
    "$build/newsindex" show --json "$work/$lang" >"$work/$lang.json"
    got=$(python3 "$work/languages.py" "$work/$lang.json")
    n=0
    ok=0
    wrong=""
    for g in $got; do
        n=$((n + 1))
        if [ "$g" = "$lang" ]; then ok=$((ok + 1)); else wrong="$wrong $g"; fi
    done
    [ -z "$wrong" ] || wrong=" (read as:$wrong)"
    echo "$lang: $ok/$n$wrong"
    total=$((total + n))
    right=$((right + ok))
done
echo "accuracy: $right/$total = $((1000 * right / total / 10)).$((1000 * right / total % 10))%"
