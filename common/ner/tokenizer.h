// Tokeniser and sentence splitter for English news text. Hand-written scanning (no
// regex): abbreviations and initials keep their period ("Mr.", "U.S.", "J."), clitics
// split off ("Kyrgyzstan's" -> "Kyrgyzstan" "'s", "don't" -> "do" "n't"), hyphenated
// words stay whole, quotes and other punctuation are tokens of their own.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace newsindex::ner {

struct Token {
    std::string_view text;    // view into the tokenised source text
    std::uint32_t begin = 0;  // byte offsets into that text
    std::uint32_t end = 0;
};

// Token index range [begin, end) of one sentence.
struct SentenceSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// Appends the tokens of `text` to `out` (cleared first), so callers can reuse the buffer.
// Texts over 4 GiB are not supported (offsets are 32-bit).
void tokenize(std::string_view text, std::vector<Token>& out);
std::vector<Token> tokenize(std::string_view text);

// Sentences of a tokenised text: ends at . ! ? (plus closing quotes/brackets) before a
// token that does not start in lower case, and at blank lines.
void split_sentences(std::string_view text, std::span<const Token> tokens,
                     std::vector<SentenceSpan>& out);
std::vector<SentenceSpan> split_sentences(std::string_view text, std::span<const Token> tokens);

// Abbreviations that keep their period ("Mr", "Gen", "Inc"...), without the period.
bool is_abbreviation(std::string_view word_without_period);
// Titles and honorifics that precede a name and never end a sentence ("Mr.", "Gen.").
bool is_title_abbreviation(std::string_view token);

}  // namespace newsindex::ner
