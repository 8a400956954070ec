#include "common/index/stored_article.h"

#include <nlohmann/json.hpp>

#include "common/base/error.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

using nlohmann::json;

std::string key(std::string_view k) {
    return std::string(k);
}

std::string string_field(const json& object, std::string_view name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Calls fn(kind, name) for each name of an {"person": [...], ...} object.
template <typename Fn>
void for_each_entity(const json& object, std::string_view field, Fn&& fn) {
    const auto it = object.find(field);
    if (it == object.end() || !it->is_object()) return;
    for (const auto kind : kEntityKinds) {
        const auto names = it->find(entity_kind_name(kind));
        if (names == it->end() || !names->is_array()) continue;
        for (const auto& name : *names)
            if (name.is_string()) fn(kind, name.get<std::string>());
    }
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
    const json object = json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) throw Error(ErrorKind::corrupt, "document data is not a JSON object");
    Article article;
    article.id = string_field(object, schema::kDataId);
    article.path = string_field(object, schema::kDataPath);
    article.title = string_field(object, schema::kDataTitle);
    article.subtitle = string_field(object, schema::kDataSubtitle);
    article.body = string_field(object, schema::kDataBody);
    article.source = string_field(object, schema::kDataSource);
    article.url = string_field(object, schema::kDataUrl);
    article.author = string_field(object, schema::kDataAuthor);
    article.language = string_field(object, schema::kDataLanguage);
    article.date = parse_date(string_field(object, schema::kDataDate));
    for_each_entity(object, schema::kDataEntities, [&](EntityKind kind, std::string name) {
        Entity entity;
        entity.kind = kind;
        entity.name = std::move(name);
        article.entities.push_back(std::move(entity));
    });
    for_each_entity(object, schema::kDataRawEntities, [&](EntityKind kind, std::string name) {
        article.raw_entities.push_back({kind, std::move(name)});
    });
    return article;
}

}  // namespace newsindex
