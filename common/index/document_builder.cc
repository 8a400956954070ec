#include "common/index/document_builder.h"

#include <string>

#include "common/index/entity_document.h"
#include "common/index/entity_terms.h"
#include "common/index/possessives.h"
#include "common/index/schema.h"
#include "common/index/spelling.h"
#include "common/index/stored_article.h"

namespace newsindex {

namespace {

void add_boolean_term(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
    if (const auto term = schema::boolean_term(prefix, value); !term.empty())
        doc.add_boolean_term(term);
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
    term_generator_.set_stemmer(Xapian::Stem(std::string(schema::kLanguage)));
}

ArticleDocument DocumentBuilder::build(const Article& article, const ArticleOrigin& origin,
                                       const EntityTable& table) {
    Xapian::Document doc;
    term_generator_.set_document(doc);
    term_generator_.set_termpos(0);

    const std::string title = strip_possessives(article.title);
    term_generator_.index_text(title, schema::kTitleWeight);
    term_generator_.increase_termpos(schema::kFieldGap);
    term_generator_.index_text(title, 1, std::string(schema::kTitlePrefix));
    term_generator_.increase_termpos(schema::kFieldGap);
    term_generator_.index_text(strip_possessives(article.subtitle), schema::kSubtitleWeight);
    term_generator_.increase_termpos(schema::kFieldGap);
    term_generator_.index_text(strip_possessives(article.body));

    const std::string file_key = origin.key();
    std::string id_term = schema::id_term(origin.article_key(article.id));
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::file_term(file_key));
    doc.add_boolean_term(schema::root_term(origin.root));
    doc.add_value(schema::kFileKeySlot, file_key);
    doc.add_value(schema::kFileSizeSlot, std::to_string(origin.size));
    doc.add_value(schema::kFileMtimeSlot, std::to_string(origin.mtime_ns));
    if (!origin.content_hash.empty()) doc.add_value(schema::kFileHashSlot, origin.content_hash);
    if (article.date) {
        const std::string compact = article.date->compact();
        doc.add_value(schema::kDateSlot, compact);
        add_boolean_term(doc, schema::kYearPrefix, compact.substr(0, 4));
        add_boolean_term(doc, schema::kMonthPrefix, compact.substr(0, 6));
        add_boolean_term(doc, schema::kOmegaDayPrefix, compact);
        add_boolean_term(doc, schema::kOmegaMonthPrefix, compact.substr(0, 6));
        add_boolean_term(doc, schema::kOmegaYearPrefix, compact.substr(0, 4));
    }
    if (const auto source = source_term(article.source); !source.empty())
        doc.add_boolean_term(source);
    add_entity_evidence(doc, article.entities);
    Article stored = article;
    stored.raw_entities.clear();
    for (const auto& entity : article.entities)
        stored.raw_entities.push_back({entity.kind, entity.name});
    const auto entities = resolve_entities(stored.raw_entities, table);
    set_entity_terms(doc, entities);
    stored.entities.clear();
    for (const auto& entity : entities) {
        Entity e;
        e.kind = entity.kind;
        e.name = entity.name;
        stored.entities.push_back(std::move(e));
    }

    doc.set_data(encode_stored_article(stored));
    // Xapian counts references to a document without atomics, and the writer's thread
    // takes this one over: the generator must hold none once it is handed on.
    term_generator_.set_document(Xapian::Document());
    std::vector<std::string> words = spelling_words(doc);
    return {std::move(id_term), std::move(doc), std::move(words)};
}

}  // namespace newsindex
