#include "common/index/article_entities.h"

#include "common/ner/entity_extractor.h"
#include "common/read/language.h"

namespace newsindex {

std::vector<Entity> article_entities(const EntityExtractor& extractor, const Article& article) {
    if (article.given_entities) return *article.given_entities;
    if (!taggable_language(article.language)) return {};
    return extractor.extract(article);
}

}  // namespace newsindex
