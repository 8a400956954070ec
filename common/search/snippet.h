// Snippets that show why an article matched.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace newsindex {

// A word of a snippet that matches the query: bytes [begin, end) of Snippet::text.
struct HighlightSpan {
    std::size_t begin = 0;
    std::size_t end = 0;

    bool operator==(const HighlightSpan&) const = default;
};

// Data, not markup: each front end marks the spans its own way (ANSI bold, [[ ]], HTML
// after escaping the text), which raw markers inside the text would make unsafe.
struct Snippet {
    std::string text;                       // plain UTF-8 on one line, no HTML escaping
    std::vector<HighlightSpan> highlights;  // ascending, not overlapping, on word bounds

    bool empty() const { return text.empty(); }
};

// The passage of `text` holding the most distinct query terms that match this hit,
// trimmed to about `length` bytes by Xapian's MSet::snippet, as one line of plain text
// (Xapian's HTML escaping undone, line breaks folded to spaces), with a span for every
// word matching a query term. MSet::snippet alone scores windows by term weight, so three
// mentions of a name could beat the one paragraph where every query word meets.
Snippet make_snippet(const Xapian::Enquire& enquire, const Xapian::MSet& mset,
                     const Xapian::MSetIterator& hit, const std::string& text,
                     const Xapian::Stem& stemmer, std::size_t length);

}  // namespace newsindex
