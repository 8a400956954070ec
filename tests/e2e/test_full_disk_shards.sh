#!/usr/bin/env bash
# A sharded build that fills the disk exits 74 with one line, and leaves a healthy index.
# Xapian 1.4 writes value-stream chunks from a destructor during a commit; a disk filling
# there used to terminate the process (exit 134, "terminate called after throwing an
# instance of 'Xapian::DatabaseError'") in about a third of these runs.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1"' - "$WORK" 2>/dev/null ||
    skip "unshare -m or mounting a tmpfs is not permitted here"

make_many_reports "$WORK/many" 8000 100

mkdir -p "$WORK/disk"
runs=0
for size in 3500 3750 4000 4250 4500; do
    for shards in 2 3 4; do
        # shellcheck disable=SC2016
        run unshare -m sh -c 'mount -t tmpfs -o size="$4"k tmpfs "$1" &&
            "$2" build --no-entities --shards "$5" --db "$1/index" "$3"; code=$?;
            "$2" check --db "$1/index" >/dev/null 2>&1 || code=$((code + 1000)); exit $code' \
            - "$WORK/disk" "$NEWSINDEX" "$WORK/many" "$size" "$shards"
        what="$shards shards on a ${size} KiB disk"
        expect_rc 74 "$what"
        expect_lines "$ERR" 1 "$what: one line"
        expect_contains "$ERR" "newsindex build: index $WORK/disk/index/shard-" "$what: names the shard"
        runs=$((runs + 1))
    done
done
echo "$runs full-disk builds"

finish
