#include "common/search/search.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <thread>
#include <utility>

#include "common/base/error.h"
#include "common/index/index_metadata.h"
#include "common/index/index_open.h"
#include "common/index/schema.h"
#include "common/index/stored_article.h"
#include "common/index/xapian_error.h"
#include "common/search/query_parser.h"
#include "common/search/snippet.h"

namespace newsindex {

namespace {

// A build that commits often (--batch 1) can invalidate what a search reads several
// times over: Xapian keeps only the last two revisions readable. A search reopens and
// starts again, pausing a little longer each time, for at most about five seconds.
constexpr int kModifiedRetries = 60;
constexpr int kCorruptRetries = 3;
// Terms of the liked article a more-like-this search looks for.
constexpr Xapian::termcount kRelatedTerms = 25;

std::chrono::milliseconds retry_pause(int attempt) {
    return std::chrono::milliseconds(std::min(attempt, 20) * 5);
}

// Phrases and NEAR read word positions.
bool needs_positions(const Xapian::Query& query) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (needs_positions(query.get_subquery(i))) return true;
    return false;
}

bool wants(const SearchRequest& request, std::string_view facet) {
    return std::find(request.facets.begin(), request.facets.end(), facet) != request.facets.end();
}

}  // namespace

std::vector<FacetCount> date_histogram(const std::vector<FacetCount>& days, int max_months) {
    std::map<std::string, Xapian::doccount> months;
    for (const auto& day : days)
        if (day.value.size() == 8)
            months[day.value.substr(0, 4) + "-" + day.value.substr(4, 2)] += day.count;
    if (months.empty()) return {};
    const auto month_number = [](const std::string& ym) {
        return std::stoi(ym.substr(0, 4)) * 12 + std::stoi(ym.substr(5, 2));
    };
    const bool by_year =
        month_number(months.rbegin()->first) - month_number(months.begin()->first) >= max_months;
    std::map<std::string, Xapian::doccount> buckets;
    for (const auto& [month, count] : months)
        buckets[by_year ? month.substr(0, 4) : month] += count;
    std::vector<FacetCount> histogram;
    for (const auto& [bucket, count] : buckets) histogram.push_back({bucket, count});
    return histogram;
}

NewsSearcher::NewsSearcher(Xapian::Database db, std::string name)
    : db_(std::move(db)), name_(std::move(name)) {}

NewsSearcher::~NewsSearcher() = default;

NewsSearcher open_searcher(const std::filesystem::path& path) {
    return NewsSearcher(open_index(path), path.string());
}

std::string NewsSearcher::description() const {
    return name_.empty() ? "the index" : "index " + name_;
}

template <typename Fn>
decltype(auto) NewsSearcher::retrying(Fn&& fn) const {
    return xapian_guard(description(), [&]() -> decltype(auto) {
        int corrupt_reads = 0;
        for (int attempt = 0;; ++attempt) {
            try {
                if (attempt > 0) {
                    // Reopening can itself be overtaken by a commit: it is retried too.
                    std::this_thread::sleep_for(retry_pause(attempt));
                    db_.reopen();
                    entities_.reset();
                }
                return fn();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == kModifiedRetries) throw;
            } catch (const Xapian::DatabaseCorruptError&) {
                // A commit reusing blocks under a reader can look like damage for a moment;
                // real damage persists, so these retries are few.
                if (++corrupt_reads > kCorruptRetries) throw;
            }
        }
    });
}

Xapian::doccount NewsSearcher::article_count() const {
    return retrying([&] { return db_.get_doccount(); });
}

std::string NewsSearcher::schema_warning() const {
    const auto [version, articles] =
        retrying([&] { return std::pair(read_metadata(db_).schema_version, db_.get_doccount()); });
    if (version == current_schema_version() || articles == 0) return {};
    return description() + " has schema version " + (version.empty() ? "(none)" : version) +
           ", this program reads " + current_schema_version() +
           "; filters may miss articles until `newsindex build` brings it up to date";
}

SearchResponse NewsSearcher::search(const SearchRequest& request) {
    return retrying([&] { return search_once(request); });
}

