#!/usr/bin/env bash
# docs/schema.md cannot drift from common/index/schema.h: every term prefix, metadata
# key, field name and document data key defined there is named on the page (in
# backquotes), every value slot has its table row, and the schema version is the one
# the code writes.
source "$(dirname "$0")/lib.sh"

SCHEMA="$PROJECT_ROOT/common/index/schema.h"
DOC="$PROJECT_ROOT/docs/schema.md"
[ -f "$DOC" ] || fail "no $DOC"

checked=0
# String constants: prefixes and metadata keys (each a table row), query and document
# data field names.
while IFS= read -r line; do
    name=$(sed -E 's/.*std::string_view (k[A-Za-z]+) = .*/\1/' <<<"$line")
    value=$(sed -E 's/.*= "([^"]*)";.*/\1/' <<<"$line")
    case $name in
        kDefaultLanguage) continue ;;  # a build option's default, not a term
    esac
    case $name in
        *Prefix | *Key) pattern="| \`$value\` |" ;;  # a row of the prefix or metadata table
        kData*) pattern="\`$value\`" ;;              # a document data field or JSON key
        *) pattern="\`$value" ;;                      # a query field: \`title:\`
    esac
    grep -qF -- "$pattern" "$DOC" || fail "$name (\"$value\") is not in docs/schema.md as $pattern"
    checked=$((checked + 1))
done < <(grep -E 'inline constexpr std::string_view k[A-Za-z]+ = "' "$SCHEMA")

# Value slots: a row of the slot table each.
while IFS= read -r line; do
    name=$(sed -E 's/.*Xapian::valueno (k[A-Za-z]+) = .*/\1/' <<<"$line")
    slot=$(sed -E 's/.*= ([0-9]+);.*/\1/' <<<"$line")
    grep -qE "^\| $slot \|" "$DOC" || fail "$name (slot $slot) has no row in docs/schema.md"
    checked=$((checked + 1))
done < <(grep -E 'inline constexpr Xapian::valueno k[A-Za-z]+ = [0-9]+;' "$SCHEMA")

# The names of files beside the tables.
for header in facet_columns.h shards.h; do
    while IFS= read -r value; do
        grep -qF "\`$value\`" "$DOC" || fail "$value ($header) is not in docs/schema.md"
        checked=$((checked + 1))
    done < <(sed -nE 's/.*inline constexpr std::string_view k[A-Za-z]+(File|StubName) = "([^"]*)";.*/\2/p' \
        "$PROJECT_ROOT/common/index/$header")
done

version=$(sed -nE 's/.*inline constexpr int kVersion = ([0-9]+);.*/\1/p' "$SCHEMA")
grep -qF "schema version **$version**" "$DOC" ||
    fail "docs/schema.md does not describe schema version $version"
[ "$checked" -ge 40 ] || fail "only $checked definitions found in schema.h: has its layout changed?"
echo "$checked definitions of schema.h found in docs/schema.md"

finish
