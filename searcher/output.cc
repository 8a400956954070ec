#include "searcher/output.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/cli/command_line.h"

namespace newsindex::cli {

namespace {

using nlohmann::json;

std::string_view facet_heading(std::string_view name) {
    if (name == "person") return "People";
    if (name == "org") return "Organizations";
    if (name == "place") return "Places";
    return "Dates";
}

json nullable(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

// The snippet's text with each highlight between `open` and `close`, fit for a terminal.
std::string marked(const Snippet& snippet, std::string_view open, std::string_view close) {
    std::string out;
    std::size_t copied = 0;
    const std::string_view text = snippet.text;
    for (const auto& span : snippet.highlights) {
        out += printable(text.substr(copied, span.begin - copied));
        out += open;
        out += printable(text.substr(span.begin, span.end - span.begin));
        out += close;
        copied = span.end;
    }
    out += printable(text.substr(copied));
    return out;
}

// One hit as the JSON outputs show it; snippets carry their highlights as [[ ]].
json hit_json(const SearchHit& hit) {
    json entities = json::object();
    for (const auto kind : kEntityKinds) {
        json names = json::array();
        for (const auto& entity : hit.article.entities)
            if (entity.kind == kind) names.push_back(entity.name);
        entities[std::string(entity_kind_name(kind))] = std::move(names);
    }
    return {
        {"rank", hit.rank},
        {"id", hit.article.id},
        {"path", hit.article.path},
        {"title", hit.article.title},
        {"subtitle", nullable(hit.article.subtitle)},
        {"date", hit.article.date ? json(hit.article.date->iso()) : json(nullptr)},
        {"source", nullable(hit.article.source)},
        {"url", nullable(hit.article.url)},
        {"score", hit.score},
        {"percent", hit.percent},
        {"snippet", marked(hit.snippet, "[[", "]]")},
        {"entities", std::move(entities)},
    };
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string field = "\"";
    for (const char c : text) field += c == '"' ? std::string("\"\"") : std::string(1, c);
    return field + "\"";
}

}  // namespace

void print_jsonl(std::ostream& out, const SearchResponse& response) {
    for (const auto& hit : response.hits)
        out << hit_json(hit).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_csv(std::ostream& out, const SearchResponse& response) {
    out << "rank,id,path,title,date,source,score\r\n";
    for (const auto& hit : response.hits) {
        const Article& a = hit.article;
        out << hit.rank << ',' << csv_field(a.id) << ',' << csv_field(a.path) << ','
            << csv_field(a.title) << ',' << (a.date ? a.date->iso() : "") << ','
            << csv_field(a.source) << ',' << hit.score << "\r\n";
    }
}

void print_ids(std::ostream& out, const SearchResponse& response) {
    for (const auto& hit : response.hits) out << printable(hit.article.id) << '\n';
}

void print_text(std::ostream& out, const SearchRequest& request, const SearchResponse& response,
                bool bold) {
    const std::string_view open = bold ? "\033[1m" : "[[";
    const std::string_view close = bold ? "\033[0m" : "]]";
    for (const auto& hit : response.hits) {
        out << hit.rank << ". "
            << printable(hit.article.title.empty() ? hit.article.id : hit.article.title) << '\n';
        out << "   " << (hit.article.date ? hit.article.date->iso() : "no date") << "  "
            << printable(hit.article.path) << '\n';
        if (!hit.snippet.empty()) out << "   " << marked(hit.snippet, open, close) << '\n';
        out << '\n';
    }
    out << (response.total_exact ? "" : "about ") << response.total
        << (response.total == 1 ? " match" : " matches");
    if (!request.query.empty()) out << " for " << printable(request.query);
    if (!response.hits.empty())
        out << " (showing " << response.hits.front().rank << "-" << response.hits.back().rank
            << ")";
    if (!response.total_exact) out << " [estimated]";
    out << '\n';

    for (const auto& facet : response.facets) {
        if (facet.values.empty()) continue;
        out << '\n'
            << facet_heading(facet.name) << (response.facets_exact ? "" : " (estimated counts)")
            << ":\n";
        for (const auto& value : facet.values) {
            char count[16];
            std::snprintf(count, sizeof count, "%7u", static_cast<unsigned>(value.count));
            out << count << "  " << printable(value.value) << '\n';
        }
    }
}

void print_json(std::ostream& out, const SearchRequest& request, const SearchResponse& response) {
    json hits = json::array();
    for (const auto& hit : response.hits) hits.push_back(hit_json(hit));
    json document = {
        {"query", request.query},   {"parsed", response.parsed},
        {"total", response.total},  {"total_exact", response.total_exact},
        {"offset", request.offset}, {"hits", std::move(hits)},
    };
    if (!request.facets.empty()) {
        json facets = json::object();
        for (const auto& facet : response.facets) {
            json values = json::array();
            for (const auto& value : facet.values)
                values.push_back({{"value", value.value}, {"count", value.count}});
            facets[facet.name] = std::move(values);
        }
        document["facets"] = std::move(facets);
        document["facets_exact"] = response.facets_exact;
    }
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace newsindex::cli
