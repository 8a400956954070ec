#!/usr/bin/env bash
# Page furniture is not text: bylines, captions and image credits, share, newsletter and
# author boxes and reference lists feed no entity; the author goes to `author` only; the
# subtitle never ends with an image credit. On the dev pages of ../shared, when present,
# no credit line is left in any body.
source "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/news"
cat >"$WORK/news/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan approved | Example News</title>
<meta name="description" content="The city council approved the harbour plan on Monday Getty Images">
<meta name="author" content="Alex Heathfield">
</head><body>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Twitter</a></div>
<article>
<h1>Harbour plan approved</h1>
<p class="byline">By Alex Heathfield</p>
<figure><img src="a.jpg"><figcaption>Senator Jane Doughtery at the harbour. Getty Images</figcaption></figure>
<p>The city council of Lisbon approved the new harbour plan on Monday, after months of debate about its cost and the noise it would bring to the old quarter.</p>
<p>Mayor Maria Gonzalvez said the plan would create hundreds of jobs, and that the first ships would dock at the new quay within three years.</p>
<p>Photo by Joan Bardelletti</p>
<p>Opponents, led by the fishermen's association, said they would appeal against the decision in the regional court before the summer.</p>
<p>Kevin Frayling/Reuters</p>
<div class="newsletter"><p>Sign up for Harbour Notes, a weekly newsletter from Alex Heathfield about the port.</p></div>
<div class="author-bio"><p>Alex Heathfield covers the port for Example News. He lived in Porto and Rotterdam before joining the paper.</p></div>
<h2>References</h2>
<ol class="references"><li>Smitherson, Johnathan (2001). The Port Cities. Harbour Press.</li><li>Wainwright, Eleanor (2010). Quays and Ships. Dock Books.</li></ol>
</article></body></html>
HTML

run "$NEWSINDEX" show --json "$WORK/news/page.html"
expect_rc 0 "show"
expect_eq "$(jqo '.[0].author')" "Alex Heathfield" "the author goes to author"
expect_eq "$(jqo '.[0].subtitle')" "The city council approved the harbour plan on Monday" \
    "no image credit at the end of the subtitle"
BODY=$(jqo '.[0].body')
expect_contains "$BODY" "Maria Gonzalvez said" "story text kept"
expect_contains "$BODY" "Opponents, led by" "story text after a credit kept"
for furniture in "Photo by" "Frayling" "Getty" "Sign up" "covers the port" "Smitherson" \
    "Share on" "Doughtery" "By Alex"; do
    expect_not_contains "$BODY" "$furniture" "furniture left in the body"
done
ENTITIES=$(jqo '[.[0].entities[][] | .name] | join(";")')
expect_contains "$ENTITIES" "Maria Gonzalvez" "the story's person"
expect_contains "$ENTITIES" "Lisbon" "the story's place"
for name in Heathfield Bardelletti Frayling Doughtery Smitherson Wainwright Rotterdam Facebook; do
    expect_not_contains "$ENTITIES" "$name" "no entity from furniture"
done

run "$NEWSINDEX" build "$WORK/news"
expect_rc 0 "build"
search_json '' --limit 0 --facet-limit 100
FACETS=$(jqo '[.facets[][] | .value] | join(";")')
expect_not_contains "$FACETS" "Heathfield" "the author is no facet value"
expect_contains "$FACETS" "Maria Gonzalvez" "the story's person is"

# The dev pages, when present: no credit or newsletter line stays in a body, and the
# pages' own credits ("Macrovector", "Getty Images") are no entity.
PAGES="$SHARED/datasets/readability-pages/dev.tar.xz"
if [ -f "$PAGES" ]; then
    tar -xJf "$PAGES" -C "$WORK"
    mkdir -p "$WORK/dev"
    for page in lifehacker-working keep-images engadget nytimes-3 bug-1255978 theverge; do
        cp "$WORK/pages/$page/source.html" "$WORK/dev/$page.html"
    done
    run "$NEWSINDEX" show --json "$WORK"/dev/*.html
    expect_rc 0 "show the dev pages"
    expect_eq "$(jqo '[.[].body | select(test("(^|\n)(Photos? by|Credit)"))] | length')" "0" \
        "no credit paragraph in any dev page"
    NAMES=$(jqo '[.[].entities[][] | .name] | join(";")')
    for name in Macrovector Shutterstock Bardeletti "Devindra Hardawar" Credit "Alex Heath"; do
        expect_not_contains "$NAMES" "$name" "dev pages: no entity from furniture"
    done
    expect_eq "$(jqo '[.[] | select(.subtitle | test("Getty Images$"))] | length')" "0" \
        "dev pages: no subtitle ends with a credit"
else
    echo "note: $PAGES absent; the dev-page checks are skipped"
fi

finish
