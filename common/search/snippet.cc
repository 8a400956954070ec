#include "common/search/snippet.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/base/accent_fold.h"

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
    for (std::size_t offset = 0; offset < text.size();) {
        const auto byte = static_cast<unsigned char>(text[offset]);
        // ASCII, most of most text, without decoding: Xapian's word characters there are
        // the letters, digits and '_'.
        if (byte < 0x80) {
            const unsigned char lower = byte | 0x20;  // of a letter; not locale-dependent
            if ((lower >= 'a' && lower <= 'z') || (byte >= '0' && byte <= '9') || byte == '_') {
                if (word.empty()) begin = offset;
                word += static_cast<char>(byte >= 'A' && byte <= 'Z' ? lower : byte);
            } else {
                flush(offset);
            }
            ++offset;
            continue;
        }
        Xapian::Utf8Iterator it(text.data() + offset, text.size() - offset);
        const unsigned ch = *it;
        ++it;
        const std::size_t next = static_cast<std::size_t>(it.raw() - text.data());
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (word.empty()) begin = offset;
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else {
            flush(offset);
        }
        offset = it == Xapian::Utf8Iterator() ? text.size() : next;
    }
    flush(text.size());
}

// The pattern of a wildcard query node: "WILDCARD SYNONYM extradit" is how Xapian 1.4
// describes it (its API gives no other way in).
std::string wildcard_pattern(const Xapian::Query& query) {
    std::string description = query.get_description();
    if (description.starts_with("Query(") && description.ends_with(")"))
        description = description.substr(6, description.size() - 7);
    const auto space = description.rfind(' ');
    if (!description.starts_with("WILDCARD ") || space == std::string::npos) return {};
    return description.substr(space + 1);
}

void collect_patterns(const Xapian::Query& query, std::vector<std::string>& patterns) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) {
        // Prefixed patterns (title:extradit*) are of fields, not of the text.
        std::string pattern = wildcard_pattern(query);
        if (!pattern.empty() && !(pattern[0] >= 'A' && pattern[0] <= 'Z'))
            patterns.push_back(std::move(pattern));
        return;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        collect_patterns(query.get_subquery(i), patterns);
}

}  // namespace

SnippetTerms::SnippetTerms(const Xapian::Query& query, const Xapian::Stem& stemmer)
    : terms_(query.get_unique_terms_begin(), query.get_unique_terms_end()), stemmer_(stemmer) {
    collect_patterns(query, patterns_);
    for (const auto& term : terms_)
        if (term.size() > 1 && term[0] == 'Z') stem_initials_.insert(term[1]);
}

SnippetTerms::~SnippetTerms() = default;

const std::string* SnippetTerms::match(const std::string& word) const {
    if (auto it = terms_.find(word); it != terms_.end()) return &*it;
    if (word.empty()) return nullptr;
    // A word with accents also matches the query's folded reading (language_terms.h).
    const bool accented = std::any_of(word.begin(), word.end(),
                                      [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    // Stems keep a word's first letter in most languages, so most words need no stemming.
    if (!accented && patterns_.empty() && !stem_initials_.contains(word[0])) return nullptr;
    const auto [known, added] = known_.try_emplace(word, nullptr);
    if (!added) return known->second;
    std::vector<std::string> spellings{word};
    if (accented)
        if (std::string folded = fold_accents(word); folded != word) {
            if (const auto it = terms_.find(folded); it != terms_.end())
                return known->second = &*it;
            spellings.push_back(std::move(folded));
        }
    for (const std::string& spelling : spellings) {
        std::string stemmed = "Z";
        stemmed += stemmer_(spelling);
        if (const auto it = terms_.find(stemmed); it != terms_.end()) return known->second = &*it;
        stemmed.resize(1);
        stemmed += fold_accents(stemmer_(spelling));
        if (const auto it = terms_.find(stemmed); it != terms_.end()) return known->second = &*it;
    }
    for (const auto& pattern : patterns_)
        if (word.starts_with(pattern)) return known->second = &pattern;
    return nullptr;
}

namespace {

// How well a passage explains the match: distinct query terms first, then mentions.
std::size_t passage_score(std::string_view passage, const SnippetTerms& matcher) {
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

// The bytes of `window` to keep: about `length` of them, starting a little before the
// match that begins the most matches within reach, and cut between words.
std::pair<std::size_t, std::size_t> trim_range(const std::string& window, std::size_t length,
                                               const SnippetTerms& matcher) {
    if (window.size() <= length) return {0, window.size()};
    std::vector<std::size_t> starts;
    for_each_word(window, [&](std::size_t begin, std::size_t, const std::string& word) {
        if (matcher.match(word)) starts.push_back(begin);
    });
    const std::size_t lead = length / 8;  // context before the first match kept
    std::size_t from = 0;
    std::size_t best_run = 0;
    for (std::size_t i = 0, j = 0; i < starts.size(); ++i) {
        while (j < starts.size() && starts[j] < starts[i] + length - lead) ++j;
        if (j - i > best_run) {
            best_run = j - i;
            from = starts[i];
        }
    }
    std::size_t begin = from > lead ? from - lead : 0;
    if (begin > 0) {
        // Start at a word: after the first space, unless that passes the match.
        const std::size_t space = window.find(' ', begin);
        begin = space != std::string::npos && space < from ? space + 1 : from;
    }
    std::size_t end = std::min(window.size(), begin + length);
    if (end < window.size()) {
        const std::size_t space = window.rfind(' ', end);
        if (space != std::string::npos && space > begin + length / 2) {
            end = space;
        } else {
            while (end > begin && (static_cast<unsigned char>(window[end]) & 0xC0) == 0x80) --end;
        }
    }
    return {begin, end};
}

// One line: line breaks and tabs folded to single spaces.
std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!line.empty() && line.back() != ' ') line += ' ';
        } else {
            line += c;
        }
    }
    return line;
}

}  // namespace

std::vector<HighlightSpan> highlight_words(const SnippetTerms& matcher, const std::string& text) {
    std::vector<HighlightSpan> spans;
    for_each_word(text, [&](std::size_t begin, std::size_t end, const std::string& word) {
        if (matcher.match(word)) spans.push_back({begin, end});
    });
    return spans;
}

Snippet make_snippet(const SnippetTerms& matcher, const std::string& text, std::size_t length) {
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
        window = one_line(std::string_view(text).substr(begin, end - begin));
    }
    const auto [begin, end] = trim_range(window, length, matcher);
    Snippet snippet;
    if (begin > 0) snippet.text = "…";
    snippet.text.append(window, begin, end - begin);
    while (!snippet.text.empty() && snippet.text.back() == ' ') snippet.text.pop_back();
    if (end < window.size()) snippet.text += "…";
    snippet.highlights = highlight_words(matcher, snippet.text);
    return snippet;
}

}  // namespace newsindex
