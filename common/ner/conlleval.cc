#include "common/ner/conlleval.h"

#include <algorithm>

namespace newsindex::ner {

std::vector<Chunk> chunks(std::span<const Tag> tags) {
    std::vector<Chunk> out;
    int open_type = -1;
    std::uint32_t open_begin = 0;
    for (std::uint32_t i = 0; i <= tags.size(); ++i) {
        const Tag t = i < tags.size() ? tags[i] : Tag::O;
        const int type = tag_type(t);
        const bool continues = is_inside(t) && type == open_type;
        if (open_type >= 0 && !continues) {
            out.push_back({open_begin, i, open_type});
            open_type = -1;
        }
        if (type >= 0 && !continues) {
            open_type = type;
            open_begin = i;
        }
    }
    return out;
}

void Scorer::add(std::span<const Tag> gold, std::span<const Tag> predicted) {
    tokens_ += static_cast<long>(gold.size());
    const auto g = chunks(gold);
    const auto p = chunks(predicted);
    for (const auto& c : g) ++by_type_[static_cast<std::size_t>(c.type)].gold;
    for (const auto& c : p) {
        ++by_type_[static_cast<std::size_t>(c.type)].predicted;
        if (std::find(g.begin(), g.end(), c) != g.end())
            ++by_type_[static_cast<std::size_t>(c.type)].correct;
    }
}

ChunkCounts Scorer::overall() const {
    ChunkCounts all;
    for (const auto& c : by_type_) {
        all.gold += c.gold;
        all.predicted += c.predicted;
        all.correct += c.correct;
    }
    return all;
}

}  // namespace newsindex::ner
