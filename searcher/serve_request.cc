#include "searcher/serve_request.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/search/hit_fields.h"

namespace newsindex::serve {

namespace {

std::optional<int> hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return std::nullopt;
}

// One name or value of a query string, decoded (form encoding: + is a space).
std::variant<std::string, RequestError> decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] != '%') {
            out += text[i];
        } else {
            const auto high = i + 2 < text.size() ? hex_digit(text[i + 1]) : std::nullopt;
            const auto low = i + 2 < text.size() ? hex_digit(text[i + 2]) : std::nullopt;
            if (!high || !low) return RequestError{400, "malformed %-escape in the query string"};
            out += static_cast<char>(*high * 16 + *low);
            i += 2;
        }
    }
    // A NUL would cut the text short in whatever C API sees it later; invalid UTF-8 could
    // not be shown back (the JSON replaces it), so the answer would not match the question.
    if (out.find('\0') != std::string::npos)
        return RequestError{400, "NUL byte in the query string"};
    std::string repaired = out;
    if (utf8::repair(repaired) > 0)
        return RequestError{400, "the query string is not UTF-8 once decoded"};
    return out;
}

std::optional<bool> parse_bool(std::string_view value) {
    // An empty value is a bare "?any" or an HTML checkbox without a value: on.
    for (const std::string_view yes : {"", "1", "true", "on", "yes"})
        if (value == yes) return true;
    for (const std::string_view no : {"0", "false", "off", "no"})
        if (value == no) return false;
    return std::nullopt;
}

// A whole number no larger than `max`: digits only, so "-1", "1e3" and " 5" are refused.
std::optional<std::size_t> parse_count(std::string_view value, std::size_t max) {
    if (value.empty() || value.size() > 9) return std::nullopt;
    std::size_t n = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (n > max) return std::nullopt;
    return n;
}

std::optional<SortOrder> parse_sort(std::string_view value) {
    if (value == "relevance") return SortOrder::relevance;
    if (value == "date") return SortOrder::date_ascending;
    if (value == "-date") return SortOrder::date_descending;
    return std::nullopt;
}

std::optional<std::vector<std::string>> parse_facets(std::string_view list) {
    std::vector<std::string> facets;
    while (true) {
        const auto comma = list.find(',');
        const std::string_view name = list.substr(0, comma);
        if (!name.empty() && name != "none") {
            if (std::find(kFacetNames.begin(), kFacetNames.end(), name) == kFacetNames.end())
                return std::nullopt;
            // Twice the same facet would count it twice: once is what was meant.
            if (std::find(facets.begin(), facets.end(), name) == facets.end())
                facets.emplace_back(name);
        }
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return facets;
}

// A parameter's name as messages quote it: cut (at a character boundary) so that a long
// one cannot fill the answer; the JSON escapes the rest.
std::string shown(std::string_view name) {
    const std::string_view cut = name.substr(0, 40);
    return std::string(cut.substr(0, utf8::complete_prefix(cut)));
}

RequestError bad(std::string message) {
    return RequestError{400, std::move(message)};
}

// Sets one field of `target` from one parameter, or says why it cannot.
std::optional<RequestError> apply(const std::string& name, const std::string& value,
                                  Endpoint endpoint, SearchTarget& target) {
    using Doccount = decltype(SearchRequest::limit);
    SearchRequest& request = target.request;
    const std::size_t max_limit = endpoint == Endpoint::download ? kMaxExportRows : kMaxLimit;
    if (name == "q" || name == (endpoint == Endpoint::like ? "id" : "like")) {
        if (value.size() > kMaxQueryBytes)
            return RequestError{414, "parameter " + name +
                                         " is too long: " + std::to_string(value.size()) +
                                         " bytes, at most " + std::to_string(kMaxQueryBytes)};
        (name == "q" ? request.query : request.like) = value;
    } else if (name == "any") {
        const auto any = parse_bool(value);
        if (!any) return bad("any must be 1 or 0 (true or false)");
        request.match_any = *any;
    } else if (name == "collapse") {
        const auto collapse = parse_bool(value);
        if (!collapse) return bad("collapse must be 1 or 0 (true or false)");
        request.collapse = *collapse;
    } else if (name == "offset") {
        const auto offset = parse_count(value, kMaxOffset);
        if (!offset)
            return bad("offset must be a whole number from 0 to " + std::to_string(kMaxOffset));
        request.offset = static_cast<Doccount>(*offset);
    } else if (name == "limit") {
        const auto limit = parse_count(value, max_limit);
        if (!limit)
            return bad("limit must be a whole number from 0 to " + std::to_string(max_limit));
        request.limit = static_cast<Doccount>(*limit);
    } else if (name == "format") {
        if (endpoint == Endpoint::feed) return bad("format: a feed is Atom");
        const bool download = endpoint == Endpoint::download;
        if (value != "csv" && value != "jsonl" && (download || value != "json"))
            return bad(download ? "format must be csv or jsonl"
                                : "format must be json, jsonl or csv");
        target.format = value;
    } else if (name == "fields") {
        try {
            request.fields = parse_hit_fields(value);
        } catch (const Error& e) {
            return bad(std::string("fields: ") + e.what());
        }
    } else if (name == "facet_limit") {
        const auto facet_limit = parse_count(value, kMaxFacetLimit);
        if (!facet_limit)
            return bad("facet_limit must be a whole number from 0 to " +
                       std::to_string(kMaxFacetLimit));
        request.facet_limit = *facet_limit;
    } else if (name == "facet_order") {
        if (value != "count" && value != "notable")
            return bad("facet_order must be count or notable");
        request.facet_order = value == "notable" ? FacetOrder::notable : FacetOrder::count;
    } else if (name == "facets_by") {
        if (value != "article" && value != "story")
            return bad("facets_by must be article or story");
        request.facets_by_story = value == "story";
    } else if (name == "sort") {
        const auto sort = parse_sort(value);
        if (!sort) return bad("sort must be relevance, date or -date");
        request.sort = *sort;
    } else if (name == "facets") {
        const auto facets = parse_facets(value);
        if (!facets)
            return bad("facets takes a comma-separated list of person, org, place, date, language");
        request.facets = *facets;
    } else {
        return bad("unknown parameter '" + shown(name) + "'");
    }
    return std::nullopt;
}

}  // namespace

