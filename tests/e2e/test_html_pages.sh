#!/usr/bin/env bash
# The HTML reader on a few real saved pages of ../shared/datasets/readability-pages
# (bench/html_extraction.sh measures all of them): the story is found where the first
# <article> is a teaser card (nytimes-1), where there is no <article> or <main>
# (wikipedia), where the date is only in JSON-LD (bbc-1, aclu), and the intro paragraph
# of a section's <header> is kept (mozilla-2).
source "$(dirname "$0")/lib.sh"

TARBALL="${SHARED:-}/datasets/readability-pages/dev.tar.xz"
[ -f "$TARBALL" ] || skip "no $TARBALL (../shared is absent): the real-page test needs it"
tar -xJf "$TARBALL" -C "$WORK" pages/nytimes-1 pages/wikipedia pages/bbc-1 pages/aclu pages/mozilla-2

show() {  # show PAGE: newsindex show --json of the page, in $OUT
    run "$NEWSINDEX" show --json --no-entities "$WORK/pages/$1/source.html"
    expect_rc 0 "show $1"
}

show nytimes-1
expect_eq "$(jqo '.[0].title')" "United States to Lift Sudan Sanctions" "nytimes-1 title"
expect_contains "$(jqo '.[0].body')" "After nearly 20 years of hostile relations" "nytimes-1 story found"
expect_eq "$(jqo '.[0].date')" "2017-01-13" "nytimes-1 date"

show wikipedia
body=$(jqo '.[0].body')
expect_contains "$body" "Mozilla is a free-software community" "wikipedia article"
expect_not_contains "$body" "Navigation menu" "wikipedia navigation left out"
expect_not_contains "$body" "Privacy policy" "wikipedia footer left out"

show bbc-1
expect_eq "$(jqo '.[0].date')" "2015-07-24" "bbc-1 date"
expect_eq "$(jqo '.[0].date_source')" "json-ld" "bbc-1 date from JSON-LD"
expect_contains "$(jqo '.[0].body')" "greatest frustration of his presidency" "bbc-1 story"

show aclu
expect_eq "$(jqo '.[0].date')" "2018-04-05" "aclu date"
expect_eq "$(jqo '.[0].author')" "Daniel Kahn Gillmor" "aclu author"
expect_contains "$(jqo '.[0].body')" "I don't use Facebook" "aclu story found"

show mozilla-2
expect_contains "$(jqo '.[0].body')" "Get to know the features" "mozilla-2 header intro kept"
finish
