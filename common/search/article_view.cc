#include "common/search/article_view.h"

#include <utility>

namespace newsindex {

std::string top_folder(std::string_view id) {
    const auto slash = id.find('/');
    if (slash == std::string_view::npos || slash == 0) return {};
    return std::string(id.substr(0, slash));
}

ArticleView mark_article(Article article, const SnippetTerms& terms,
                         const std::vector<MentionForm>& names) {
    ArticleView view;
    view.folder = top_folder(article.id);
    view.title_highlights = highlight_words(terms, article.title);
    view.body_highlights = highlight_words(terms, article.body);
    view.mentions = find_mentions(article.body, mention_forms(names));
    view.article = std::move(article);
    return view;
}

}  // namespace newsindex
