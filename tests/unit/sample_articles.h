// Articles made in code for the unit tests, and where they say they came from.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/base/article.h"
#include "common/base/date.h"
#include "common/read/article_origin.h"

namespace newsindex::testing {

inline Article make_article(std::string id, std::string title, std::string body,
                            std::optional<Date> date, std::vector<Entity> entities = {}) {
    Article a;
    a.id = std::move(id);
    a.path = "/news/" + a.id;
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = date;
    a.entities = std::move(entities);
    return a;
}

inline Entity entity(EntityKind kind, std::string name) {
    Entity e;
    e.kind = kind;
    e.name = std::move(name);
    e.count = 1;
    return e;
}
inline Entity person(std::string name) {
    return entity(EntityKind::person, std::move(name));
}
inline Entity place(std::string name) {
    return entity(EntityKind::place, std::move(name));
}

// The article as a file under the root /news, named by its id.
inline ArticleOrigin origin_of(const Article& a) {
    ArticleOrigin origin;
    origin.root = "/news";
    origin.relative = a.id;
    return origin;
}

}  // namespace newsindex::testing
