#include "common/index/file_job.h"

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/index/article_entities.h"
#include "common/index/schema.h"
#include "common/index/tag_cache.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_reader.h"

namespace newsindex {

namespace {

// The article's entities: those the evidence pass tagged, else tagged now.
std::vector<Entity> entities_of(const Article& article, const ArticleOrigin& origin,
                                const EntityExtractor& extractor, TagCache* tags) {
    if (tags != nullptr)
        if (auto kept = tags->take(origin, article.id)) return std::move(*kept);
    return article_entities(extractor, article);
}

bool is_blank(std::string_view bytes) {
    return bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

FileJobResult run_file_job(FileJob job, const EntityExtractor* extractor, const EntityTable& table,
                           TagCache* tags, std::string_view default_language) {
    using Outcome = FileJobResult::Outcome;
    FileJobResult result;
    result.job = std::move(job);
    ArticleOrigin& origin = result.job.origin;
    ReadResult parsed;
    try {
        // One read: with --verify the hash of these bytes decides whether anything changed.
        const FileContent content = read_file(origin.path, origin.format);
        if (result.job.verify) {
            origin.content_hash = content_hash(content.bytes);
            const auto& indexed = result.job.indexed;
            if (indexed && indexed->content_hash == origin.content_hash &&
                indexed->metadata_state == origin.metadata_state) {
                result.outcome = Outcome::unchanged;
                return result;
            }
        }
        if (is_blank(content.bytes)) {
            result.outcome = Outcome::emptied;
            return result;
        }
        result.truncated = !content.truncation.empty();
        parsed = parse_file(content, origin);
    } catch (const Error& e) {
        result.outcome = Outcome::failed;
        result.error = e.what();
        return result;
    }
    result.warnings = std::move(parsed.warnings);
    // A builder keeps a TermGenerator: one per thread, reused across files.
    thread_local DocumentBuilder builder;
    result.documents.reserve(parsed.articles.size());
    for (auto& article : parsed.articles) {
        if (extractor != nullptr) article.entities = entities_of(article, origin, *extractor, tags);
        result.documents.push_back(builder.build(article, origin, table, default_language));
    }
    return result;
}

FileJobResult run_record_job(const RecordJob& job, const EntityExtractor* extractor,
                             const EntityTable& table, TagCache* tags,
                             std::string_view default_language) {
    FileJobResult result;
    result.job.origin = job.origin;
    thread_local DocumentBuilder builder;
    result.documents.reserve(job.records.size());
    for (const FileRecord& record : job.records) {
        // What the metadata tables say of the file decides its articles as much as its bytes.
        const std::string state = record_state(record, job.origin.metadata_state);
        for (auto& article : parse_record(record, job.origin, result.warnings)) {
            if (extractor != nullptr)
                article.entities = entities_of(article, job.origin, *extractor, tags);
            ArticleDocument document = builder.build(article, job.origin, table, default_language);
            document.document.add_value(schema::kRecordSlot, state);
            result.documents.push_back(std::move(document));
        }
    }
    return result;
}

}  // namespace newsindex
