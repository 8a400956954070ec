#include "common/index/stored_article.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/base/date.h"
#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

using nlohmann::json;

std::string key(std::string_view k) {
    return std::string(k);
}

// `text` on one line: Omega's fields end at a newline, and runs of white space are one
// space in a caption or a sample anyway.
std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    for (const char c : text) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (!space)
            line += c;
        else if (!line.empty() && line.back() != ' ')
            line += ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

// The start of the body for Omega's sample field: at most kOmegaSampleBytes, cut after a
// whole word (and never inside a UTF-8 sequence).
std::string sample_of(std::string_view body) {
    std::string sample = one_line(body.substr(0, 2 * schema::kOmegaSampleBytes));
    if (sample.size() <= schema::kOmegaSampleBytes) return sample;
    sample.resize(
        utf8::complete_prefix(std::string_view(sample).substr(0, schema::kOmegaSampleBytes)));
    if (const auto space = sample.rfind(' '); space != std::string::npos && space > 0)
        sample.resize(space);
    return sample + " ...";
}

void add_field(std::string& data, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    data += name;
    data += '=';
    data += value;
    data += '\n';
}

// The JSON line of document data, or the whole of it when it is one JSON object (as
// schema 6 and before stored it).
std::string_view json_part(std::string_view data) {
    if (data.starts_with('{')) return data;
    const std::string field = std::string(schema::kDataJsonField) + '=';
    std::size_t at = data.starts_with(field) ? 0 : data.find('\n' + field);
    if (at == std::string_view::npos) return {};
    at += data[at] == '\n' ? field.size() + 1 : field.size();
    const std::size_t end = data.find('\n', at);
    return data.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

}  // namespace

std::string encode_stored_article(const Article& article) {
    json data = {
        {key(schema::kDataId), article.id},
        {key(schema::kDataPath), article.path},
        {key(schema::kDataTitle), article.title},
        {key(schema::kDataBody), article.body},
    };
    const auto add_if_set = [&data](std::string_view name, const std::string& value) {
        if (!value.empty()) data[key(name)] = value;
    };
    add_if_set(schema::kDataSubtitle, article.subtitle);
    add_if_set(schema::kDataSource, article.source);
    add_if_set(schema::kDataUrl, article.url);
    add_if_set(schema::kDataAuthor, article.author);
    add_if_set(schema::kDataLanguage, article.language);
    if (article.date) data[key(schema::kDataDate)] = article.date->iso();
    if (!article.keywords.empty()) data[key(schema::kDataKeywords)] = article.keywords;
    if (!article.entities.empty()) {
        json entities = json::object();
        for (const auto& entity : article.entities)
            entities[key(entity_kind_name(entity.kind))].push_back(entity.name);
        data[key(schema::kDataEntities)] = std::move(entities);
    }
    if (!article.raw_entities.empty()) {
        json entities = json::object();
        for (const auto& entity : article.raw_entities)
            entities[key(entity_kind_name(entity.kind))].push_back(entity.name);
        data[key(schema::kDataRawEntities)] = std::move(entities);
    }
    // What Omega's templates show (schema.h), then the article itself.
    std::string fields;
    add_field(fields, schema::kOmegaCaptionField, one_line(article.title));
    add_field(fields, schema::kOmegaSampleField, sample_of(article.body));
    add_field(fields, schema::kOmegaUrlField,
              !article.url.empty()   ? one_line(article.url)
              : article.path.empty() ? std::string()
                                     : "file://" + one_line(article.path));
    if (article.date)
        if (const auto epoch = make_date(1970, 1, 1))
            add_field(fields, schema::kOmegaModtimeField,
                      std::to_string(days_between(*epoch, *article.date) * 86400L));
    // Replace invalid UTF-8 rather than throw: the readers already repair text, and a
    // stray byte must never cost an article. A JSON dump has no raw newline.
    add_field(fields, schema::kDataJsonField,
              data.dump(-1, ' ', false, json::error_handler_t::replace));
    return fields;
}

Article decode_stored_article(const std::string& data) {
    // One parser per thread, reused: its buffers grow to the largest article once.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object object;
    const std::string_view part = json_part(data);
    if (part.empty() || parser.parse(part.data(), part.size()).get(object) != simdjson::SUCCESS)
        throw Error(ErrorKind::corrupt, "document data is not a JSON object");
    const auto string_field = [&](std::string_view name) {
        std::string_view value;
        return object[name].get(value) == simdjson::SUCCESS ? std::string(value) : std::string();
    };
    Article article;
    article.id = string_field(schema::kDataId);
    article.path = string_field(schema::kDataPath);
    article.title = string_field(schema::kDataTitle);
    article.subtitle = string_field(schema::kDataSubtitle);
    article.body = string_field(schema::kDataBody);
    article.source = string_field(schema::kDataSource);
    article.url = string_field(schema::kDataUrl);
    article.author = string_field(schema::kDataAuthor);
    article.language = string_field(schema::kDataLanguage);
    article.date = parse_date(string_field(schema::kDataDate));
    if (simdjson::dom::array keywords;
        object[schema::kDataKeywords].get(keywords) == simdjson::SUCCESS)
        for (const auto keyword : keywords) {
            std::string_view text;
            if (keyword.get(text) == simdjson::SUCCESS) article.keywords.emplace_back(text);
        }
    // Calls fn(kind, name) for each name of an {"person": [...], ...} object.
    const auto for_each_entity = [&](std::string_view field, auto&& fn) {
        simdjson::dom::object kinds;
        if (object[field].get(kinds) != simdjson::SUCCESS) return;
        for (const auto kind : kEntityKinds) {
            simdjson::dom::array names;
            if (kinds[entity_kind_name(kind)].get(names) != simdjson::SUCCESS) continue;
            for (const auto name : names) {
                std::string_view text;
                if (name.get(text) == simdjson::SUCCESS) fn(kind, std::string(text));
            }
        }
    };
    for_each_entity(schema::kDataEntities, [&](EntityKind kind, std::string name) {
        Entity entity;
        entity.kind = kind;
        entity.name = std::move(name);
        article.entities.push_back(std::move(entity));
    });
    for_each_entity(schema::kDataRawEntities, [&](EntityKind kind, std::string name) {
        article.raw_entities.push_back({kind, std::move(name)});
    });
    return article;
}

}  // namespace newsindex
