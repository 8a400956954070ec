#!/usr/bin/env bash
# cmake --install to a temporary prefix puts the binaries in bin/ and the entity model in
# share/newsindex/, and the installed binaries build and search without the checkout:
# the project folder is hidden under an empty tmpfs in a private mount namespace (so as
# root only; skipped elsewhere).
source "$(dirname "$0")/lib.sh"

ROOT=$(realpath "$PROJECT_ROOT")
[[ "$(realpath "$WORK")/" != "$ROOT/"* ]] || skip "the temporary folder $WORK is inside the checkout"
[ "$(id -u)" -eq 0 ] || skip "hiding the checkout needs root (unshare -m and mount)"
unshare -m -- sh -c 'mount -t tmpfs newsindex-hidden "$1" && [ ! -e "$1/CMakeLists.txt" ]' _ "$ROOT" \
    >/dev/null 2>&1 || skip "unshare -m or mounting a tmpfs is not permitted here"

# The build folder is where ctest found the binaries.
BUILD=$(dirname "$NEWSINDEX")
PREFIX="$WORK/prefix"
run cmake --install "$BUILD" --prefix "$PREFIX"
expect_rc 0 "cmake --install $BUILD"
for f in bin/newsindex bin/newssearch bin/newssearch-serve; do
    [ -x "$PREFIX/$f" ] || fail "$f not installed"
done
for f in newsindex newssearch; do
    [ -f "$PREFIX/share/bash-completion/completions/$f" ] || fail "bash completion for $f not installed"
    [ -f "$PREFIX/share/man/man1/$f.1" ] || fail "man page $f.1 not installed"
done
[ -f "$PREFIX/share/newsindex/ner.model" ] || fail "share/newsindex/ner.model not installed"
cmp -s "$PREFIX/share/newsindex/ner.model" "$ROOT/models/ner.model" ||
    fail "the installed model differs from models/ner.model"

# Copied before the checkout is hidden.
mkdir -p "$WORK/corpus"
cp "$ROOT/corpus/"*.txt "$WORK/corpus/"

# hidden CMD...: runs CMD with the checkout hidden and NEWSINDEX_MODEL unset.
hidden() {
    unshare -m -- sh -c '
        root=$1; shift
        mount -t tmpfs newsindex-hidden "$root" || exit 99
        [ ! -e "$root/models/ner.model" ] || { echo "checkout not hidden" >&2; exit 99; }
        cd / && exec env -u NEWSINDEX_MODEL "$@"' _ "$ROOT" "$@"
}

run hidden "$PREFIX/bin/newsindex" build "$WORK/corpus" --db "$WORK/db"
expect_rc 0 "installed newsindex build, checkout hidden"

run hidden "$PREFIX/bin/newssearch" --db "$WORK/db" "Bakiyev extradition" --json
expect_rc 0 "installed newssearch, checkout hidden"
if [ "$RC" -eq 0 ]; then
    [ "$(jqo .total)" -ge 1 ] || fail "no hit for Bakiyev extradition: $OUT"
    expect_contains "$(jqo '.hits[0].title')" "Ousted Kyrgyz President" "first hit"
    expect_eq "$(jqo '[.facets.person[].value] | index("Kurmanbek Bakiyev") != null')" "true" \
        "person facet Kurmanbek Bakiyev (the entity model was found)"
fi

finish
