// "Did you mean": the command a mistyped word was most likely meant to be.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace newsindex {

// The edit distance of two words: insertions, deletions, substitutions and swaps of two
// neighbouring letters ("biuld" is one from "build") each count one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The one of `names` nearest to `word`, when it is near enough to be a slip of the keys:
// at most `max_edits` edits away, and never more than one for words of up to four
// letters. Nothing for `word` itself, nor when two names are equally near.
std::optional<std::string_view> nearest_name(std::string_view word,
                                             std::span<const std::string_view> names,
                                             std::size_t max_edits = 2);

}  // namespace newsindex
