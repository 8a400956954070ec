#!/usr/bin/env bash
# The stories test set (bench/stories_testset.py) from Reuters-21578 dev in the shared
# data sets: makes it, indexes it and scores the stories the index found.
#
#   bench/stories_testset.sh [BUILD_DIR] [ORIGINALS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
originals=${2:-400}
here=$(cd "$(dirname "$0")" && pwd)
shared=${NEWSINDEX_SHARED:-$here/../../shared}
tarball="$shared/datasets/reuters21578/dev.tar.xz"
[ -f "$tarball" ] || { echo "skipped: $tarball not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/reuters"
tar -xJf "$tarball" -C "$work/reuters"
python3 "$here/stories_testset.py" make "$work/reuters" "$work/set" "$originals"
"$build/newsindex" build --quiet --db "$work/index" "$work/set/articles"
"$build/newssearch" --db "$work/index" --json '' --limit 1000000 --facets none \
    --fields id,story >"$work/hits.json"
python3 "$here/stories_testset.py" score "$work/set" "$work/hits.json"
