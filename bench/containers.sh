#!/usr/bin/env bash
# Throughput of the container formats on one core (--jobs 1 --no-entities): the same
# Reuters-21578 dev articles as a folder of .txt files, each file gzipped, one .tar.gz and
# one .zip, and a WARC made of the shared WARC samples repeated. Prints, per format, the
# bytes on disk, the articles, the wall time, MB/s of the files as stored and of their
# decompressed content, and peak RSS (GNU time).
#
#   bench/containers.sh [BUILD_DIR] [ARTICLES (5000)] [WARC_COPIES (100)]
set -euo pipefail
build=${1:-build}
articles=${2:-5000}
copies=${3:-100}
shared=${NEWSINDEX_SHARED:-$(dirname "$0")/../../shared}
newsindex=$(cd "$build" && pwd)/newsindex
/usr/bin/env time -f '%e' true 2>/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/newsindex-containers.XXXXXX")
trap 'rm -rf "$work"' EXIT

tar -xJf "$shared/datasets/reuters21578/dev.tar.xz" -C "$work" articles
find "$work/articles" -name '*.txt' | sort | tail -n +$((articles + 1)) | xargs rm -f
raw=$(du -sb "$work/articles" | cut -f1)
mkdir -p "$work/txt" "$work/gz" "$work/tgz" "$work/zip" "$work/warc"
cp -r "$work/articles" "$work/txt/"
cp -r "$work/articles" "$work/gz/" && gzip -r "$work/gz/articles"
tar -czf "$work/tgz/articles.tar.gz" -C "$work" articles
(cd "$work" && zip -qr zip/articles.zip articles)
# The samples that are whole (resiliparse-clipped.warc.gz ends inside a record).
for ((i = 0; i < copies; i++)); do
    for f in "$shared"/datasets/formats/warc/*.warc.gz; do
        [[ $f == *clipped* ]] || cat "$f"
    done
done >"$work/warc/crawl.warc.gz"
warc_raw=$(gzip -dc "$work/warc/crawl.warc.gz" 2>/dev/null | wc -c || true)

printf '%-8s %10s %9s %7s %12s %12s %9s\n' format "disk MB" articles "wall s" "disk MB/s" "content MB/s" "peak MB"
for format in txt gz tgz zip warc; do
    disk=$(du -sb "$work/$format" | cut -f1)
    content=$raw
    [ "$format" = warc ] && content=$warc_raw
    /usr/bin/env time -f '%e %M' -o "$work/time" \
        "$newsindex" build --db "$work/index-$format" --jobs 1 --no-entities -q "$work/$format" 2>/dev/null || true
    read -r wall rss <"$work/time"
    n=$("$newsindex" status --db "$work/index-$format" | awk '/^articles:/ {print $2}')
    awk -v f="$format" -v d="$disk" -v c="$content" -v w="$wall" -v r="$rss" -v n="$n" 'BEGIN {
        printf "%-8s %10.1f %9d %7.1f %12.2f %12.2f %9.0f\n", f, d / 1e6, n, w, d / 1e6 / w, c / 1e6 / w, r / 1024 }'
done
