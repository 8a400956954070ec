#include "common/search/filter_term.h"

#include <algorithm>

namespace newsindex {

Xapian::Query filter_term_query(const std::string& term,
                                const std::vector<Xapian::Database>& parts) {
    const bool may_index_all =
        parts.empty() || std::any_of(parts.begin(), parts.end(), [&](const Xapian::Database& db) {
            const Xapian::doccount documents = db.get_doccount();
            return documents > 0 && db.get_termfreq(term) == documents;
        });
    Xapian::Query query(term);
    if (!may_index_all) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, query);
}

std::unique_ptr<Xapian::Weight> counting_weight() {
    return std::make_unique<Xapian::TfIdfWeight>("nnn");
}

}  // namespace newsindex
