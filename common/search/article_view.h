// One article as a reader sees it: its whole stored text, the query's words and the
// entities' mentions marked as spans (front ends render them), and articles like it.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/base/date.h"
#include "common/search/mentions.h"
#include "common/search/snippet.h"

namespace newsindex {

struct ArticleRequest {
    std::string id;     // as a hit shows it (an id, or a path under an indexed root)
    std::string query;  // whose words are marked; empty: none
    bool match_any = false;
    Xapian::doccount related = 5;  // "more like this" titles wanted
};

// An article like the one shown, by title.
struct RelatedArticle {
    std::string id;
    std::string title;
    std::optional<Date> date;
};

struct ArticleView {
    Article article;     // with its whole body; entities: the archive-wide names
    std::string folder;  // top_folder(article.id)
    std::vector<HighlightSpan> title_highlights;  // the query's words in article.title
    std::vector<HighlightSpan> body_highlights;   // and in article.body
    std::vector<MentionSpan> mentions;            // the entities' mentions in article.body
    std::vector<RelatedArticle> related;
};

// The folder an article came from under its indexed root ("reuters" of
// "reuters/1987/reut2-000.sgm#12"), what a hit without a source shows instead of its
// file's name; empty for a file at the root.
std::string top_folder(std::string_view id);

// The view of a stored article: `article` as decoded (with its body), the query's words
// marked by `terms`, mentions of its entities found in the body. `lookup` gives the entity
// a name of the article's own tagging stands for now (the archive may have merged it):
// a function so that this needs no index.
template <typename Lookup>
ArticleView make_article_view(Article article, const SnippetTerms& terms, Lookup&& lookup);

// What make_article_view does, with the names already paired with their entities.
ArticleView mark_article(Article article, const SnippetTerms& terms,
                         const std::vector<MentionForm>& names);

template <typename Lookup>
ArticleView make_article_view(Article article, const SnippetTerms& terms, Lookup&& lookup) {
    std::vector<MentionForm> names;
    const auto is_entity = [&](EntityKind kind, const std::string& name) {
        for (const auto& entity : article.entities)
            if (entity.kind == kind && entity.name == name) return true;
        return false;
    };
    for (const auto& raw : article.raw_entities) {
        std::optional<std::string> entity = lookup(raw.kind, raw.name);
        if (!entity && is_entity(raw.kind, raw.name)) entity = raw.name;
        // A name the archive no longer counts as an entity (an alias file's suppression)
        // is no mention.
        if (entity && is_entity(raw.kind, *entity)) names.push_back({raw.kind, raw.name, *entity});
    }
    for (const auto& entity : article.entities)
        names.push_back({entity.kind, entity.name, entity.name});
    return mark_article(std::move(article), terms, names);
}

}  // namespace newsindex
