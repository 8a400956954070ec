// Running a query against the index: ranked hits, snippets and exact facet counts.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/base/article.h"
#include "common/search/facet_spy.h"
#include "common/index/index_open.h"

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
    std::string highlight_start = "[[";
    std::string highlight_end = "]]";
    std::size_t snippet_length = 240;  // bytes, before highlighting
};

struct SearchHit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first match, not the offset
    double score = 0;
    int percent = 0;
    Article article;  // stored fields and entity names (body emptied)
    std::string snippet;
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

class NewsSearcher {
  public:
    // Throws IndexUnavailableError (index_open.h).
    explicit NewsSearcher(const std::filesystem::path& database);
    ~NewsSearcher();
    NewsSearcher(const NewsSearcher&) = delete;
    NewsSearcher& operator=(const NewsSearcher&) = delete;

    // Throws QueryError for a malformed query. A build committing meanwhile is handled by
    // reopening the database and running the search again on the new state.
    SearchResponse search(const SearchRequest& request);

    Xapian::doccount article_count() const { return db_.get_doccount(); }

    // A one-line warning when the index was written with another schema version than
    // this program reads (its filters may then miss articles); empty when it matches.
    std::string schema_warning() const;

  private:
    SearchResponse search_once(const SearchRequest& request);

    std::filesystem::path path_;
    Xapian::Database db_;
};

// Formats "YYYYMMDD" day counts as a histogram by month, or by year when the days span
// more than `max_months` months. Buckets come out in chronological order.
std::vector<FacetCount> date_histogram(const std::vector<FacetCount>& days, int max_months = 36);

}  // namespace newsindex
