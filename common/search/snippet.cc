#include "common/search/snippet.h"

#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsindex {

namespace {

// Paragraphs, with long ones cut at sentence ends, as [begin, end) byte ranges.
std::vector<std::pair<std::size_t, std::size_t>> passages(const std::string& text,
                                                          std::size_t max_length) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find("\n\n", begin);
        if (end == std::string::npos) end = text.size();
        while (end - begin > 2 * max_length) {
            const std::size_t cut = text.find(". ", begin + max_length);
            if (cut == std::string::npos || cut + 2 >= end) break;
            out.emplace_back(begin, cut + 1);
            begin = cut + 2;
        }
        out.emplace_back(begin, end);
        begin = end + 2;
    }
    return out;
}

// Calls fn(begin, end, folded) for each word of `text`: byte offsets and the word in
// lower case. Apostrophes end words, so "Bakiyev's" yields "bakiyev" (and "s").
template <typename Fn>
void for_each_word(std::string_view text, Fn&& fn) {
    std::string word;
    std::size_t begin = 0;
    const auto flush = [&](std::size_t end) {
        if (!word.empty()) fn(begin, end, word);
        word.clear();
    };
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const std::size_t offset = it.raw() - text.data();
        if (Xapian::Unicode::is_wordchar(*it)) {
            if (word.empty()) begin = offset;
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        } else {
            flush(offset);
        }
    }
    flush(text.size());
}

// Matches words against the query terms of a hit, as the indexer and the query parser
// spell them: the word itself, or "Z" and its stem.
class TermMatcher {
public:
    TermMatcher(std::set<std::string> terms, const Xapian::Stem& stemmer)
        : terms_(std::move(terms)), stemmer_(stemmer) {
        for (const auto& term : terms_)
            if (term.size() > 1 && term[0] == 'Z') stem_initials_.insert(term[1]);
    }

    // The query term the word matches, or nullptr.
    const std::string* match(const std::string& word) const {
        if (auto it = terms_.find(word); it != terms_.end()) return &*it;
        // English stems keep a word's first letter: most words need no stemming.
        if (word.empty() || !stem_initials_.contains(word[0])) return nullptr;
        const auto [known, added] = stemmed_.try_emplace(word, nullptr);
        if (added) {
            std::string stemmed = "Z";
            stemmed += stemmer_(word);
            const auto it = terms_.find(stemmed);
            if (it != terms_.end()) known->second = &*it;
        }
        return known->second;
    }

private:
    std::set<std::string> terms_;
    std::set<char> stem_initials_;
    const Xapian::Stem& stemmer_;
    // Words already stemmed, with the term they match.
    mutable std::unordered_map<std::string, const std::string*> stemmed_;
};

// How well a passage explains the match: distinct query terms first, then mentions.
std::size_t passage_score(std::string_view passage, const TermMatcher& matcher) {
    std::set<const std::string*> distinct;
    std::size_t mentions = 0;
    for_each_word(passage, [&](std::size_t, std::size_t, const std::string& word) {
        if (const auto* term = matcher.match(word)) {
            distinct.insert(term);
            ++mentions;
        }
    });
    return distinct.size() * 1000 + mentions;
}

std::vector<HighlightSpan> highlights(const std::string& text, const TermMatcher& matcher) {
    std::vector<HighlightSpan> spans;
    for_each_word(text, [&](std::size_t begin, std::size_t end, const std::string& word) {
        if (matcher.match(word)) spans.push_back({begin, end});
    });
    return spans;
}

// MSet::snippet escapes the text as HTML; newssearch prints plain text on one line.
std::string plain_line(const std::string& html) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string text;
    text.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        bool replaced = false;
        if (html[i] == '&') {
            for (const auto& [entity, c] : kEntities) {
                if (html.compare(i, entity.size(), entity) == 0) {
                    text += c;
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (replaced) continue;
        const char c = html[i++];
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!text.empty() && text.back() != ' ') text += ' ';
        } else {
            text += c;
        }
    }
    return text;
}

}  // namespace

Snippet make_snippet(const Xapian::Enquire& enquire, const Xapian::MSet& mset,
                     const Xapian::MSetIterator& hit, const std::string& text,
                     const Xapian::Stem& stemmer, std::size_t length) {
    const TermMatcher matcher(
        {enquire.get_matching_terms_begin(hit), enquire.get_matching_terms_end(hit)}, stemmer);
    const auto parts = passages(text, length);
    std::size_t best = 0, best_score = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto score = passage_score(
            std::string_view(text).substr(parts[i].first, parts[i].second - parts[i].first),
            matcher);
        if (score > best_score) {
            best = i;
            best_score = score;
        }
    }
    // The best passage, followed by what comes after it when it is short.
    std::string window;
    if (!parts.empty()) {
        const std::size_t begin = parts[best].first;
        std::size_t end = parts[best].second;
        for (std::size_t next = best + 1; next < parts.size() && end - begin < length; ++next)
            end = parts[next].second;
        window = text.substr(begin, end - begin);
    }
    // Xapian trims the window around its best part; the spans are found here, with the
    // same word rules as the scoring (Xapian's own would miss "Bakiyev" in "Bakiyev's").
    Snippet snippet;
    snippet.text = plain_line(
        mset.snippet(window, length, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE, "", "", "…"));
    snippet.highlights = highlights(snippet.text, matcher);
    return snippet;
}

}  // namespace newsindex
