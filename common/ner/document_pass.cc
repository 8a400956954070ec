#include "common/ner/document_pass.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "common/ner/conlleval.h"
#include "common/ner/normalize.h"
#include "common/ner/text_norm.h"

namespace newsindex::ner {

namespace {

std::string join(const std::vector<std::string_view>& words, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t i = b; i < e; ++i) {
        if (i > b) out += '\x1f';
        out += words[i];
    }
    return out;
}

void set_person(std::vector<Tag>& tags, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) tags[i] = i == b ? Tag::B_PER : Tag::I_PER;
}

}  // namespace

void propagate_person_names(const std::vector<std::vector<std::string_view>>& words,
                            std::vector<std::vector<Tag>>& tags) {
    // Proper tails of multi-word person names that start with a capitalised non-title.
    std::unordered_set<std::string> tails;
    std::size_t longest = 0;
    for (std::size_t s = 0; s < words.size(); ++s) {
        for (const auto& c : chunks(tags[s])) {
            if (c.type != 0 || c.end - c.begin < 2) continue;
            for (auto b = c.begin + 1; b < c.end; ++b) {
                const auto w = words[s][b];
                if (!looks_capitalized(w) || is_title_word(w)) continue;
                tails.insert(join(words[s], b, c.end));
                longest = std::max<std::size_t>(longest, c.end - b);
            }
        }
    }
    if (tails.empty()) return;

    for (std::size_t s = 0; s < words.size(); ++s) {
        auto& t = tags[s];
        const auto& w = words[s];
        for (const auto& c : chunks(t))
            if (c.type != 0 && tails.count(join(w, c.begin, c.end))) set_person(t, c.begin, c.end);
        // Untagged occurrences: only a whole run of capitalised words, so "Warhol" in
        // "Warhol Foundation" (an organisation the tagger missed) stays alone.
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (t[i] != Tag::O || !looks_capitalized(w[i])) continue;
            for (std::size_t len = std::min(longest, w.size() - i); len >= 1; --len) {
                const std::size_t e = i + len;
                if (std::any_of(t.begin() + static_cast<std::ptrdiff_t>(i),
                                t.begin() + static_cast<std::ptrdiff_t>(e),
                                [](Tag x) { return x != Tag::O; }))
                    continue;
                if (e < w.size() && looks_capitalized(w[e])) continue;
                // A capitalised word before it (not the sentence opener) means a longer name.
                if (i >= 2 && t[i - 1] == Tag::O && looks_capitalized(w[i - 1])) continue;
                if (!tails.count(join(w, i, e))) continue;
                set_person(t, i, e);
                i = e - 1;
                break;
            }
        }
    }
}

}  // namespace newsindex::ner
