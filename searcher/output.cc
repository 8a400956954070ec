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

// printable() of each line of `text`, the line breaks kept: an article's paragraphs.
std::string printable_lines(std::string_view text) {
    std::string out;
    for (std::size_t begin = 0;;) {
        const auto end = text.find('\n', begin);
        out += printable(text.substr(begin, end == std::string_view::npos ? end : end - begin));
        if (end == std::string_view::npos) return out;
        out += '\n';
        begin = end + 1;
    }
}

// `text` with each highlight between `open` and `close`, fit for a terminal.
std::string marked(std::string_view text, const std::vector<HighlightSpan>& highlights,
                   std::string_view open, std::string_view close,
                   std::string (*printable)(std::string_view) = newsindex::printable) {
    std::string out;
    std::size_t copied = 0;
    for (const auto& span : highlights) {
        out += printable(text.substr(copied, span.begin - copied));
        out += open;
        out += printable(text.substr(span.begin, span.end - span.begin));
        out += close;
        copied = span.end;
    }
    out += printable(text.substr(copied));
    return out;
}

std::string marked(const Snippet& snippet, std::string_view open, std::string_view close) {
    return marked(snippet.text, snippet.highlights, open, close);
}

json entity_names(const Article& a) {
    json entities = json::object();
    for (const auto kind : kEntityKinds) {
        json names = json::array();
        for (const auto& entity : a.entities)
            if (entity.kind == kind) names.push_back(entity.name);
        entities[std::string(entity_kind_name(kind))] = std::move(names);
    }
    return entities;
}

