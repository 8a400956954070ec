#include "searcher/output.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
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

json optional_number(const auto& value) {
    return value ? json(*value) : json(nullptr);
}

// One field of a hit (hit_fields.h) as the JSON outputs show it; snippets carry their
// highlights as [[ ]].
json field_json(const SearchHit& hit, std::string_view field) {
    const Article& a = hit.article;
    if (field == "rank") return hit.rank;
    if (field == "id") return a.id;
    if (field == "path") return a.path;
    if (field == "title") return a.title;
    if (field == "subtitle") return nullable(a.subtitle);
    if (field == "date") return a.date ? json(a.date->iso()) : json(nullptr);
    if (field == "source") return nullable(a.source);
    if (field == "url") return nullable(a.url);
    if (field == "author") return nullable(a.author);
    if (field == "score") return hit.score;
    if (field == "percent") return hit.percent;
    if (field == "snippet") return marked(hit.snippet, "[[", "]]");
    if (field == "entities") {
        json entities = json::object();
        for (const auto kind : kEntityKinds) {
            json names = json::array();
            for (const auto& entity : a.entities)
                if (entity.kind == kind) names.push_back(entity.name);
            entities[std::string(entity_kind_name(kind))] = std::move(names);
        }
        return entities;
    }
    if (field == "explain") {
        json terms = json::array();
        for (const auto& term : hit.explain)
            terms.push_back({{"term", term.term},
                             {"weight", term.weight},
                             {"wdf", optional_number(term.wdf)},
                             {"termfreq", optional_number(term.termfreq)}});
        return terms;
    }
    return nullptr;
}

json hit_json(const SearchHit& hit, const std::vector<std::string>& fields) {
    json object = json::object();
    for (const auto& field : fields) object[field] = field_json(hit, field);
    return object;
}

// Appends `item` to a "; "-separated list.
void append_item(std::string& list, const std::string& item) {
    if (!list.empty()) list += "; ";
    list += item;
}

// One field of a hit as a CSV cell, before quoting.
std::string field_text(const SearchHit& hit, std::string_view field) {
    if (field == "entities") {
        std::string text;
        for (const auto& entity : hit.article.entities)
            append_item(text, std::string(entity_kind_name(entity.kind)) + ":" + entity.name);
        return text;
    }
    if (field == "explain") {
        std::string text;
        for (const auto& term : hit.explain) {
            char weight[32];
            std::snprintf(weight, sizeof weight, "%.6g", term.weight);
            append_item(text, term.term + "=" + weight);
        }
        return text;
    }
    // Names of files as printable() shows them: one that is not UTF-8 prints as \xNN, and
    // can be typed back (--like).
    if (field == "id") return printable(hit.article.id);
    if (field == "path") return printable(hit.article.path);
    if (field == "score") {
        std::ostringstream score;
        score << hit.score;
        return score.str();
    }
    const json value = field_json(hit, field);
    if (value.is_null()) return {};
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// Each term's weight, on its own line under the hit.
void print_explanation(std::ostream& out, const SearchHit& hit) {
    char line[64];
    std::snprintf(line, sizeof line, "   score %.3f", hit.score);
    out << line << (hit.explain.empty() ? ": no query term weighs (filters only)\n" : ":\n");
    for (const auto& term : hit.explain) {
        std::snprintf(line, sizeof line, "%10.3f  ", term.weight);
        out << line << printable(term_label(term.term));
        if (term.wdf && term.termfreq)
            out << "  (wdf " << *term.wdf << ", in " << *term.termfreq
                << (*term.termfreq == 1 ? " article)" : " articles)");
        out << '\n';
    }
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string field = "\"";
    for (const char c : text) field += c == '"' ? std::string("\"\"") : std::string(1, c);
    return field + "\"";
}

}  // namespace

void print_jsonl(std::ostream& out, const SearchResponse& response,
                 const std::vector<std::string>& fields) {
    for (const auto& hit : response.hits)
        out << hit_json(hit, fields).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_csv(std::ostream& out, const SearchResponse& response,
               const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i == 0 ? "" : ",") << fields[i];
    out << "\r\n";
    for (const auto& hit : response.hits) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            out << (i == 0 ? "" : ",") << csv_field(field_text(hit, fields[i]));
        out << "\r\n";
    }
}

void print_ids(std::ostream& out, const SearchResponse& response) {
    for (const auto& hit : response.hits) out << printable(hit.article.id) << '\n';
}

void print_text(std::ostream& out, const SearchRequest& request, const SearchResponse& response,
                bool bold) {
    const std::string_view open = bold ? "\033[1m" : "[[";
    const std::string_view close = bold ? "\033[0m" : "]]";
    if (!response.suggestion.empty()) {
        out << "Did you mean: " << printable(response.suggestion) << "?\n";
        if (response.corrected)
            out << "No matches for " << printable(request.query) << "; showing results for "
                << printable(response.suggestion) << '\n';
        out << '\n';
    }
    for (const auto& hit : response.hits) {
        out << hit.rank << ". "
            << printable(hit.article.title.empty() ? hit.article.id : hit.article.title) << '\n';
        out << "   " << (hit.article.date ? hit.article.date->iso() : "no date") << "  "
            << printable(hit.article.path) << '\n';
        if (!hit.snippet.empty()) out << "   " << marked(hit.snippet, open, close) << '\n';
        if (request.explain) print_explanation(out, hit);
        out << '\n';
    }
    out << (response.total_exact ? "" : "about ") << response.total
        << (response.total == 1 ? " match" : " matches");
    if (response.corrected)
        out << " for " << printable(response.suggestion);
    else if (!request.query.empty())
        out << " for " << printable(request.query);
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
    const std::vector<std::string> fields =
        request.fields.empty() ? default_json_fields(request.explain) : request.fields;
    json hits = json::array();
    for (const auto& hit : response.hits) hits.push_back(hit_json(hit, fields));
    json document = {
        {"query", request.query},
        {"parsed", response.parsed},
        {"total", response.total},
        {"total_exact", response.total_exact},
        {"offset", request.offset},
        {"hits", std::move(hits)},
        {"suggestion", nullable(response.suggestion)},
        {"corrected", response.corrected},
        {"warnings", response.warnings},
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
        if (document["facets"].contains("date"))
            document["date_bucket"] = date_bucket_name(response.date_bucket);
    }
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace newsindex::cli
