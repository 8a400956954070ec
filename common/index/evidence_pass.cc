#include "common/index/evidence_pass.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "common/base/error.h"
#include "common/base/ordered_work.h"
#include "common/index/article_entities.h"
#include "common/index/entity_document.h"
#include "common/index/tag_cache.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_origin.h"
#include "common/read/article_reader.h"
#include "common/read/corpus_walker.h"
#include "common/read/file_records.h"

namespace newsindex {

namespace {

// The article's evidence terms; its entities are kept in `tags` when set.
std::vector<std::string> tagged_evidence(const ArticleOrigin& file, const Article& article,
                                         const EntityExtractor& extractor, TagCache* tags) {
    std::vector<Entity> entities = article_entities(extractor, article);
    std::vector<std::string> terms = entity_evidence_terms(entities);
    if (tags != nullptr) tags->put(file, article.id, std::move(entities));
    return terms;
}

// The evidence terms of each article of a file; none when it cannot be read.
std::vector<std::vector<std::string>> file_evidence(const ArticleOrigin& file,
                                                    const EntityExtractor& extractor,
                                                    TagCache* tags) {
    std::vector<std::vector<std::string>> articles;
    try {
        for (auto& article : parse_file(read_file(file.path, file.format), file).articles)
            articles.push_back(tagged_evidence(file, article, extractor, tags));
    } catch (const Error&) {
        // The build's own pass reports it.
    }
    return articles;
}

using ArticleTerms = std::vector<std::vector<std::string>>;

// The evidence terms of the articles of some records of a file (file_records.h).
ArticleTerms records_evidence(const std::vector<FileRecord>& records, const ArticleOrigin& file,
                              const EntityExtractor& extractor, TagCache* tags) {
    ArticleTerms articles;
    std::vector<std::string> warnings;  // the build's own pass reports them
    for (const auto& record : records)
        for (const auto& article : parse_record(record, file, warnings))
            articles.push_back(tagged_evidence(file, article, extractor, tags));
    return articles;
}

// Submits a file read record by record in stretches, as the build reads it (bounded
// memory, every core on one large file); false when it is read whole after all.
template <typename Work, typename Count>
bool submit_records(const ArticleOrigin& file, const EntityExtractor& extractor, TagCache* tags,
                    Work& work, Count& count) {
    constexpr std::size_t kRecordsPerTask = 256;
    constexpr std::size_t kBytesPerTask = std::size_t{8} << 20;
    try {
        const std::unique_ptr<RecordReader> reader = open_records(file);
        if (!reader) return false;
        std::vector<FileRecord> records;
        std::size_t bytes = 0;
        const auto submit = [&] {
            work.submit(
                [&extractor, tags, file, records = std::move(records)] {
                    return records_evidence(records, file, extractor, tags);
                },
                count);
            records.clear();
            bytes = 0;
        };
        while (auto record = reader->next()) {
            bytes += record->bytes.size();
            records.push_back(std::move(*record));
            if (records.size() == kRecordsPerTask || bytes >= kBytesPerTask) submit();
        }
        if (!records.empty()) submit();
    } catch (const Error&) {
        // The build's own pass reports it.
    }
    return true;
}

}  // namespace

EntityEvidence gather_entity_evidence(const std::vector<std::filesystem::path>& roots,
                                      const EntityExtractor& extractor, std::size_t threads,
                                      const std::atomic<bool>* stop_requested,
                                      const std::function<void(std::size_t)>& progress,
                                      TagCache* tags, const MetadataTables* metadata) {
    const auto stopped = [&] { return stop_requested != nullptr && stop_requested->load(); };
    std::unordered_map<std::string, std::uint32_t> articles_with;
    OrderedWork<std::vector<std::vector<std::string>>> work(threads,
                                                            4 * std::max<std::size_t>(threads, 1));
    std::size_t files_read = 0;
    // A stretch of records counts as a file read: progress moves along it.
    const auto count = [&](std::vector<std::vector<std::string>>&& articles) {
        for (const auto& terms : articles)
            for (const auto& term : terms) ++articles_with[term];
        progress(++files_read);
    };
    for (const auto& given : roots) {
        std::error_code ec;
        const auto root = resolve_corpus_root(given, ec);
        if (!root || stopped()) continue;
        const WalkCallbacks callbacks{
            [&](const ArticleOrigin& found) {
                ArticleOrigin file = found;
                file.metadata = metadata;
                if (is_record_format(file.format) &&
                    submit_records(file, extractor, tags, work, count))
                    return !stopped();
                if (file.format != ArticleFormat::unsupported)
                    work.submit(
                        [&extractor, tags, file] { return file_evidence(file, extractor, tags); },
                        count);
                return !stopped();
            },
            [](const std::filesystem::path&, const std::string&) {}};
        walk_corpus(*root, callbacks);
    }
    work.drain(count);
    // In term order, as the index lists its terms: the table is the same either way.
    std::vector<std::pair<std::string, std::uint32_t>> terms(articles_with.begin(),
                                                             articles_with.end());
    std::sort(terms.begin(), terms.end());
    EntityEvidence evidence;
    for (const auto& [term, articles] : terms) add_evidence_term(evidence, term, articles);
    return evidence;
}

}  // namespace newsindex
