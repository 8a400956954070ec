// Turns an Article into the Xapian document the schema describes.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/base/article.h"
#include "common/index/entity_table.h"
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
    // entities.
    ArticleDocument build(const Article& article, const ArticleOrigin& origin,
                          const EntityTable& table = {});

private:
    Xapian::TermGenerator term_generator_;
};

}  // namespace newsindex
