// What `entities` and `show` share: reading the files named on the command line as
// articles, and loading the entity model.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/base/article.h"
#include "common/cli/command_line.h"
#include "common/ner/entity_extractor.h"

namespace newsindex::cli {

// Reads each file as articles (its format by its name) and calls fn for each article; a
// folder, every article file under it as a build walks it (the ids those articles get
// there). A name printed escaped (\xNN) is read back. A file that cannot be read, and
// each warning, is one line on stderr naming it. Returns the exit code: 0, or 1 when some
// file could not be read.
int for_each_article(const CommandSpec& spec, const std::vector<std::string>& files,
                     const std::function<void(const Article&)>& fn);

// The entity model at `model` (the default one when empty); nothing, said on stderr, when
// it cannot be loaded.
std::optional<EntityExtractor> load_extractor(const CommandSpec& spec, const std::string& model);

// {"person": [{"name", "count"(, "mentions")}], "org": [...], "place": [...]}.
nlohmann::ordered_json entities_json(const std::vector<Entity>& entities, bool with_mentions);

// Prints a JSON document the way every command does.
void print_json(const nlohmann::ordered_json& document);

}  // namespace newsindex::cli
