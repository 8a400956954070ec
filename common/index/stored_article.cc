#include "common/index/stored_article.h"

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "common/base/error.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

using nlohmann::json;

std::string key(std::string_view k) {
    return std::string(k);
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
    if (article.date) data[key(schema::kDataDate)] = article.date->iso();
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
    // Replace invalid UTF-8 rather than throw: the readers already repair text, and a
    // stray byte must never cost an article.
    return data.dump(-1, ' ', false, json::error_handler_t::replace);
}

Article decode_stored_article(const std::string& data) {
    // One parser per thread, reused: its buffers grow to the largest article once.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(data).get(object) != simdjson::SUCCESS)
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
    article.date = parse_date(string_field(schema::kDataDate));
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
