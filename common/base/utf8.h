// UTF-8 checks and repair for text read from article files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsindex::utf8 {

// Text that starts with a UTF-16 or UTF-32 byte order mark, as UTF-8 (the mark dropped,
// invalid units replaced with U+FFFD); nothing when there is no such mark.
std::optional<std::string> from_utf16_or_32(std::string_view bytes);

// Replaces every invalid byte sequence in `text` with U+FFFD; returns how many were
// replaced (0 leaves `text` untouched).
std::size_t repair(std::string& text);

// Removes the marks that only tell where a line may or may not break inside a word: soft
// hyphens (U+00AD), word joiners (U+2060) and zero-width no-break spaces (U+FEFF). Pages
// put them inside names ("Vladi\u00ADmir"), where they would cut a word in two for the
// index and the tagger. Returns how many were removed. `text` must be valid UTF-8.
std::size_t remove_break_hints(std::string& text);

// A repaired copy of `text`: names from a file (archive members, XML elements) as a
// message can show them.
std::string repaired(std::string_view text);

// Length of the longest prefix of `text` that does not end inside a multi-byte
// sequence: where a byte-limited read can be cut without creating an invalid tail.
std::size_t complete_prefix(std::string_view text);

// True when `text` has a letter or a digit in any script.
bool has_alnum(std::string_view text);

// `text` in upper case, every script (ICU's full case mapping: "straße" -> "STRASSE").
std::string upper(std::string_view text);

// Each word of `text` with an upper-case first letter and the rest in lower case
// ("AL-ASSAD" -> "Al-Assad"; words as ICU's word breaks find them).
std::string title_case(std::string_view text);

// True when `text` has a letter and no lower-case letter ("BAKER", "U.S.", not "Baker").
bool is_upper_case(std::string_view text);

// Number of code points of valid UTF-8 text.
std::size_t length(std::string_view text);

// The longest prefix of `text` with at most `max_chars` code points.
std::string_view prefix(std::string_view text, std::size_t max_chars);

}  // namespace newsindex::utf8
