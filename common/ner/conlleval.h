// Entity-level scoring with conlleval semantics: a chunk counts only when its type and
// both boundaries match; an I-X that does not continue an X chunk starts one.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "common/ner/tags.h"

namespace newsindex::ner {

struct Chunk {
    std::uint32_t begin = 0;  // token range [begin, end)
    std::uint32_t end = 0;
    int type = 0;  // 0 PER, 1 ORG, 2 LOC
    bool operator==(const Chunk&) const = default;
};

std::vector<Chunk> chunks(std::span<const Tag> tags);

struct ChunkCounts {
    long gold = 0;
    long predicted = 0;
    long correct = 0;
    double precision() const { return predicted ? static_cast<double>(correct) / predicted : 0.0; }
    double recall() const { return gold ? static_cast<double>(correct) / gold : 0.0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

class Scorer {
public:
    void add(std::span<const Tag> gold, std::span<const Tag> predicted);
    const ChunkCounts& by_type(int type) const { return by_type_[static_cast<std::size_t>(type)]; }
    ChunkCounts overall() const;
    long tokens() const { return tokens_; }

private:
    std::array<ChunkCounts, 3> by_type_{};
    long tokens_ = 0;
};

}  // namespace newsindex::ner
