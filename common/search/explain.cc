#include "common/search/explain.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "common/index/schema.h"

namespace newsindex {

namespace {

// A weighted part of a query, with the factor its OP_SCALE_WEIGHT ancestors give it, and
// the nodes that must match a document for the part to count in its score: the
// subqueries between the root and the part that hang from an OR, an XOR or the optional
// side of AND_MAYBE (below an AND, a phrase or a filter's left side, a subquery matches
// whenever its parent does).
struct Part {
    Xapian::Query query;
    std::string term;
    bool leaf = false;
    double factor = 1;
    std::vector<std::size_t> conditions;  // indices into Parts::nodes
};

struct Parts {
    std::vector<Part> parts;
    std::vector<Xapian::Query> nodes;
};

// Xapian 1.4's Query has no accessor for a scale factor; its description starts with it:
// "Query(0 * XPfoo)".
double scale_factor(const Xapian::Query& query) {
    const std::string description = query.get_description();
    const std::string head = "Query(";
    if (description.compare(0, head.size(), head) != 0) return 1;
    const char* start = description.c_str() + head.size();
    char* end = nullptr;
    const double factor = std::strtod(start, &end);
    return end != start && std::string_view(end).starts_with(" * ") ? factor : 1;
}

// "Query(WILDCARD SYNONYM extradit)" -> "extradit*"; other descriptions stay as they are.
std::string wildcard_label(const Xapian::Query& query) {
    std::string description = query.get_description();
    if (description.starts_with("Query(") && description.ends_with(")"))
        description = description.substr(6, description.size() - 7);
    const auto space = description.rfind(' ');
    if (description.starts_with("WILDCARD ") && space != std::string::npos)
        return description.substr(space + 1) + "*";
    return description;
}

bool is_part(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_POSTING_SOURCE:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_WILDCARD:
            return true;
        default:
            return false;
    }
}

void collect_parts(const Xapian::Query& query, double factor, std::vector<std::size_t>& conditions,
                   Parts& out) {
    if (factor == 0) return;
    const auto type = query.get_type();
    switch (type) {
        case Xapian::Query::LEAF_TERM:
            out.parts.push_back({query, *query.get_terms_begin(), true, factor, conditions});
            return;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_POSTING_SOURCE:
            out.parts.push_back({query, query.get_description(), false, factor, conditions});
            return;
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_WILDCARD:
            out.parts.push_back({query, wildcard_label(query), false, factor, conditions});
            return;
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return;
        case Xapian::Query::OP_SCALE_WEIGHT:
            collect_parts(query.get_subquery(0), factor * scale_factor(query), conditions, out);
            return;
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            // Only the left side weighs: the rest only says which documents match.
            if (query.get_num_subqueries() > 0)
                collect_parts(query.get_subquery(0), factor, conditions, out);
            return;
        default:
            break;
    }
    // Below an AND (a phrase, NEAR) every subquery matches when the node does; below an
    // OR (XOR, the optional side of AND_MAYBE, ...) a subquery counts only where it
    // matches itself. A part's own match is its weight; a node's is a condition.
    const bool conjunctive = type == Xapian::Query::OP_AND || type == Xapian::Query::OP_PHRASE ||
                             type == Xapian::Query::OP_NEAR;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query sub = query.get_subquery(i);
        const bool condition =
            !conjunctive && !(type == Xapian::Query::OP_AND_MAYBE && i == 0) && !is_part(sub);
        if (condition) {
            out.nodes.push_back(sub);
            conditions.push_back(out.nodes.size() - 1);
        }
        collect_parts(sub, factor, conditions, out);
        if (condition) conditions.pop_back();
    }
}

// The unique id term of a document ("Q..."), by which a query can single it out on any
// database: local, combined or remote.
std::string id_term_of(const Xapian::Database& db, Xapian::docid doc) {
    const std::string prefix(schema::kIdPrefix);
    auto it = db.termlist_begin(doc);
    it.skip_to(prefix);
    if (it == db.termlist_end(doc)) return {};
    const std::string term = *it;
    return term.compare(0, prefix.size(), prefix) == 0 ? term : std::string();
}

}  // namespace

std::vector<std::vector<TermWeight>> explain_weights(const Xapian::Database& db,
                                                     const Xapian::Query& query,
                                                     const std::vector<Xapian::docid>& docs) {
    std::vector<std::vector<TermWeight>> explained(docs.size());
    Parts parts;
    std::vector<std::size_t> conditions;
    collect_parts(query, 1, conditions, parts);
    std::vector<std::string> id_terms;
    std::map<Xapian::docid, std::size_t> index;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        std::string term = id_term_of(db, docs[i]);
        if (term.empty()) continue;
        id_terms.push_back(std::move(term));
        index.emplace(docs[i], i);
    }
    if (parts.parts.empty() || id_terms.empty()) return explained;
    const Xapian::Query hits(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    // The hits `restricted` matches, with their weights.
    const auto matches = [&](const Xapian::Query& restricted) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, restricted, hits));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(docs.size()));
        std::map<Xapian::docid, double> weights;
        for (auto it = mset.begin(); it != mset.end(); ++it) weights.emplace(*it, it.get_weight());
        return weights;
    };
    std::vector<std::optional<std::map<Xapian::docid, double>>> node_matches(parts.nodes.size());

    for (const auto& part : parts.parts) {
        for (const auto& [doc, weight] : matches(part.query)) {
            const auto found = index.find(doc);
            const double scaled = weight * part.factor;
            if (found == index.end() || scaled <= 0) continue;
            bool counts = true;
            for (const std::size_t node : part.conditions) {
                if (!node_matches[node]) node_matches[node] = matches(parts.nodes[node]);
                counts = counts && node_matches[node]->count(doc) > 0;
            }
            if (!counts) continue;
            auto& weights = explained[found->second];
            // A term the query holds twice ("a OR a") gives its weight twice: one entry.
            auto same = std::find_if(weights.begin(), weights.end(),
                                     [&](const TermWeight& w) { return w.term == part.term; });
            if (same != weights.end()) {
                same->weight += scaled;
                continue;
            }
            TermWeight term_weight{part.term, scaled, std::nullopt, std::nullopt};
            if (part.leaf) {
                auto term = db.termlist_begin(doc);
                term.skip_to(part.term);
                if (term != db.termlist_end(doc) && *term == part.term)
                    term_weight.wdf = term.get_wdf();
                term_weight.termfreq = db.get_termfreq(part.term);
            }
            weights.push_back(std::move(term_weight));
        }
    }
    for (auto& weights : explained)
        std::stable_sort(
            weights.begin(), weights.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.weight > b.weight; });
    return explained;
}

std::string term_label(const std::string& term) {
    const std::string title(schema::kTitlePrefix);
    if (term.starts_with("Z" + title)) return "title:" + term.substr(1 + title.size()) + " (stem)";
    if (term.starts_with("Z")) return term.substr(1) + " (stem)";
    if (term.starts_with(title)) return "title:" + term.substr(title.size());
    return term;
}

}  // namespace newsindex
