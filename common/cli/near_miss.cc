#include "common/cli/near_miss.h"

#include <algorithm>
#include <vector>

namespace newsindex {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: Levenshtein's rows plus a swap of neighbours.
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * columns);
    const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& {
        return d[i * columns + j];
    };
    for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
    for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(a.size(), b.size());
}

std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string_view> names,
                                             std::size_t max_edits) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    bool tied = false;
    const std::size_t allowed = std::min<std::size_t>(max_edits, word.size() <= 4 ? 1 : max_edits);
    for (const std::string_view name : names) {
        if (name == word) return std::nullopt;
        const std::size_t distance = edit_distance(word, name);
        if (distance > allowed) continue;
        if (!best || distance < best_distance) {
            best = name;
            best_distance = distance;
            tied = false;
        } else if (distance == best_distance) {
            tied = true;
        }
    }
    if (tied) return std::nullopt;
    return best;
}

}  // namespace newsindex
