// What a later version of a story changed against the story's first version, as
// `newssearch --story` reports it: paragraph by paragraph, on the paragraphs the
// fingerprint reads (fingerprint.h: credits, bylines and datelines left out).
#pragma once

#include <cstddef>
#include <string_view>

namespace newsindex::stories {

struct VersionChanges {
    bool new_headline = false;
    std::size_t added = 0;     // paragraphs the first version does not have
    std::size_t dropped = 0;   // paragraphs of the first version this one lacks
    std::size_t reworded = 0;  // paragraphs kept with some words changed
    bool moved = false;        // paragraphs both have, in another order
    bool identical() const {
        return !new_headline && added == 0 && dropped == 0 && reworded == 0 && !moved;
    }
};

// A reworded paragraph shares at least this share of its words with the one it
// replaces; one that shares less is an added paragraph (and the other dropped).
inline constexpr double kRewordedShare = 0.5;

VersionChanges version_changes(std::string_view first_title, std::string_view first_body,
                               std::string_view title, std::string_view body);

}  // namespace newsindex::stories
