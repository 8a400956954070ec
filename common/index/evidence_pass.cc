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
#include "common/read/jsonl_lines.h"

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

// The evidence terms of the articles on some lines of a JSON Lines file.
ArticleTerms lines_evidence(const std::vector<JsonlLine>& lines, const ArticleOrigin& file,
                            const EntityExtractor& extractor, TagCache* tags) {
    ArticleTerms articles;
    std::vector<std::string> warnings;  // the build's own pass reports them
    for (const auto& line : lines)
        if (auto article = parse_jsonl_line(line, file, warnings))
            articles.push_back(tagged_evidence(file, *article, extractor, tags));
    return articles;
}

// Submits a JSON Lines file line by line, in stretches, as the build reads it (bounded
// memory, every core on one large file); false when it is not read by lines.
template <typename Work, typename Count>
bool submit_jsonl(const ArticleOrigin& file, const EntityExtractor& extractor, TagCache* tags,
                  Work& work, Count& count) {
    constexpr std::size_t kLinesPerTask = 256;
    try {
        JsonlLineReader reader(file.path);
        if (!reader.streamable()) return false;
        std::vector<JsonlLine> lines;
        const auto submit = [&] {
            work.submit(
                [&extractor, tags, file, lines = std::move(lines)] {
                    return lines_evidence(lines, file, extractor, tags);
                },
                count);
            lines.clear();
        };
        while (auto line = reader.next()) {
            lines.push_back(std::move(*line));
            if (lines.size() == kLinesPerTask) submit();
        }
        if (!lines.empty()) submit();
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
                                      TagCache* tags) {
    const auto stopped = [&] { return stop_requested != nullptr && stop_requested->load(); };
    std::unordered_map<std::string, std::uint32_t> articles_with;
    OrderedWork<std::vector<std::vector<std::string>>> work(threads,
                                                            4 * std::max<std::size_t>(threads, 1));
    std::size_t files_read = 0;
    // A stretch of a JSON Lines file counts as a file read: progress moves along it.
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
            [&](const ArticleOrigin& file) {
                if (file.format == ArticleFormat::jsonl &&
                    submit_jsonl(file, extractor, tags, work, count))
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
