#include "common/index/evidence_pass.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "common/base/error.h"
#include "common/base/ordered_work.h"
#include "common/index/article_entities.h"
#include "common/index/entity_document.h"
#include "common/ner/entity_extractor.h"
#include "common/read/article_origin.h"
#include "common/read/article_reader.h"
#include "common/read/corpus_walker.h"

namespace newsindex {

namespace {

// The evidence terms of each article of a file; none when it cannot be read.
std::vector<std::vector<std::string>> file_evidence(const ArticleOrigin& file,
                                                    const EntityExtractor& extractor) {
    std::vector<std::vector<std::string>> articles;
    try {
        for (auto& article : parse_file(read_file(file.path, file.format), file).articles)
            articles.push_back(entity_evidence_terms(article_entities(extractor, article)));
    } catch (const Error&) {
        // The build's own pass reports it.
    }
    return articles;
}

}  // namespace

EntityEvidence gather_entity_evidence(const std::vector<std::filesystem::path>& roots,
                                      const EntityExtractor& extractor, std::size_t threads,
                                      const std::atomic<bool>* stop_requested,
                                      const std::function<void(std::size_t)>& progress) {
    const auto stopped = [&] { return stop_requested != nullptr && stop_requested->load(); };
    std::unordered_map<std::string, std::uint32_t> articles_with;
    OrderedWork<std::vector<std::vector<std::string>>> work(threads,
                                                            4 * std::max<std::size_t>(threads, 1));
    std::size_t files_read = 0;
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
                if (file.format != ArticleFormat::unsupported)
                    work.submit([&extractor, file] { return file_evidence(file, extractor); },
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
