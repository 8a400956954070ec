#!/usr/bin/env bash
# Checks that the C++ sources follow .clang-format (clang-format 14, Debian 12). Lists the
# files that deviate and exits 1 if any; changes nothing. To fix a file:
# clang-format -i FILE.
# usage: scripts/check_format.sh [PROJECT_ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
clang_format=${CLANG_FORMAT:-clang-format}
command -v "$clang_format" >/dev/null ||
    { echo "$clang_format not found: run sh scripts/install-deps.sh --dev" >&2; exit 2; }

mapfile -t files < <({
    find common indexer searcher tests/unit -type f \( -name '*.cc' -o -name '*.h' \)
    find fuzz -maxdepth 1 -type f \( -name '*.cc' -o -name '*.h' \)
} | sort)

bad=()
for file in "${files[@]}"; do
    "$clang_format" --dry-run --Werror "$file" >/dev/null 2>&1 || bad+=("$file")
done

if ((${#bad[@]} > 0)); then
    printf '%s\n' "${bad[@]}"
    echo "${#bad[@]} of ${#files[@]} files deviate from .clang-format" \
         "(see: $clang_format --dry-run FILE; fix: $clang_format -i FILE)" >&2
    exit 1
fi
echo "format ok: ${#files[@]} files"
