// Running a query against the index: ranked hits, snippets and exact facet counts.
#pragma once

#include <xapian.h>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/index/entity_table.h"
#include "common/search/facet_spy.h"
#include "common/search/snippet.h"

namespace newsindex {

enum class SortOrder { relevance, date_ascending, date_descending };

// The facets a search can count: the three entity kinds and a date histogram.
inline constexpr std::array<std::string_view, 4> kFacetNames = {"person", "org", "place", "date"};

struct SearchRequest {
    std::string query;
    bool match_any = false;  // OR instead of AND between words
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    SortOrder sort = SortOrder::relevance;
    // Count every match (and every facet value) exactly; false trades exactness for speed
    // and the response says so.
    bool exact = true;
    std::vector<std::string> facets;  // names from kFacetNames
    std::size_t facet_limit = 10;
    std::size_t snippet_length = 240;  // bytes of snippet text
    // More like this: the id or path of an article (as a hit shows them). The search
    // then ranks articles by the terms that best tell that one apart (Xapian's relevance
    // feedback), leaves it out, and keeps `query` as a filter.
    std::string like;
};

struct SearchHit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first match, not the offset
    double score = 0;
    int percent = 0;
    Article article;  // stored fields and entity names (body emptied)
    Snippet snippet;  // from the body (the title when the body is empty)
};

struct FacetResult {
    std::string name;                // "person", ..., "date"
    std::vector<FacetCount> values;  // date: chronological buckets "YYYY-MM" or "YYYY"
};

struct SearchResponse {
    std::string parsed;  // Xapian's description of the parsed query
    Xapian::doccount total = 0;
    bool total_exact = true;
    std::vector<SearchHit> hits;
    std::vector<FacetResult> facets;
    bool facets_exact = true;
};

// Answers SearchRequests on one database. Every public method converts Xapian's errors
// to Error (base/error.h), so no Xapian::Error reaches a front end.
class NewsSearcher {
public:
    // `db` may be any Xapian database laid out as schema.h says: an index on disk, an
    // in-memory one, several combined. `name` says which index in messages ("index NAME
    // has schema version ..."); empty: "the index".
    explicit NewsSearcher(Xapian::Database db, std::string name = {});
    ~NewsSearcher();
    NewsSearcher(NewsSearcher&&) = default;
    NewsSearcher& operator=(NewsSearcher&&) = default;
    NewsSearcher(const NewsSearcher&) = delete;
    NewsSearcher& operator=(const NewsSearcher&) = delete;

    // Throws Error: bad_input for a query that cannot be parsed (what() names the problem,
    // not the query), another kind when the index fails. A build committing meanwhile is
    // handled by reopening the database and running the search again on the new state.
    SearchResponse search(const SearchRequest& request);

    Xapian::doccount article_count() const;

    // A one-line warning when the index was written with another schema version than
    // this program reads (its filters may then miss articles); empty when it matches.
    std::string schema_warning() const;

private:
    SearchResponse search_once(const SearchRequest& request);
    // The query of articles like the one `like` names, filtered by `filter`.
    Xapian::Query related_query(const std::string& like, const Xapian::Query& filter) const;
    // "index NAME" or "the index": what messages call the database.
    std::string description() const;

    // Runs fn, reopening the database and running it again while a build's commits
    // invalidate what it reads (bounded); Xapian's errors become Error.
    template <typename Fn>
    decltype(auto) retrying(Fn&& fn) const;

    // Mutable: moving to the newest revision is how every method copes with a commit.
    mutable Xapian::Database db_;
    std::string name_;
    // The entity table's links, read once per database revision the searcher sees.
    mutable std::optional<EntityLookup> entities_;
};

// The searcher of the index at `path`, named by its path in messages. Throws Error:
// not_found when nothing is there, another kind when it cannot be opened (index_open.h).
NewsSearcher open_searcher(const std::filesystem::path& path);

// Formats "YYYYMMDD" day counts as a histogram by month, or by year when the days span
// more than `max_months` months. Buckets come out in chronological order.
std::vector<FacetCount> date_histogram(const std::vector<FacetCount>& days, int max_months = 36);

}  // namespace newsindex