std::variant<Parameters, RequestError> parse_query_string(std::string_view query) {
    Parameters parameters;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;  // "a=1&&b=2", a trailing "&"
        if (parameters.size() == kMaxParameters)
            return bad("more than " + std::to_string(kMaxParameters) + " parameters");
        const auto equals = pair.find('=');
        auto name = decode(pair.substr(0, equals));
        if (auto* error = std::get_if<RequestError>(&name)) return std::move(*error);
        auto value =
            decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1));
        if (auto* error = std::get_if<RequestError>(&value)) return std::move(*error);
        parameters.emplace_back(std::get<std::string>(std::move(name)),
                                std::get<std::string>(std::move(value)));
    }
    return parameters;
}

namespace {

// The parameters of a request target, or why they are refused.
std::variant<Parameters, RequestError> target_parameters(std::string_view target) {
    if (target.size() > kMaxTargetBytes)
        return RequestError{
            414, "the URL is too long: at most " + std::to_string(kMaxTargetBytes) + " bytes"};
    // A fragment never reaches a server from a browser; from anything else it is no part
    // of the query.
    target = target.substr(0, target.find('#'));
    const auto question = target.find('?');
    return parse_query_string(question == std::string_view::npos ? std::string_view()
                                                                 : target.substr(question + 1));
}

std::optional<RequestError> too_long(const std::string& name, const std::string& value) {
    if (value.size() <= kMaxQueryBytes) return std::nullopt;
    return RequestError{414, "parameter " + name + " is too long: " + std::to_string(value.size()) +
                                 " bytes, at most " + std::to_string(kMaxQueryBytes)};
}

}  // namespace

std::variant<ArticleRequest, RequestError> parse_article_target(std::string_view target) {
    auto parsed = target_parameters(target);
    if (auto* error = std::get_if<RequestError>(&parsed)) return std::move(*error);
    const auto& parameters = std::get<Parameters>(parsed);
    ArticleRequest request;
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const auto& [name, value] = *it;
        const auto same = [&key = name](const auto& p) { return p.first == key; };
        if (std::any_of(parameters.begin(), it, same))
            return bad("parameter '" + shown(name) + "' given twice");
        if (name == "id" || name == "q") {
            if (auto error = too_long(name, value)) return std::move(*error);
            (name == "id" ? request.id : request.query) = value;
        } else if (name == "any") {
            const auto any = parse_bool(value);
            if (!any) return bad("any must be 1 or 0 (true or false)");
            request.match_any = *any;
        } else {
            return bad("unknown parameter '" + shown(name) + "'");
        }
    }
    if (request.id.empty()) return bad("id names the article to show: /api/article?id=ID");
    return request;
}

