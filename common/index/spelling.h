// The spelling dictionary behind newssearch's "Did you mean": Xapian's spelling table,
// kept by the index writer from the words of the archive's articles.
//
// Each article adds each of its words once, so a word's frequency is the number of
// articles that use it, and takes them away again when it is replaced or deleted, so the
// dictionary follows the archive. The words are read from the article's document, not
// its file: what an article added is exactly what it later takes away.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace newsindex {

// The words of an article for the dictionary, each once: the unstemmed, unprefixed terms
// of its text (lower case, as the term generator made them) and the words of the entity
// names its own tagging found (XE terms, which the entity table never rewrites). Words
// of one byte (Xapian's dictionary ignores them), with digits (figures and codes) or of
// more than kMaxSpellingWordBytes bytes are left out.
std::vector<std::string> spelling_words(const Xapian::Document& doc);

inline constexpr std::size_t kMaxSpellingWordBytes = 40;

// The dictionary's changes over a batch of articles, written at once before a commit:
// one Xapian call per word rather than one per article and word, and none for a word an
// article that was replaced by itself takes away and brings back.
class SpellingChanges {
public:
    // The article's words (spelling_words) come or go.
    void add(const std::vector<std::string>& words);
    void remove(const Xapian::Document& doc);
    // Writes the changes to the dictionary of `db` and forgets them.
    void apply(Xapian::WritableDatabase& db);
    bool empty() const { return deltas_.empty(); }

private:
    std::unordered_map<std::string, long> deltas_;
};

}  // namespace newsindex
