// The archive's entities as the entity table makes them: what `newsindex entities --top`
// lists so that people can see and check the table.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

struct ArchiveEntity {
    NamedEntity entity;
    std::uint32_t articles = 0;        // articles with the entity: its facet count
    std::vector<std::string> aliases;  // other names articles gave it, most used first
};

struct EntityReport {
    std::vector<ArchiveEntity> top;
    // Names articles gave that the table keeps out of the facets (suppressed in the alias
    // file, or a first name alone naming nobody), with the articles that gave them: so
    // people see what a correction took away.
    std::vector<ArchiveEntity> suppressed;
};

// The `limit` entities with the most articles (of `kind` only, when given), most first,
// then by name, and as many suppressed names the same way. Throws Error when the index
// cannot be opened or read.
EntityReport top_entities(const std::filesystem::path& database, std::size_t limit,
                          std::optional<EntityKind> kind = std::nullopt);

}  // namespace newsindex
