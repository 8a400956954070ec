#include "common/index/document_builder.h"

#include <string>

#include "common/index/entity_document.h"
#include "common/index/entity_terms.h"
#include "common/index/language_terms.h"
#include "common/index/possessives.h"
#include "common/index/schema.h"
#include "common/index/spelling.h"
#include "common/index/stored_article.h"
#include "common/index/story_assigner.h"
#include "common/read/language.h"

namespace newsindex {

namespace {

void add_boolean_term(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
    if (const auto term = schema::boolean_term(prefix, value); !term.empty())
        doc.add_boolean_term(term);
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
    // Chinese, Japanese and Korean text, which has no spaces between words, as n-grams
    // of one and two characters, in whatever language the article is said to be.
    term_generator_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void DocumentBuilder::use_language(const std::string& language) {
    if (language == language_) return;
    language_ = language;
    stemmer_ = stemmer_for(language);
    term_generator_.set_stemmer(stemmer_);
}

ArticleDocument DocumentBuilder::build(const Article& article, const ArticleOrigin& origin,
                                       const EntityTable& table,
                                       std::string_view default_language) {
    const std::string language = effective_language(article.language, default_language);
    use_language(language);
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
    // Keywords are words of the article too, apart from its text (no phrase spans them).
    for (const auto& keyword : article.keywords) {
        term_generator_.increase_termpos(schema::kFieldGap);
        term_generator_.index_text(keyword);
    }
    add_folded_terms(doc, stemmer_);
    add_boolean_term(doc, schema::kLanguagePrefix, language);
    doc.add_value(schema::kLanguageSlot, language);

    const std::string file_key = origin.key();
    std::string id_term = schema::id_term(origin.article_key(article.id));
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::file_term(file_key));
    doc.add_boolean_term(schema::root_term(origin.root));
    doc.add_value(schema::kFileKeySlot, file_key);
    doc.add_value(schema::kFileSizeSlot, std::to_string(origin.size));
    doc.add_value(schema::kFileMtimeSlot, std::to_string(origin.mtime_ns));
    if (!origin.content_hash.empty()) doc.add_value(schema::kFileHashSlot, origin.content_hash);
    if (!origin.metadata_state.empty()) doc.add_value(schema::kMetadataSlot, origin.metadata_state);
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
    for (const auto& keyword : article.keywords)
        if (const auto term = keyword_term(keyword); !term.empty()) doc.add_boolean_term(term);
    add_entity_evidence(doc, article.entities);
    // The writer gives the article its story (index_writer.cc); the fingerprint it
    // compares is made here, on the builder's thread.
    stories::add_fingerprint(doc, article.body);
    Article stored = article;
    stored.language = language;
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
