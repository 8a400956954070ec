// The BIO tag set of the tagger and the transitions a well-formed sequence allows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsindex::ner {

// Order matters: the model file stores weights in this order.
enum class Tag : std::uint8_t { O, B_PER, I_PER, B_ORG, I_ORG, B_LOC, I_LOC };

inline constexpr int kNumTags = 7;
// Weight rows are padded to 8 so one row is 16 bytes of int16 and vectorises.
inline constexpr int kTagStride = 8;

inline constexpr std::array<std::string_view, kNumTags> kTagNames = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};

inline std::string_view tag_name(Tag t) {
    return kTagNames[static_cast<int>(t)];
}

// Parses "O", "B-PER", ...; other labels (B-MISC, ...) are not entities here -> O.
inline Tag tag_from_name(std::string_view name) {
    for (int i = 0; i < kNumTags; ++i)
        if (kTagNames[i] == name) return static_cast<Tag>(i);
    return Tag::O;
}

inline bool is_inside(Tag t) {
    return t == Tag::I_PER || t == Tag::I_ORG || t == Tag::I_LOC;
}
inline bool is_begin(Tag t) {
    return t == Tag::B_PER || t == Tag::B_ORG || t == Tag::B_LOC;
}

// 0 = PER, 1 = ORG, 2 = LOC for B-/I- tags; -1 for O.
inline int tag_type(Tag t) {
    return t == Tag::O ? -1 : (static_cast<int>(t) - 1) / 2;
}

inline constexpr std::array<std::string_view, 3> kTypeNames = {"PER", "ORG", "LOC"};

// The decoder only emits well-formed BIO: I-X must follow B-X or I-X, and no sentence
// starts inside an entity. Training uses the same constraint so the weights never have to
// learn it.
inline bool transition_allowed(Tag from, Tag to) {
    if (!is_inside(to)) return true;
    return tag_type(from) == tag_type(to);
}
inline bool start_allowed(Tag t) {
    return !is_inside(t);
}

}  // namespace newsindex::ner
