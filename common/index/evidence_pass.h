// The first build of an index starts with a pass that only reads and tags its articles,
// counting the entity evidence the index will hold (entity_table.h). The build then writes
// every article with the archive's own entity table, where a build that learnt the table
// as it went would rewrite a quarter of its articles at the end: each rewrite makes Xapian
// load every position of the article. The entities tagged here are kept (tag_cache.h) for
// the writing pass, so that each article is tagged once.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "common/index/entity_table.h"

namespace newsindex {

class EntityExtractor;
class TagCache;
class MetadataTables;

// The evidence of every article under `roots`, counted as the index counts it (one per
// article). Files are read, parsed and tagged on `threads` threads (0: this one); files
// that cannot be read are left out, as the build leaves them out. Stops early, with the
// evidence so far, when `stop_requested` is set. `progress` is called with the number of
// files read after each (a JSON Lines file, read in stretches of lines, counts once per
// stretch, so that progress moves along a large one). When `tags` is set, each article's entities
// are kept there for the writing pass, which then tags nothing twice.
EntityEvidence gather_entity_evidence(const std::vector<std::filesystem::path>& roots,
                                      const EntityExtractor& extractor, std::size_t threads,
                                      const std::atomic<bool>* stop_requested,
                                      const std::function<void(std::size_t)>& progress,
                                      TagCache* tags = nullptr,
                                      const MetadataTables* metadata = nullptr);

}  // namespace newsindex
