#!/usr/bin/env bash
# A folder the indexer may not read: reported in one line naming it, exit 1, and the
# articles already indexed from it are kept (an unreadable folder is not a deleted one).
# Root reads everything, so as root (CI containers) the indexer runs as user nobody.
source "$(dirname "$0")/lib.sh"

as_user=()
if [ "$(id -u)" -eq 0 ]; then
    can_run_as_nobody ||
        skip "as root, this test runs the indexer as user nobody, who cannot read this build" \
            "and its models (no setpriv, or a private folder such as mktemp -d makes)"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    chmod 755 "$WORK"  # mktemp -d made it private to root
fi

NEWS="$WORK/news"
mkdir -p "$NEWS/open" "$NEWS/locked" "$HOME"
printf 'Open Story\n\nThe numbatopen marker sits in a readable folder.\n' >"$NEWS/open/story.txt"
printf 'Locked Story\n\nThe wombatlocked marker sits in a folder that will be locked.\n' \
    >"$NEWS/locked/story.txt"
[ "${#as_user[@]}" -eq 0 ] || chown -R nobody:nogroup "$WORK"

build() { run "${as_user[@]}" "$NEWSINDEX" build --no-entities "$NEWS"; }

build
expect_rc 0 "first build, every folder readable"
count wombatlocked; expect_eq "$COUNT" "1" "article of the folder indexed while readable"

chmod 000 "$NEWS/locked"
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
printf 'New Story\n\nThe quokkanew marker arrived while the other folder was locked.\n' \
    >"$NEWS/open/new.txt"
[ "${#as_user[@]}" -eq 0 ] || chown nobody:nogroup "$NEWS/open/new.txt"
build
expect_rc 1 "build with an unreadable folder"
expect_eq "$(grep -c -- "$NEWS/locked" <<<"$ERR")" "1" "one stderr line names the folder"
expect_contains "$ERR" "no deleted files were removed" "the run says nothing was removed"
count wombatlocked; expect_eq "$COUNT" "1" "articles of the unreadable folder kept"
count quokkanew; expect_eq "$COUNT" "1" "the readable folder still updated"
run "$NEWSINDEX" check
expect_rc 0 "index healthy after the partial run"

chmod 755 "$NEWS/locked"
rm "$NEWS/locked/story.txt"
build
expect_rc 0 "build once the folder is readable again"
count wombatlocked; expect_eq "$COUNT" "0" "a file deleted from the readable folder is removed"

finish