namespace {

// What /api/facet_values and /api/entity both take: kind (required), a text parameter
// named `text` and limit (at most kMaxFacetLimit).
struct KindRequest {
    EntityKind kind = EntityKind::person;
    std::string text;
    std::size_t limit = 10;
};
std::variant<KindRequest, RequestError> parse_kind_target(std::string_view target,
                                                          std::string_view text,
                                                          std::string_view usage) {
    auto parsed = target_parameters(target);
    if (auto* error = std::get_if<RequestError>(&parsed)) return std::move(*error);
    const auto& parameters = std::get<Parameters>(parsed);
    KindRequest request;
    bool has_kind = false;
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const auto& [name, value] = *it;
        const auto same = [&key = name](const auto& p) { return p.first == key; };
        if (std::any_of(parameters.begin(), it, same))
            return bad("parameter '" + shown(name) + "' given twice");
        if (name == "kind") {
            const auto kind = entity_kind_from_name(value);
            if (!kind) return bad("kind must be person, org or place");
            request.kind = *kind;
            has_kind = true;
        } else if (name == text) {
            if (auto error = too_long(name, value)) return std::move(*error);
            request.text = value;
        } else if (name == "limit") {
            const auto limit = parse_count(value, kMaxFacetLimit);
            if (!limit)
                return bad("limit must be a whole number from 0 to " +
                           std::to_string(kMaxFacetLimit));
            request.limit = *limit;
        } else {
            return bad("unknown parameter '" + shown(name) + "'");
        }
    }
    if (!has_kind) return bad(std::string(usage));
    return request;
}

}  // namespace

std::variant<FacetValueRequest, RequestError> parse_facet_values_target(std::string_view target) {
    auto parsed = parse_kind_target(
        target, "prefix", "kind names the facet: /api/facet_values?kind=person&prefix=...");
    if (auto* error = std::get_if<RequestError>(&parsed)) return std::move(*error);
    auto& found = std::get<KindRequest>(parsed);
    return FacetValueRequest{found.kind, std::move(found.text), found.limit};
}

std::variant<EntityProfileRequest, RequestError> parse_entity_target(std::string_view target) {
    auto parsed = parse_kind_target(
        target, "name", "kind and name name the entity: /api/entity?kind=person&name=...");
    if (auto* error = std::get_if<RequestError>(&parsed)) return std::move(*error);
    auto& found = std::get<KindRequest>(parsed);
    if (found.text.empty())
        return bad("kind and name name the entity: /api/entity?kind=person&name=...");
    EntityProfileRequest request;
    request.kind = found.kind;
    request.name = std::move(found.text);
    request.named_with = found.limit;
    request.newest = static_cast<decltype(request.newest)>(found.limit);
    return request;
}

std::variant<SearchTarget, RequestError> parse_search_target(std::string_view target,
                                                             Endpoint endpoint) {
    auto parsed = target_parameters(target);
    if (auto* error = std::get_if<RequestError>(&parsed)) return std::move(*error);
    const auto& parameters = std::get<Parameters>(parsed);

    SearchTarget search;
    SearchRequest& request = search.request;
    request.facets.assign(kFacetNames.begin(), kFacetNames.end());
    if (endpoint == Endpoint::download) {
        search.format = "csv";
        request.limit = static_cast<decltype(request.limit)>(kMaxExportRows);
    }
    if (endpoint == Endpoint::feed) {
        // What a feed reader polls for: the newest articles that match.
        search.format = "atom";
        request.sort = SortOrder::date_descending;
        request.limit = kFeedEntries;
    }
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const std::string& name = it->first;
        const auto same = [&key = name](const auto& p) { return p.first == key; };
        if (std::any_of(parameters.begin(), it, same))
            return bad("parameter '" + shown(name) + "' given twice");
        if (auto error = apply(name, it->second, endpoint, search)) return std::move(*error);
    }
    if (endpoint == Endpoint::like && request.like.empty())
        return bad("id names the article to find others like: /api/like?id=ID");
    if (endpoint == Endpoint::download && has_field(request.fields, "explain"))
        return bad("fields: explain is not offered in a download (ask /api/search)");
    // As newssearch --format jsonl and csv: outputs for programs, with no place for facets
    // or for saying that the hits are another query's.
    if (search.format != "json") {
        request.facets.clear();
        request.spelling = Spelling::off;
    }
    return search;
}

}  // namespace newsindex::serve
