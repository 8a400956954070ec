// Which entities an article gives the index: the file's own when it has them (a JSON
// record's "entities"), none when no model reads its language (a model trained on
// English reads other languages' capitals as names), else the tagger's. Every path that tags
// (build, the evidence pass, `show`, `entities`) goes through here, so they agree.
#pragma once

#include <vector>

#include "common/base/article.h"
#include "common/base/entity.h"

namespace newsindex {

class EntityExtractor;

std::vector<Entity> article_entities(const EntityExtractor& extractor, const Article& article);

}  // namespace newsindex
