// What `newssearch serve` accepts in a URL: the request target of /api/search and
// /api/like read into a SearchRequest, or the 4xx status and message that refuse it.
// Pure (no sockets, no index), so that the fuzzer reaches every line of it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/search/search.h"

namespace newsindex::serve {

// Limits on what one request may ask for. Each keeps one request's cost bounded: a query
// parse, a top-(offset+limit) heap, a facet list; none of them is reached by the page.
inline constexpr std::size_t kMaxTargetBytes = 8192;  // the whole path and query string
inline constexpr std::size_t kMaxQueryBytes = 4096;   // q, like and id, once decoded
inline constexpr std::size_t kMaxParameters = 32;
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10000;
inline constexpr std::size_t kMaxFacetLimit = 100;

// Why a request is refused: an HTTP status (400, 414) and a one-line message for the
// {"error": ...} document.
struct RequestError {
    int status = 400;
    std::string message;
};

// Decoded name=value pairs of a query string, in the order given.
using Parameters = std::vector<std::pair<std::string, std::string>>;

// Splits "a=1&b=x+y%21" at & and =, decoding %XX and + (a space). Refuses bad %-escapes,
// NUL bytes, invalid UTF-8 and more than kMaxParameters pairs.
std::variant<Parameters, RequestError> parse_query_string(std::string_view query);

// The endpoints that take a search: /api/search (q, like, ...), /api/like (id, ...),
// /api/export (the matches as a download) and /feed.atom (the newest matches as Atom).
enum class Endpoint { search, like, download, feed };

// The most rows one download holds: every match of most queries, and a bound on what one
// request costs (some 100 MB of CSV at worst, before gzip).
inline constexpr std::size_t kMaxExportRows = 100000;

// The entries of a feed unless limit says otherwise: what feed readers poll for.
inline constexpr decltype(SearchRequest::limit) kFeedEntries = 20;

// A search and the output it is asked in: "json" (what newssearch --json prints), "jsonl"
// or "csv" (what --format jsonl or csv print), or "atom" (a feed).
struct SearchTarget {
    SearchRequest request;
    std::string format = "json";
};

// The SearchTarget a request target ("/api/search?q=...") asks for. Defaults are those
// of `newssearch --json` (limit 10, sort relevance, every facet, exact counts), so that
// the same query gives the same document. Parameters:
//   q, any (1/true/on/yes or 0/false/off/no; empty is true), offset, limit, sort
//   (relevance, date, -date), facets (person,org,place,date or none), facet_limit,
//   facet_order (count, notable);
//   format (json, jsonl, csv) and fields (hit_fields.h), as --format and --fields: jsonl
//   and csv count no facets and correct no spelling, as on the command line;
//   /api/search also like=ID, /api/like id=ID (required);
//   /api/export as /api/search, but format is csv (the default) or jsonl, limit is at
//   most kMaxExportRows (the default: every match up to it), and facets are not counted;
//   /feed.atom as /api/search, but format is "atom", newest first unless sort says otherwise, limit
//   kFeedEntries unless given.
// Unknown or repeated parameters are refused, so that a typo is not silently ignored.
std::variant<SearchTarget, RequestError> parse_search_target(std::string_view target,
                                                             Endpoint endpoint);

// The ArticleRequest of /api/article: id (required), q and any as for /api/search. Unknown
// or repeated parameters are refused.
std::variant<ArticleRequest, RequestError> parse_article_target(std::string_view target);

// /api/facet_values: kind (person, org or place; required), prefix, limit (at most
// kMaxFacetLimit, default 10).
struct FacetValueRequest {
    EntityKind kind = EntityKind::person;
    std::string prefix;
    std::size_t limit = 10;
};
std::variant<FacetValueRequest, RequestError> parse_facet_values_target(std::string_view target);

// /api/entity: kind (person, org or place) and name (both required), limit (names of each
// kind and newest articles; at most kMaxFacetLimit, default 10).
std::variant<EntityProfileRequest, RequestError> parse_entity_target(std::string_view target);

}  // namespace newsindex::serve
