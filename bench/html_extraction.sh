#!/usr/bin/env bash
# HTML extraction quality and speed on the Readability test pages
# (../shared/datasets/readability-pages/dev.tar.xz, 98 saved web pages, each with the
# article Mozilla Readability extracts and its metadata; see the README there).
#
# Usage: bench/html_extraction.sh [BUILD_DIR]        (default: build/ of this checkout)
#        BASELINE=/path/to/other/newsindex bench/html_extraction.sh ...
#                                   adds a column for another newsindex binary (an older
#                                   reader), which must have the `show` command.
#
# Method, for each reader (newsindex, the baseline when given, omindex when installed):
#  - each page (source.html) is indexed alone, in a database of its own;
#  - per page, up to 25 words of the expected article (expected.html) and up to 25 words
#    that occur only outside it (in the page's visible text, never in the article, nor in
#    the reference title, excerpt, byline or site name: navigation, footers, teasers,
#    comments) are sampled, deterministically (seeded by the page name). Words: letters
#    only, 4+ characters, lower case, no apostrophe next to them, no CJK (written
#    without spaces, so a "word" would be a whole clause);
#  - each sampled word is looked up as a term of that page's database (xapian-delve -a):
#    "article words found" and "boilerplate words found" (leak), totals over all pages.
#    Pages without <article>/<main> in their source are also reported apart;
#  - title: `newsindex show --json` title equal (white space collapsed) to the reference
#    title, on real pages (source.html over 8 KB); omindex: its caption (the <title>);
#  - date: the date equal to the reference publishedTime's date, on pages that have one;
#  - entities: `newsindex show --json` entity values (all pages) that contain a word of
#    the page's boilerplate set (all of it, not only the sample);
#  - throughput: one `newsindex show --no-entities --json` process reading every page 5
#    times (CPU seconds, user+sys, on one core): MB of HTML per CPU second.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
ni="$build/newsindex"; [[ -x $ni ]] || ni="$build/indexer/newsindex"
tarball="${NEWSINDEX_SHARED:-$root/../shared}/datasets/readability-pages/dev.tar.xz"
[[ -x $ni ]] || { echo "html_extraction.sh: no binary $ni" >&2; exit 2; }
[[ -f $tarball ]] || { echo "html_extraction.sh: missing $tarball" >&2; exit 2; }
command -v xapian-delve >/dev/null || { echo "html_extraction.sh: needs xapian-delve (apt-get install xapian-tools)" >&2; exit 2; }
work=$(mktemp -d)
if [[ ${KEEP:-0} == 1 ]]; then trap 'echo "work folder kept: $work"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
tar -xJf "$tarball" -C "$work"

readers=("newsindex=$ni")
[[ -n ${BASELINE:-} ]] && readers+=("baseline=$BASELINE")
have_omindex=0
command -v omindex >/dev/null && have_omindex=1
echo "HTML extraction, $(date -u +%Y-%m-%dT%H:%MZ), $(ls "$work/pages" | wc -l) pages of $(basename "$tarball")"
echo "readers: ${readers[*]}$([[ $have_omindex == 1 ]] && echo " omindex=$(command -v omindex) ($(omindex --version | head -1))")"

for page in "$work"/pages/*/; do
    name=$(basename "$page")
    mkdir -p "$work/alone/$name"
    cp "$page/source.html" "$work/alone/$name/source.html"
done
for r in "${readers[@]}"; do
    label=${r%%=*} bin=${r#*=}
    mkdir -p "$work/$label"
    for dir in "$work"/alone/*/; do
        name=$(basename "$dir")
        "$bin" build --quiet --db "$work/$label/db-$name" "$dir" >/dev/null 2>&1 || true
        xapian-delve -a "$work/$label/db-$name" 2>/dev/null >"$work/$label/$name.terms" || true
        rm -rf "$work/$label/db-$name"
    done
    "$bin" show --json "$work"/alone/*/source.html >"$work/$label/show.json" 2>/dev/null || true
    files=()
    for i in 1 2 3 4 5; do files+=("$work"/alone/*/source.html); done
    # bash's `times` would include the builds; time one process on its own.
    /usr/bin/time -f '%U %S' -o "$work/$label/time" "$bin" show --no-entities --json "${files[@]}" >/dev/null 2>&1 || true
done
if [[ $have_omindex == 1 ]]; then
    mkdir -p "$work/omindex"
    for dir in "$work"/alone/*/; do
        name=$(basename "$dir")
        omindex --db "$work/omindex/db-$name" --url / "$dir" >/dev/null 2>&1 || true
        xapian-delve -a "$work/omindex/db-$name" 2>/dev/null >"$work/omindex/$name.terms" || true
        xapian-delve -r 1 -d "$work/omindex/db-$name" 2>/dev/null | sed -n 's/^caption=//p' >"$work/omindex/$name.caption" || true
        rm -rf "$work/omindex/db-$name"
    done
fi
labels=()
for r in "${readers[@]}"; do labels+=("${r%%=*}"); done
[[ $have_omindex == 1 ]] && labels+=(omindex)
python3 "$root/bench/html_extraction.py" "$work" "${labels[@]}"
