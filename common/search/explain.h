// Why a hit ranks where it does: the part of its score each query term gives it.
//
// Xapian's BM25 score of a document is a sum over the weighted parts of the query, each
// part weighed alone with the database's statistics (the part's document frequency, the
// document's length and the part's wdf in it). So the weight a part gives a document is
// the document's score under a query of that part alone, restricted to the document,
// and the parts' weights add up to the hit's score (to rounding). A wildcard is one part:
// Xapian weighs its expansions together, as a synonym. Filters (entity, source and date
// fields, the right side of NOT) weigh nothing and are not listed.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex {

struct TermWeight {
    // As the query holds it (Query::get_description names the same): a word "bakiyev", a
    // stem "Zextradit", a title word "Srefuge" or stem "ZSrefug"; a wildcard "extradit*".
    std::string term;
    double weight = 0;
    // The term's wdf in the document (title words count schema::kTitleWeight times) and
    // how many articles hold it; none for a wildcard.
    std::optional<Xapian::termcount> wdf;
    std::optional<Xapian::doccount> termfreq;
};

// For each of `docs` (in order), the weight each weighted part of `query` gives it,
// heaviest first; parts that give it nothing are left out.
std::vector<std::vector<TermWeight>> explain_weights(const Xapian::Database& db,
                                                     const Xapian::Query& query,
                                                     const std::vector<Xapian::docid>& docs);

// A term as people read it: "bakiyev", "extradit (stem)", "title:refuge",
// "title:refug (stem)", "extradit*".
std::string term_label(const std::string& term);

}  // namespace newsindex
