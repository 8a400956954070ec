// The notable order of facet values: how much more often a value occurs in the matches
// than in the whole archive, as Elasticsearch's significant_terms ranks terms with its
// default heuristic (JLH). "United States" is in most Reuters articles, so it tops nearly
// every place facet by count; by notability it comes first only where the matches name it
// more often than the archive does.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/search/facet_spy.h"

namespace newsindex {

// A value in fewer matches than this (or than all of them, when there are fewer) is
// ranked after the others: one mention of a rare name would otherwise top every small
// result set (significant_terms' min_doc_count, whose default is the same).
inline constexpr Xapian::doccount kNotableMinCount = 3;

// The JLH score of a value in `in_matches` of `matches` articles and `in_archive` of
// `archive`: with fg = in_matches / matches and bg = in_archive / archive,
//     score = (fg - bg) * (fg / bg)   when fg > bg, else 0.
// Absolute growth times relative growth: a value twice as common in the matches scores
// more when it is common. Exact when the counts are.
double notable_score(Xapian::doccount in_matches, Xapian::doccount matches,
                     Xapian::doccount in_archive, Xapian::doccount archive);

// The `limit` most notable of `values` (each counted in the matches), each with its
// score: by score, then count, then value; those in fewer than kNotableMinCount matches
// (or than `matches`, when fewer) after the rest. `in_archive` gives a value's article
// count in the whole archive.
std::vector<FacetCount> notable_values(
    std::vector<FacetCount> values, Xapian::doccount matches, Xapian::doccount archive,
    const std::function<Xapian::doccount(const std::string&)>& in_archive, std::size_t limit);

}  // namespace newsindex
