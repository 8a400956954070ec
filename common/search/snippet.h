// Snippets that show why an article matched.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
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

// The words of a query a snippet marks: its terms (the word, or "Z" and its stem) and the
// patterns of its wildcards. Found once per query, from the query alone: asking Xapian
// which terms match each hit reads the hit's term list, a round trip per hit through a
// remote database. A word of an article's text that matches a query term is a term of
// that article, so the marks are the same.
class SnippetTerms {
public:
    SnippetTerms(const Xapian::Query& query, const Xapian::Stem& stemmer);
    ~SnippetTerms();
    SnippetTerms(const SnippetTerms&) = delete;
    SnippetTerms& operator=(const SnippetTerms&) = delete;

    // The query term a word of the text (in lower case) matches, or nullptr.
    const std::string* match(const std::string& word) const;

private:
    std::set<std::string> terms_;
    std::vector<std::string> patterns_;  // "extradit" of extradit*, in lower case
    std::set<char> stem_initials_;
    const Xapian::Stem& stemmer_;
    // Words already looked up, with the term they match.
    mutable std::unordered_map<std::string, const std::string*> known_;
};

// The passage of `text` holding the most distinct query terms, trimmed to about `length`
// bytes around its densest run of matches (cut between words, "…" where text was left
// out), as one line of plain text (line breaks folded to spaces), with a span for every
// word matching a query term. Scoring passages by distinct terms, not term weight, makes
// the one paragraph where every query word meets beat three mentions of a name.
Snippet make_snippet(const SnippetTerms& terms, const std::string& text, std::size_t length);

// A span for every word of the whole of `text` that matches a query term: what an article
// shown whole marks.
std::vector<HighlightSpan> highlight_words(const SnippetTerms& terms, const std::string& text);

}  // namespace newsindex
