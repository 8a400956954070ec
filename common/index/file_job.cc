#include "common/index/file_job.h"

#include "common/base/content_hash.h"
#include "common/base/error.h"
#include "common/index/article_entities.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_reader.h"

namespace newsindex {

namespace {

bool is_blank(std::string_view bytes) {
    return bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

FileJobResult run_file_job(FileJob job, const EntityExtractor* extractor,
                           const EntityTable& table) {
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
            if (indexed && indexed->content_hash == origin.content_hash) {
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
        if (extractor != nullptr) article.entities = article_entities(*extractor, article);
        result.documents.push_back(builder.build(article, origin, table));
    }
    return result;
}

}  // namespace newsindex
