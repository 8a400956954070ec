// Turns an Article into the Xapian document the schema describes.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/index/entity_table.h"
#include "common/index/schema.h"
#include "common/read/article_origin.h"

namespace newsindex {

// A document ready for the index, with the unique term it is stored under.
struct ArticleDocument {
    std::string id_term;
    Xapian::Document document;
    // Its words for the spelling dictionary (spelling.h), found by the thread that built
    // it rather than by the one that writes it.
    std::vector<std::string> spelling_words;
};

// Holds a TermGenerator, which keeps state between documents, so a builder serves one
// thread at a time.
class DocumentBuilder {
public:
    DocumentBuilder();

    // The article's text, entity and date terms, its values and stored fields, and the
    // origin's id, file and root terms with the file state incremental builds compare.
    // The article's entities go in as evidence and, through `table`, as the archive's
    // entities. Its words are stemmed in its language (`default_language` when it has
    // none known), and words with accents gain folded variants (language_terms.h).
    ArticleDocument build(const Article& article, const ArticleOrigin& origin,
                          const EntityTable& table = {},
                          std::string_view default_language = schema::kDefaultLanguage);

private:
    void use_language(const std::string& language);
    Xapian::TermGenerator term_generator_;
    std::string language_;
    Xapian::Stem stemmer_;
};

}  // namespace newsindex
