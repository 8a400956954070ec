#!/usr/bin/env bash
# Checks the include directions between the layers of common/ (see common/CMakeLists.txt
# and the README's layout table), and that the programs reach Xapian only through the
# core. Prints one line per violation (file:line: the rule broken) and exits 1 if any.
# usage: scripts/check_layers.sh [PROJECT_ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# The layers each layer of common/ may include. indexer/, searcher/, tests/ and fuzz/
# may include any of them.
declare -A allowed=(
    [base]="base"
    [read]="base read"
    [ner]="base ner"
    [story]="base story"
    [index]="base read ner story index"
    [search]="base read ner story index search"
    [ner_train]="base ner ner_train"
    [cli]="base read ner story index search cli"
)

violations=0
report() { echo "$1: $2"; violations=$((violations + 1)); }

sources() { find "$@" -type f \( -name '*.cc' -o -name '*.h' \) | sort; }

# Every source file of the library sits in a layer folder.
while IFS= read -r file; do
    report "$file" "a file at the top of common/: it belongs in a layer folder"
done < <(find common -maxdepth 1 -type f \( -name '*.cc' -o -name '*.h' \) | sort)
while IFS= read -r dir; do
    [[ -v allowed[${dir#common/}] ]] || report "$dir" "not a layer: add it to check_layers.sh and the README"
done < <(find common -mindepth 1 -maxdepth 1 -type d | sort)

# Every #include "common/..." line.
while IFS=: read -r file line text; do
    target=${text#*common/}
    target=common/${target%%[\">]*}  # common/ner/model.h
    layer=${target#common/}
    layer=${layer%%/*}               # ner
    if [[ $target != common/*/* ]]; then
        report "$file:$line" "includes $target: the top of common/ holds no headers, use common/<layer>/"
    elif [[ ! -v allowed[$layer] ]]; then
        report "$file:$line" "includes $target: common/$layer/ is not a layer"
    elif [[ $file == common/*/* ]]; then
        from=${file#common/}
        from=${from%%/*}
        [[ " ${allowed[$from]:-} " == *" $layer "* ]] ||
            report "$file:$line" "$from may include ${allowed[$from]:-no layer}, not $target"
    fi
done < <(sources common indexer searcher tests fuzz |
    xargs grep -nHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]common/' || true)

# The programs use the core's types and errors, never Xapian's.
while IFS=: read -r file line text; do
    text=${text#"${text%%[![:space:]]*}"}  # without its indentation
    report "$file:$line" "indexer/ and searcher/ may not use Xapian directly: $text"
done < <(sources indexer searcher |
    xargs grep -nHE 'Xapian::|#[[:space:]]*include[[:space:]]*<xapian' || true)

if ((violations > 0)); then
    echo "$violations layer violation(s)" >&2
    exit 1
fi
echo "layers ok"
