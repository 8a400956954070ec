#include "common/search/notable.h"

#include <algorithm>

namespace newsindex {

double notable_score(Xapian::doccount in_matches, Xapian::doccount matches,
                     Xapian::doccount in_archive, Xapian::doccount archive) {
    if (matches == 0 || archive == 0 || in_archive == 0) return 0;
    const double fg = static_cast<double>(in_matches) / matches;
    const double bg = static_cast<double>(in_archive) / archive;
    return fg > bg ? (fg - bg) * (fg / bg) : 0;
}

std::vector<FacetCount> notable_values(
    std::vector<FacetCount> values, Xapian::doccount matches, Xapian::doccount archive,
    const std::function<Xapian::doccount(const std::string&)>& in_archive, std::size_t limit) {
    // The archive counts at least what the matches count: a build committing between the
    // two reads must not make a value rarer in the archive than in its matches.
    for (auto& value : values)
        value.score =
            notable_score(value.count, matches, std::max(in_archive(value.value), value.count),
                          std::max(archive, matches));
    const Xapian::doccount enough =
        std::min(kNotableMinCount, std::max<Xapian::doccount>(matches, 1));
    const auto order = [enough](const FacetCount& a, const FacetCount& b) {
        const bool a_enough = a.count >= enough, b_enough = b.count >= enough;
        if (a_enough != b_enough) return a_enough;
        if (a.score != b.score) return a.score > b.score;
        if (a.count != b.count) return a.count > b.count;
        return a.value < b.value;
    };
    const std::size_t kept = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept),
                      values.end(), order);
    values.resize(kept);
    return values;
}

}  // namespace newsindex
