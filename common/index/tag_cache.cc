#include "common/index/tag_cache.h"

namespace newsindex {

namespace {

// What an article's entities take in memory, roughly: strings and vector slots.
std::size_t footprint(const std::vector<Entity>& entities) {
    std::size_t bytes = sizeof(Entity) * entities.size();
    for (const auto& entity : entities) {
        bytes += entity.name.size();
        for (const auto& names : {&entity.mentions, &entity.aliases})
            for (const auto& name : *names) bytes += sizeof(std::string) + name.size();
    }
    return bytes;
}

}  // namespace

void TagCache::put(const ArticleOrigin& file, const std::string& article_id,
                   std::vector<Entity> entities) {
    const std::size_t bytes = footprint(entities) + article_id.size() + file.root.size() + 64;
    const std::lock_guard lock(mutex_);
    if (bytes_ + bytes > max_bytes_) return;
    bytes_ += bytes;
    tags_.insert_or_assign(file.article_key(article_id),
                           Tags{file.size, file.mtime_ns, std::move(entities)});
}

std::optional<std::vector<Entity>> TagCache::take(const ArticleOrigin& file,
                                                  const std::string& article_id) {
    const std::lock_guard lock(mutex_);
    auto found = tags_.find(file.article_key(article_id));
    if (found == tags_.end()) return std::nullopt;
    auto node = tags_.extract(found);
    Tags& tags = node.mapped();
    if (tags.size != file.size || tags.mtime_ns != file.mtime_ns) return std::nullopt;
    return std::move(tags.entities);
}

std::size_t TagCache::articles() const {
    const std::lock_guard lock(mutex_);
    return tags_.size();
}

}  // namespace newsindex
