// Named-entity extraction for articles: tokenise, tag with the trained model, and fold
// the mentions of each article into one canonical entity each.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/base/entity.h"

namespace newsindex {

namespace ner {
class Model;
}

class EntityExtractor {
public:
    // Loads the model file, and the models for other languages beside it, named after it
    // with their language: "ner.fr.model" beside "ner.model". Throws Error with a one-line
    // message naming the file when one is missing or malformed, or when a file's name and
    // the language its model was trained on disagree.
    explicit EntityExtractor(const std::filesystem::path& model_file);
    ~EntityExtractor();
    EntityExtractor(EntityExtractor&&) noexcept;
    EntityExtractor& operator=(EntityExtractor&&) noexcept;

    // Whether a model reads articles in `language` (ISO 639-1; empty: an article of
    // unknown language, which the main model reads).
    bool tags(std::string_view language) const;
    // The languages of the models, the main model's first.
    std::vector<std::string> languages() const;

    // The article's entities (title, subtitle and body), by the model of its language,
    // normalised per article, each kind sorted by descending mention count then name;
    // none when no model reads its language. Const and thread-safe, so threads may share
    // one extractor. The rules that mend the tagger's English (titles, company forms,
    // "X and Y", lists of names and common words) apply to English models only.
    std::vector<Entity> extract(const Article& article) const;

private:
    const ner::Model* model_for(std::string_view language) const;
    std::vector<std::unique_ptr<const ner::Model>> models_;  // the main model first
};

// An EntityExtractor whose model loads when first needed: a build that finds nothing new
// to read, as most cron runs do, never reads the 18 MB model.
class LazyEntityExtractor {
public:
    explicit LazyEntityExtractor(std::filesystem::path model_file) : file_(std::move(model_file)) {}
    // The extractor, loading the model the first time (thread-safe; a failed load is tried
    // again next time). Throws Error as EntityExtractor's constructor does.
    const EntityExtractor& get() const;
    const std::filesystem::path& model_file() const { return file_; }

private:
    std::filesystem::path file_;
    mutable std::once_flag loaded_;
    mutable std::optional<EntityExtractor> extractor_;
};

// $NEWSINDEX_MODEL if set; else, for an installed binary, <prefix>/share/newsindex/ner.model
// beside its bin/ folder (found from /proc/self/exe) if that file exists; else the model in
// the source tree (models/ner.model), for binaries run from the build folder.
std::filesystem::path default_model_path();

}  // namespace newsindex
