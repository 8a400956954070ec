#include "common/index/spelling.h"

#include <algorithm>
#include <string_view>

#include "common/index/entity_terms.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

bool wanted(std::string_view word) {
    return word.size() > 1 && word.size() <= kMaxSpellingWordBytes &&
           std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The words of a name, folded to lower case as the term generator folds the text.
void add_name_words(std::string_view name, std::vector<std::string>& words) {
    std::string word;
    const auto flush = [&] {
        if (wanted(word)) words.push_back(word);
        word.clear();
    };
    for (Xapian::Utf8Iterator it(name.data(), name.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it))
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        else
            flush();
    }
    flush();
}

}  // namespace

std::vector<std::string> spelling_words(const Xapian::Document& doc) {
    std::vector<std::string> words;
    const std::string raw_entities(schema::kRawEntityPrefix);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (term.empty()) continue;
        // A capital letter starts a prefixed term; of those only raw entity names count.
        if (term[0] >= 'A' && term[0] <= 'Z') {
            if (term.compare(0, raw_entities.size(), raw_entities) != 0) continue;
            if (const auto entity = parse_raw_entity_term(term))
                add_name_words(entity->name, words);
            continue;
        }
        if (wanted(term)) words.push_back(term);
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

void SpellingChanges::add(const std::vector<std::string>& words) {
    for (const auto& word : words) ++deltas_[word];
}

void SpellingChanges::remove(const Xapian::Document& doc) {
    for (auto& word : spelling_words(doc)) --deltas_[std::move(word)];
}

void SpellingChanges::apply(Xapian::WritableDatabase& db) {
    for (const auto& [word, delta] : deltas_) {
        if (delta > 0) db.add_spelling(word, static_cast<Xapian::termcount>(delta));
        if (delta < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
    }
    deltas_.clear();
}

}  // namespace newsindex
