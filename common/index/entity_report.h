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

// The `limit` entities with the most articles (of `kind` only, when given), most first,
// then by name. Throws Error when the index cannot be opened or read.
std::vector<ArchiveEntity> top_entities(const std::filesystem::path& database, std::size_t limit,
                                        std::optional<EntityKind> kind = std::nullopt);

}  // namespace newsindex