Xapian::Query NewsSearcher::related_query(const std::string& like,
                                          const Xapian::Query& filter) const {
    // An id is relative to the folder it was indexed from: try each, then a path.
    std::vector<std::string> keys{like};
    for (const auto& root : read_metadata(db_).roots) keys.push_back(root + '/' + like);
    std::string id_term;
    Xapian::docid article = 0;
    for (const auto& key : keys) {
        id_term = schema::id_term(key);
        if (auto it = db_.postlist_begin(id_term); it != db_.postlist_end(id_term)) {
            article = *it;
            break;
        }
    }
    if (article == 0)
        throw Error(ErrorKind::not_found, "no article " + like + " in " + description());

    // Unprefixed terms only (the words of the text, unstemmed): ids, files and entity
    // filters say nothing about what an article is about.
    struct WordsOnly : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override {
            return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
        }
    } words_only;
    Xapian::RSet relevant;
    relevant.add_document(article);
    Xapian::Enquire enquire(db_);
    const Xapian::ESet eset = enquire.get_eset(kRelatedTerms, relevant, &words_only);
    Xapian::Query related(Xapian::Query::OP_OR, eset.begin(), eset.end());
    related = Xapian::Query(Xapian::Query::OP_AND_NOT, related, Xapian::Query(id_term));
    // The user's query narrows the related articles; it does not rank them.
    if (filter.get_type() != Xapian::Query::LEAF_MATCH_ALL)
        related = Xapian::Query(Xapian::Query::OP_FILTER, related, filter);
    return related;
}

SearchResponse NewsSearcher::search_once(const SearchRequest& request) {
    if (!entities_)
        entities_.emplace(
            EntityTable::unserialise(db_.get_metadata(std::string(schema::kEntityLinksKey))));
    NewsQueryParser parser(db_, &*entities_);
    Xapian::Query query = parser.parse(request.query, request.match_any);
    if (!request.like.empty()) query = related_query(request.like, query);
    // Without positions every phrase would match as if its words were anywhere.
    if (needs_positions(query) && db_.get_doccount() > 0 && !db_.has_positions())
        throw Error(ErrorKind::corrupt,
                    description() +
                        " has no word positions (its position table is missing): phrase and "
                        "NEAR queries cannot be answered");

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    switch (request.sort) {
        case SortOrder::relevance:
            break;
        case SortOrder::date_ascending:
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
            break;
        case SortOrder::date_descending:
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
            break;
    }

    std::vector<std::pair<std::string, std::unique_ptr<EntityFacetSpy>>> entity_spies;
    for (const auto kind : kEntityKinds) {
        if (!wants(request, entity_kind_name(kind))) continue;
        auto spy = std::make_unique<EntityFacetSpy>(schema::entity_slot(kind));
        enquire.add_matchspy(spy.get());
        entity_spies.emplace_back(std::string(entity_kind_name(kind)), std::move(spy));
    }
    std::unique_ptr<Xapian::ValueCountMatchSpy> date_spy;
    if (wants(request, "date")) {
        date_spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot);
        enquire.add_matchspy(date_spy.get());
    }

    // Exact totals and facets need the matcher to visit every match.
    const Xapian::doccount check_at_least =
        request.exact ? db_.get_doccount() : request.offset + request.limit;
    const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

    SearchResponse response;
    response.parsed = query.get_description();
    response.total = mset.get_matches_estimated();
    response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    response.facets_exact = request.exact || response.total_exact;

    for (auto it = mset.begin(); it != mset.end(); ++it) {
        SearchHit hit;
        hit.rank = it.get_rank() + 1;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.article = decode_stored_article(it.get_document().get_data());
        const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
        hit.snippet =
            make_snippet(enquire, mset, it, text, parser.stemmer(), request.snippet_length);
        hit.article.body.clear();
        response.hits.push_back(std::move(hit));
    }

    for (const auto& [name, spy] : entity_spies)
        response.facets.push_back({name, spy->top(request.facet_limit)});
    if (date_spy) {
        std::vector<FacetCount> days;
        for (auto it = date_spy->values_begin(); it != date_spy->values_end(); ++it)
            days.push_back({*it, it.get_termfreq()});
        response.facets.push_back({"date", date_histogram(days)});
    }
    return response;
}

}  // namespace newsindex
