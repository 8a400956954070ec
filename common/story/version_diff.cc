#include "common/story/version_diff.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/story/fingerprint.h"

namespace newsindex::stories {

namespace {

std::set<std::string> word_set(std::string_view text) {
    std::set<std::string> words;
    std::string word;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte >= 0x80) {
            word += c;
        } else if (byte >= 'A' && byte <= 'Z') {
            word += static_cast<char>(byte - 'A' + 'a');
        } else if (!word.empty()) {
            words.insert(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.insert(std::move(word));
    return words;
}

double shared_share(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::size_t shared = 0;
    for (const auto& word : a) shared += b.contains(word) ? 1 : 0;
    return static_cast<double>(shared) / static_cast<double>(std::max(a.size(), b.size()));
}

}  // namespace

VersionChanges version_changes(std::string_view first_title, std::string_view first_body,
                               std::string_view title, std::string_view body) {
    VersionChanges changes;
    changes.new_headline = word_set(first_title) != word_set(title);
    const auto before = story_paragraphs(first_body);
    const auto after = story_paragraphs(body);
    std::vector<bool> used(before.size(), false);
    std::vector<std::size_t> kept_order;  // for each kept paragraph, its place before
    std::vector<std::size_t> unmatched;
    for (std::size_t i = 0; i < after.size(); ++i) {
        std::size_t match = before.size();
        for (std::size_t j = 0; j < before.size() && match == before.size(); ++j)
            if (!used[j] && before[j] == after[i]) match = j;
        if (match == before.size()) {
            unmatched.push_back(i);
            continue;
        }
        used[match] = true;
        kept_order.push_back(match);
    }
    // Paragraphs not found as they were: reworded when most of their words are those of
    // a paragraph of the first version left over, else added.
    for (const std::size_t i : unmatched) {
        const auto words = word_set(after[i]);
        std::size_t best = before.size();
        double best_share = kRewordedShare;
        for (std::size_t j = 0; j < before.size(); ++j) {
            if (used[j]) continue;
            const double share = shared_share(words, word_set(before[j]));
            if (share >= best_share) {
                best_share = share;
                best = j;
            }
        }
        if (best == before.size()) {
            ++changes.added;
        } else {
            used[best] = true;
            ++changes.reworded;
            kept_order.push_back(best);
        }
    }
    changes.dropped = static_cast<std::size_t>(std::count(used.begin(), used.end(), false));
    // Reworded paragraphs were appended out of order: only the exact ones tell moves.
    const std::size_t exact = kept_order.size() - changes.reworded;
    changes.moved = !std::is_sorted(kept_order.begin(), kept_order.begin() + exact);
    return changes;
}

}  // namespace newsindex::stories
