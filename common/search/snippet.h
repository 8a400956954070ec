// Snippets that show why an article matched.
#pragma once

#include <string>

#include <xapian.h>

namespace newsindex {

struct SnippetStyle {
    std::string highlight_start = "[[";
    std::string highlight_end = "]]";
    std::size_t length = 240;  // bytes of text, before highlighting
};

// The passage of `text` holding the most distinct query terms that match this hit,
// trimmed by Xapian's MSet::snippet, with every word matching a query term marked, as
// one line of plain text (Xapian's HTML escaping undone, line breaks folded to spaces). MSet::snippet alone scores
// windows by term weight, so three mentions of a name can beat the one paragraph
// where every query word meets.
std::string make_snippet(const Xapian::Enquire& enquire, const Xapian::MSet& mset,
                         const Xapian::MSetIterator& hit, const std::string& text,
                         const Xapian::Stem& stemmer, const SnippetStyle& style);

}  // namespace newsindex
