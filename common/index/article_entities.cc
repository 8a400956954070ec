#include "common/index/article_entities.h"

#include <algorithm>
#include <string>

#include "common/base/entity_key.h"
#include "common/ner/entity_extractor.h"

namespace newsindex {

namespace {

// The keys of the article's authors: "Ann Lee, Bo Ma and Cy Ng" names three.
std::vector<std::string> author_keys(std::string_view author) {
    std::vector<std::string> keys;
    const auto add = [&](std::string_view name) {
        std::string key = entity_key(name);
        if (key.starts_with("by ")) key.erase(0, 3);
        if (key.find(' ') != std::string::npos) keys.push_back(std::move(key));
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i <= author.size(); ++i) {
        std::size_t skip = 0;
        if (i == author.size() || author[i] == ',' || author[i] == ';' || author[i] == '(' ||
            author[i] == ')')
            skip = 1;
        else
            for (const std::string_view separator : {" and ", " & ", " with "})
                if (author.substr(i).starts_with(separator)) skip = separator.size();
        if (skip == 0) continue;
        add(author.substr(start, i - start));
        start = i + skip;
        i = start - 1;
    }
    return keys;
}

}  // namespace

std::vector<Entity> article_entities(const EntityExtractor& extractor, const Article& article) {
    if (article.given_entities) return *article.given_entities;
    if (!extractor.tags(article.language)) return {};
    std::vector<Entity> entities = extractor.extract(article);
    // The author wrote the story and is no one in it: a byline, an author box or a
    // newsletter pitch left in the text ("Sign up for ... from Alex Heath") is furniture.
    const auto authors = author_keys(article.author);
    if (!authors.empty())
        std::erase_if(entities, [&](const Entity& e) {
            return std::find(authors.begin(), authors.end(), entity_key(e.name)) != authors.end();
        });
    return entities;
}

}  // namespace newsindex