json spans_json(const std::vector<HighlightSpan>& spans) {
    json out = json::array();
    for (const auto& span : spans) out.push_back({span.begin, span.end});
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
    if (field == "language") return nullable(a.language);
    if (field == "score") return hit.score;
    if (field == "percent") return hit.percent;
    if (field == "snippet") return marked(hit.snippet, "[[", "]]");
    if (field == "entities") return entity_names(a);
    if (field == "story") return nullable(hit.story);
    if (field == "story_size") return hit.story_size;
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

// What a later version of a story changed, as a line says it: "new headline, 1 paragraph
// added, paragraphs moved"; "same text" when nothing did.
std::string describe_changes(const stories::VersionChanges& changes) {
    std::vector<std::string> parts;
    if (changes.new_headline) parts.emplace_back("new headline");
    const auto count = [&](std::size_t n, std::string_view what) {
        if (n > 0)
            parts.push_back(std::to_string(n) + (n == 1 ? " paragraph " : " paragraphs ") +
                            std::string(what));
    };
    count(changes.added, "added");
    count(changes.dropped, "dropped");
    count(changes.reworded, "reworded");
    if (changes.moved) parts.emplace_back("paragraphs moved");
    if (parts.empty()) return "same text";
    std::string line;
    for (const auto& part : parts) line += (line.empty() ? "" : ", ") + part;
    return line;
}

json changes_json(const stories::VersionChanges& changes) {
    return {{"new_headline", changes.new_headline},
            {"added", changes.added},
            {"dropped", changes.dropped},
            {"reworded", changes.reworded},
            {"moved", changes.moved},
            {"same_text", changes.identical()}};
}

// A facet's values, with the notable order's score when `scored`.
json values_json(const std::vector<FacetCount>& values, bool scored) {
    json out = json::array();
    for (const auto& value : values) {
        json entry = {{"value", value.value}, {"count", value.count}};
        if (scored) entry["score"] = value.score;
        out.push_back(std::move(entry));
    }
    return out;
}

json hit_json(const SearchHit& hit, const std::vector<std::string>& fields) {
    json object = json::object();
    for (const auto& field : fields) object[field] = field_json(hit, field);
    // Listing one story's versions (--story): the first is the original.
    if (hit.changes) object["changes"] = changes_json(*hit.changes);
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

// A facet's values, a line each: count (and score, when `scored`) and name.
void print_values(std::ostream& out, const std::vector<FacetCount>& values, bool scored,
                  std::string_view indent = "") {
    for (const auto& value : values) {
        char count[32];
        std::snprintf(count, sizeof count, "%7u", static_cast<unsigned>(value.count));
        out << indent << count << "  ";
        if (scored) {
            std::snprintf(count, sizeof count, "%9.4f  ", value.score);
            out << count;
        }
        out << printable(value.value) << '\n';
    }
}

}  // namespace

void print_jsonl(std::ostream& out, const SearchResponse& response,
                 const std::vector<std::string>& fields) {
    for (const auto& hit : response.hits)
        out << hit_json(hit, fields).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_csv(std::ostream& out, const SearchResponse& response,
               const std::vector<std::string>& fields, bool header) {
    if (header) {
        for (std::size_t i = 0; i < fields.size(); ++i) out << (i == 0 ? "" : ",") << fields[i];
        out << "\r\n";
    }
    for (const auto& hit : response.hits) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            out << (i == 0 ? "" : ",") << csv_field(field_text(hit, fields[i]));
        out << "\r\n";
    }
}

void print_article_text(std::ostream& out, const ArticleView& view, bool bold) {
    const std::string_view open = bold ? "\033[1m" : "[[";
    const std::string_view close = bold ? "\033[0m" : "]]";
    const Article& a = view.article;
    out << (a.title.empty() ? printable(a.id) : marked(a.title, view.title_highlights, open, close))
        << '\n';
    if (!a.subtitle.empty()) out << printable(a.subtitle) << '\n';
    std::string line = a.date ? a.date->iso() : "no date";
    const std::string& source = a.source.empty() ? view.folder : a.source;
    if (!source.empty()) line += "  " + source;
    if (!a.author.empty()) line += "  by " + a.author;
    out << printable(line) << '\n' << printable(a.url.empty() ? a.path : a.url) << "\n\n";
    if (!a.body.empty())
        out << marked(a.body, view.body_highlights, open, close, printable_lines) << "\n\n";
    for (const auto kind : kEntityKinds) {
        std::string names;
        for (const auto& entity : a.entities)
            if (entity.kind == kind) append_item(names, entity.name);
        if (!names.empty())
            out << facet_heading(entity_kind_name(kind)) << ": " << printable(names) << '\n';
    }
    if (view.related.empty()) return;
    out << "\nMore like this:\n";
    for (const auto& related : view.related)
        out << "  " << (related.date ? related.date->iso() : "no date   ") << "  "
            << printable(related.title.empty() ? related.id : related.title) << "  ("
            << printable(related.id) << ")\n";
}

void print_article_json(std::ostream& out, const ArticleView& view) {
    const Article& a = view.article;
    json mentions = json::array();
    for (const auto& mention : view.mentions)
        mentions.push_back({{"begin", mention.begin},
                            {"end", mention.end},
                            {"kind", entity_kind_name(mention.kind)},
                            {"entity", mention.entity}});
    json related = json::array();
    for (const auto& r : view.related)
        related.push_back({{"id", r.id},
                           {"title", r.title},
                           {"date", r.date ? json(r.date->iso()) : json(nullptr)}});
    const json document = {
        {"id", a.id},
        {"path", a.path},
        {"title", a.title},
        {"subtitle", nullable(a.subtitle)},
        {"date", a.date ? json(a.date->iso()) : json(nullptr)},
        {"source", nullable(a.source)},
        {"folder", nullable(view.folder)},
        {"author", nullable(a.author)},
        {"url", nullable(a.url)},
        {"language", nullable(a.language)},
        {"body", a.body},
        {"title_highlights", spans_json(view.title_highlights)},
        {"highlights", spans_json(view.body_highlights)},
        {"mentions", std::move(mentions)},
        {"entities", entity_names(a)},
        {"related", std::move(related)},
    };
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
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
        if (request.collapse && hit.story_size > 1)
            out << "   " << hit.story_size << " versions (story " << hit.story << ")\n";
        if (!request.story.empty())
            out << "   "
                << (hit.changes ? "changed: " + describe_changes(*hit.changes)
                                : std::string("original"))
                << '\n';
        if (request.explain) print_explanation(out, hit);
        out << '\n';
    }
    out << (response.total_exact ? "" : "about ") << response.total;
    if (response.stories)
        out << (response.total == 1 ? " article in " : " articles in ")
            << (response.stories_exact ? "" : "about ") << *response.stories
            << (*response.stories == 1 ? " story" : " stories");
    else
        out << (response.total == 1 ? " match" : " matches");
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
            << facet_heading(facet.name) << (request.facets_by_story ? ", stories" : "")
            << (response.facets_exact ? "" : " (estimated counts)")
            << (request.facet_order == FacetOrder::notable && facet.name != "date"
                    ? ", most notable first (count, score)"
                    : "")
            << ":\n";
        print_values(out, facet.values,
                     request.facet_order == FacetOrder::notable && facet.name != "date");
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
    if (response.stories) {
        document["stories"] = *response.stories;
        document["stories_exact"] = response.stories_exact;
    }
    if (!request.facets.empty()) {
        json facets = json::object();
        for (const auto& facet : response.facets) {
            const bool scored = request.facet_order == FacetOrder::notable && facet.name != "date";
            facets[facet.name] = values_json(facet.values, scored);
        }
        document["facets"] = std::move(facets);
        document["facets_exact"] = response.facets_exact;
        document["facets_by"] = request.facets_by_story ? "story" : "article";
        if (document["facets"].contains("date"))
            document["date_bucket"] = date_bucket_name(response.date_bucket);
    }
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void print_entity_text(std::ostream& out, const EntityProfile& profile) {
    out << printable(profile.entity.name) << " (" << entity_kind_name(profile.entity.kind)
        << "): " << profile.articles << (profile.articles == 1 ? " article" : " articles");
    if (!profile.months.empty())
        out << ", " << profile.months.front().value << " to " << profile.months.back().value;
    out << '\n';
    if (!profile.aliases.empty()) {
        out << "\nAlso named:\n";
        print_values(out, profile.aliases, false);
    }
    if (!profile.months.empty()) {
        out << "\nArticles by month:\n";
        print_values(out, profile.months, false);
    }
    for (const auto& facet : profile.named_with) {
        if (facet.values.empty()) continue;
        out << '\n'
            << facet_heading(facet.name) << " named with it, most notable first (count, score):\n";
        print_values(out, facet.values, true);
    }
    if (profile.newest.empty()) return;
    out << "\nNewest articles:\n";
    for (const auto& hit : profile.newest)
        out << "  " << (hit.article.date ? hit.article.date->iso() : "no date   ") << "  "
            << printable(hit.article.title.empty() ? hit.article.id : hit.article.title) << "  ("
            << printable(hit.article.id) << ")\n";
}

void print_entity_json(std::ostream& out, const EntityProfile& profile) {
    json named_with = json::object();
    for (const auto& facet : profile.named_with)
        named_with[facet.name] = values_json(facet.values, true);
    json aliases = json::array();
    for (const auto& alias : profile.aliases)
        aliases.push_back({{"name", alias.value}, {"articles", alias.count}});
    json newest = json::array();
    for (const auto& hit : profile.newest)
        newest.push_back(hit_json(hit, default_json_fields(false)));
    const json document = {
        {"kind", entity_kind_name(profile.entity.kind)},
        {"name", profile.entity.name},
        {"articles", profile.articles},
        {"aliases", std::move(aliases)},
        {"months", values_json(profile.months, false)},
        {"named_with", std::move(named_with)},
        {"newest", std::move(newest)},
    };
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace newsindex::cli
