// What the evidence pass of a first build tagged, kept for the writing pass, so that each
// article is tagged once (evidence_pass.h): the entities of each article, by article key,
// for files whose size and time are still those the evidence pass read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/base/entity.h"
#include "common/read/article_origin.h"

namespace newsindex {

class TagCache {
public:
    // Holds about `max_bytes` of entities at most; articles past that are tagged again.
    explicit TagCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // The entities of the article `article_id` of `file`, as tagged now. Thread-safe.
    void put(const ArticleOrigin& file, const std::string& article_id,
             std::vector<Entity> entities);
    // The entities put for the article, if any and if the file is unchanged since; each
    // is handed out once (and its memory freed). Thread-safe.
    std::optional<std::vector<Entity>> take(const ArticleOrigin& file,
                                            const std::string& article_id);

    std::size_t articles() const;

private:
    struct Tags {
        std::uintmax_t size = 0;
        std::int64_t mtime_ns = 0;
        std::vector<Entity> entities;
    };
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Tags> tags_;  // by article key
    std::size_t bytes_ = 0;
    const std::size_t max_bytes_;
};

}  // namespace newsindex
