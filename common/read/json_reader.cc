// JSON (one object, or an array of objects) and JSON Lines (one object per line):
// one article per object, with the field names common news exports use.

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/base/entity_key.h"
#include "common/base/utf8.h"
#include "common/read/article_reader.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

using nlohmann::json;

// nlohmann parses recursively and has no depth limit; this is far beyond any article.
// Paragraphs at the top of a body that may be a printed date line.
constexpr std::size_t kDateLineParagraphs = 3;
// A name is a few words: a longer "name" is a mistake, and would bloat the index.
constexpr std::size_t kMaxGivenEntityBytes = 200;

std::string too_deep_message() {
    return "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels in JSON";
}

// "byte 12: syntax error while parsing value - invalid literal; last read: 'x'": the
// useful part of nlohmann's message, on one line.
std::string describe(const json::exception& error) {
    std::string message = error.what();
    if (const auto start = message.find("] "); start != std::string::npos)
        message.erase(0, start + 2);
    if (const auto error_at = message.find("parse error"); error_at == 0) {
        if (const auto colon = message.find(": "); colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    // nlohmann quotes the bytes it last read: a whole line of a huge one-line file, and
    // maybe ending inside a UTF-8 sequence. One line of a message stays short.
    constexpr std::size_t kMaxMessageBytes = 200;
    if (message.size() > kMaxMessageBytes) {
        message.resize(
            utf8::complete_prefix(std::string_view(message).substr(0, kMaxMessageBytes)));
        message += "...";
    }
    utf8::repair(message);
    if (const auto* parse_error = dynamic_cast<const json::parse_error*>(&error))
        return "byte " + std::to_string(parse_error->byte) + ": " + message;
    return message;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The value of the first of `names` (in that order of preference, any letter case) that
// the object has and is not null.
const json* field(const json& object, std::initializer_list<std::string_view> names) {
    for (const auto name : names)
        for (const auto& [key, value] : object.items())
            if (iequals(key, name) && !value.is_null()) return &value;
    return nullptr;
}

// A string value; CMS exports wrap some in {"rendered": "..."}.
std::string string_value(const json* value) {
    if (value == nullptr) return {};
    if (value->is_string()) return value->get<std::string>();
    if (value->is_object())
        if (const json* rendered = field(*value, {"rendered"}); rendered && rendered->is_string())
            return rendered->get<std::string>();
    return {};
}

std::string text_field(const json& object, std::initializer_list<std::string_view> names) {
    for (const auto name : names)
        if (std::string text = collapse_whitespace(string_value(field(object, {name})));
            !text.empty())
            return text;
    return {};
}

// "Ann Lee", ["Ann Lee", "Bo Ma"], {"name": "Ann Lee"} or [{"name": "Ann Lee"}, ...].
std::string author_of(const json* value) {
    if (value == nullptr) return {};
    const auto one = [](const json& item) {
        if (item.is_string()) return collapse_whitespace(item.get<std::string>());
        if (item.is_object()) return collapse_whitespace(string_value(field(item, {"name"})));
        return std::string{};
    };
    if (!value->is_array()) return one(*value);
    std::string authors;
    for (const auto& item : *value) {
        const std::string name = one(item);
        if (name.empty()) continue;
        if (!authors.empty()) authors += ", ";
        authors += name;
    }
    return authors;
}

// A date string, or a number of seconds (milliseconds when huge) since 1970.
std::optional<Date> date_of(const json* value) {
    if (value == nullptr) return std::nullopt;
    if (value->is_string()) return parse_date(value->get_ref<const std::string&>());
    if (!value->is_number()) return std::nullopt;
    double seconds = value->get<double>();
    if (seconds > 1e11 || seconds < -1e11) seconds /= 1000;
    if (!(seconds > -1e11 && seconds < 1e11)) return std::nullopt;  // also rejects NaN
    const std::chrono::sys_seconds time{std::chrono::seconds{static_cast<long long>(seconds)}};
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(time)};
    return make_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

bool looks_like_html(std::string_view text) {
    text = trim(text);
    return text.size() > 2 && text.front() == '<' &&
           (std::isalpha(static_cast<unsigned char>(text[1])) || text[1] == '!' || text[1] == '/');
}

std::vector<std::string> body_paragraphs(const json& object) {
    const json* value = field(object, {"body", "text", "content"});
    if (value != nullptr && value->is_array()) {  // one string per paragraph
        std::vector<std::string> paragraphs;
        for (const auto& item : *value)
            if (item.is_string())
                for (auto& p : split_paragraphs(item.get_ref<const std::string&>()))
                    paragraphs.push_back(std::move(p));
        return paragraphs;
    }
    const std::string text = string_value(value);
    return looks_like_html(text) ? html_fragment_paragraphs(text) : split_paragraphs(text);
}

// The kind an entity list or label names: spaCy's labels (PERSON, ORG, GPE, LOC), CoNLL's
// (PER, ORG, LOC), GDELT's field names (persons, organizations, locations) and plain words.
std::optional<EntityKind> kind_of_label(std::string_view label) {
    static constexpr std::array<std::pair<std::string_view, EntityKind>, 18> kLabels = {{
        {"person", EntityKind::person},
        {"persons", EntityKind::person},
        {"people", EntityKind::person},
        {"per", EntityKind::person},
        {"org", EntityKind::org},
        {"orgs", EntityKind::org},
        {"organization", EntityKind::org},
        {"organizations", EntityKind::org},
        {"organisation", EntityKind::org},
        {"organisations", EntityKind::org},
        {"place", EntityKind::place},
        {"places", EntityKind::place},
        {"loc", EntityKind::place},
        {"location", EntityKind::place},
        {"locations", EntityKind::place},
        {"gpe", EntityKind::place},
        {"country", EntityKind::place},
        {"countries", EntityKind::place},
    }};
    for (const auto& [name, kind] : kLabels)
        if (iequals(label, name)) return kind;
    return std::nullopt;
}

// The entities a record gives itself, when it has an "entities" field:
//   {"persons": ["Ann Lee", ...], "organizations": [...], "places": [...]}, any of the
//     kind names kind_of_label knows as keys; an item is a name, or {"name" | "text":
//     NAME, "count" | "mentions": N}; a list may also be one string of names split by
//     ";" (GDELT: "ann lee;bo ma", "name,offset", "1#Kenya#KE#..." locations; names
//     in lower case are capitalised);
//   [{"text": NAME, "label": "PERSON"}, ...], spaCy's entities, one item per mention.
// Names are folded case-insensitively per kind, their mentions counted; other labels
// (DATE, NORP, ...) are skipped, and so are names over kMaxGivenEntityBytes.
std::optional<std::vector<Entity>> given_entities(const json& record, const std::string& where,
                                                  std::vector<std::string>& warnings) {
    const json* value = field(record, {"entities"});
    if (value == nullptr) return std::nullopt;
    std::vector<Entity> entities;
    std::map<std::pair<EntityKind, std::string>, std::size_t> index;
    bool too_long = false;
    const auto add = [&](EntityKind kind, std::string name, int count) {
        name = collapse_whitespace(name);
        while (!name.empty() && (name.back() == '.' || name.back() == ','))
            name.pop_back();  // "Salomon Brothers Inc." is "Salomon Brothers Inc"
        if (name.empty()) return;
        // GDELT writes names in lower case ("kofi annan"); a reader writes them capitalised.
        if (entity_key(name) == name) name = utf8::title_case(name);
        if (name.size() > kMaxGivenEntityBytes) {
            too_long = true;
            return;
        }
        const auto [it, added] = index.try_emplace({kind, entity_key(name)}, entities.size());
        if (added) entities.push_back({kind, name, 0, {name}, {}});
        Entity& entity = entities[it->second];
        entity.count += std::max(count, 1);
        if (std::find(entity.mentions.begin(), entity.mentions.end(), name) ==
            entity.mentions.end())
            entity.mentions.push_back(name);
    };
    // GDELT's "name,offset" and "type#name#country#..." items: the name part.
    const auto gdelt_name = [](std::string_view item) {
        if (const auto hash = item.find('#'); hash != std::string_view::npos) {
            item.remove_prefix(hash + 1);
            item = item.substr(0, item.find('#'));
        }
        if (const auto comma = item.rfind(',');
            comma != std::string_view::npos && comma + 1 < item.size() &&
            std::all_of(item.begin() + comma + 1, item.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            item = item.substr(0, comma);
        return std::string(item);
    };
    const auto add_item = [&](EntityKind kind, const json& item) {
        if (item.is_string()) {
            add(kind, item.get<std::string>(), 1);
        } else if (item.is_object()) {
            const json* count = field(item, {"count", "mentions", "frequency"});
            add(kind, string_value(field(item, {"name", "text", "entity", "value"})),
                count && count->is_number_integer() ? count->get<int>() : 1);
        }
    };
    if (value->is_object()) {
        for (const auto& [key, list] : value->items()) {
            const auto kind = kind_of_label(key);
            if (!kind) continue;
            if (list.is_array()) {
                for (const auto& item : list) add_item(*kind, item);
            } else if (list.is_string()) {
                std::string_view names = list.get_ref<const std::string&>();
                while (!names.empty()) {
                    const auto end = std::min(names.find(';'), names.size());
                    add(*kind, gdelt_name(names.substr(0, end)), 1);
                    names.remove_prefix(std::min(end + 1, names.size()));
                }
            }
        }
    } else if (value->is_array()) {
        for (const auto& item : *value) {
            if (!item.is_object()) continue;
            const auto kind = kind_of_label(string_value(field(item, {"label", "type", "kind"})));
            if (kind) add_item(*kind, item);
        }
    } else {
        warnings.push_back(where + ": \"entities\" is neither an object nor an array; ignored");
        return std::nullopt;
    }
    if (too_long)
        warnings.push_back(where + ": entity names over " + std::to_string(kMaxGivenEntityBytes) +
                           " bytes skipped");
    std::stable_sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.count != b.count) return a.count > b.count;
        return a.name < b.name;
    });
    return entities;
}

// The article of one record; nothing (and a warning saying `where`) when it has neither
// title nor body.
std::optional<Article> article_of(const json& record, std::string id, const std::string& where,
                                  std::vector<std::string>& warnings) {
    if (!record.is_object()) {
        warnings.push_back(where + ": not a JSON object");
        return std::nullopt;
    }
    Article article;
    article.id = std::move(id);
    std::vector<std::string> paragraphs = body_paragraphs(record);
    article.title = make_title(text_field(record, {"title", "headline"}));
    if (article.title.empty() && paragraphs.empty()) {
        warnings.push_back(where + ": no title or body");
        return std::nullopt;
    }
    if (article.title.empty()) article.title = make_title(paragraphs.front());
    article.subtitle = text_field(record, {"subtitle", "description", "summary"});
    article.date = date_of(field(record, {"date", "published", "published_at", "pubDate"}));
    for (std::size_t i = 0; !article.date && i < paragraphs.size() && i < kDateLineParagraphs; ++i)
        if (const auto date = parse_date_line(paragraphs[i])) {
            article.date = date;
            paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
        }
    drop_trailing_boilerplate(paragraphs);
    article.body = join_paragraphs(paragraphs);
    article.url = text_field(record, {"url", "link"});
    article.source = text_field(record, {"source", "site"});
    if (article.source.empty())  // {"source": {"name": "VOA"}}
        if (const json* source = field(record, {"source"}); source && source->is_object())
            article.source = text_field(*source, {"name"});
    article.author = author_of(field(record, {"author", "authors"}));
    article.language = text_field(record, {"language", "lang", "inLanguage"});
    article.given_entities = given_entities(record, where, warnings);
    return article;
}

// No article at all: the first problem says why.
[[noreturn]] void throw_nothing_read(const std::vector<std::string>& warnings,
                                     std::size_t first_own) {
    if (warnings.size() <= first_own) throw Error(ErrorKind::bad_input, "no articles in the file");
    std::string message = warnings[first_own];
    if (const std::size_t more = warnings.size() - first_own - 1; more > 0)
        message += " (and " + std::to_string(more) + " more problem" + (more > 1 ? "s" : "") + ")";
    throw Error(ErrorKind::bad_input, message);
}

}  // namespace

bool json_too_deep(std::string_view text) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

std::vector<Article> read_json(std::string_view text, std::string_view id,
                               std::vector<std::string>& warnings) {
    if (json_too_deep(text)) throw Error(ErrorKind::bad_input, too_deep_message());
    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::exception& error) {
        throw Error(ErrorKind::bad_input, "malformed JSON (" + describe(error) + ")");
    }
    const std::size_t first_own = warnings.size();
    std::vector<Article> articles;
    if (document.is_array()) {
        // Ids follow array positions, so they stay put when a neighbour is skipped.
        const bool several = document.size() > 1;
        for (std::size_t i = 0; i < document.size(); ++i) {
            const std::string record_name = "record " + std::to_string(i + 1);
            auto article = article_of(document[i], several ? record_id(id, i + 1) : std::string(id),
                                      record_name, warnings);
            if (article) articles.push_back(std::move(*article));
        }
    } else if (document.is_object()) {
        if (auto article = article_of(document, std::string(id), "the JSON object", warnings))
            articles.push_back(std::move(*article));
    } else {
        throw Error(ErrorKind::bad_input, "not a JSON object or array of objects");
    }
    if (articles.empty()) throw_nothing_read(warnings, first_own);
    return articles;
}

std::optional<Article> read_jsonl_line(std::string_view line, std::size_t line_number,
                                       std::string_view id, std::vector<std::string>& warnings) {
    const std::string where = "line " + std::to_string(line_number);
    if (json_too_deep(line)) {
        warnings.push_back(where + ": " + too_deep_message());
        return std::nullopt;
    }
    json record;
    try {
        record = json::parse(line.begin(), line.end());
    } catch (const json::exception& error) {
        warnings.push_back(where + ": malformed JSON (" + describe(error) + ")");
        return std::nullopt;
    }
    return article_of(record, record_id(id, line_number), where, warnings);
}

std::vector<Article> read_jsonl(std::string_view text, std::string_view id,
                                std::vector<std::string>& warnings) {
    const std::size_t first_own = warnings.size();
    std::vector<Article> articles;
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        ++line_number;
        if (line.empty()) continue;
        if (auto article = read_jsonl_line(line, line_number, id, warnings))
            articles.push_back(std::move(*article));
    }
    if (articles.empty()) throw_nothing_read(warnings, first_own);
    return articles;
}

}  // namespace newsindex::readers
