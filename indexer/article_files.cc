#include "indexer/article_files.h"

#include <iostream>

#include "common/cli/exit_codes.h"
#include "common/read/article_reader.h"

namespace newsindex::cli {

int for_each_article(const CommandSpec& spec, const std::vector<std::string>& files,
                     const std::function<void(const Article&)>& fn) {
    int status = exit_code::kOk;
    for (const auto& file : files) {
        ReadResult result;
        try {
            result = read_articles(file, format_for_path(file), file, file);
        } catch (const Error& e) {
            std::cerr << spec.name << ": " << printable(file) << ": " << one_line(e.what()) << "\n";
            status = exit_code::kSomeFilesFailed;
            continue;
        }
        for (const auto& warning : result.warnings)
            std::cerr << spec.name << ": " << printable(file) << ": " << one_line(warning) << "\n";
        for (const auto& article : result.articles) fn(article);
    }
    return status;
}

std::optional<EntityExtractor> load_extractor(const CommandSpec& spec, const std::string& model) {
    try {
        return EntityExtractor(model.empty() ? default_model_path() : std::filesystem::path(model));
    } catch (const Error& e) {
        std::cerr << spec.name << ": " << one_line(e.what()) << "\n";
        return std::nullopt;
    }
}

nlohmann::ordered_json entities_json(const std::vector<Entity>& entities, bool with_mentions) {
    nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
    for (const auto kind : kEntityKinds)
        by_kind[std::string(entity_kind_name(kind))] = nlohmann::ordered_json::array();
    for (const auto& e : entities) {
        nlohmann::ordered_json entity = {{"name", e.name}, {"count", e.count}};
        if (with_mentions) entity["mentions"] = e.mentions;
        by_kind[std::string(entity_kind_name(e.kind))].push_back(std::move(entity));
    }
    return by_kind;
}

void print_json(const nlohmann::ordered_json& document) {
    std::cout << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
}

}  // namespace newsindex::cli
