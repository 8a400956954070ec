#include "common/ner/tokenizer.h"

#include <algorithm>
#include <array>

#include "common/ner/text_norm.h"

namespace newsindex::ner {

namespace {

// Decodes one UTF-8 code point at text[i]; returns it and sets len. Malformed bytes are
// returned as themselves with len 1, so scanning always advances.
char32_t decode(std::string_view text, std::size_t i, std::size_t& len) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        len = 1;
        return b0;
    }
    const std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
    if (n == 1 || i + n > text.size()) {
        len = 1;
        return b0;
    }
    char32_t cp = b0 & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) {
            len = 1;
            return b0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    len = n;
    return cp;
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

bool is_apostrophe(char32_t c) {
    return c == '\'' || c == 0x2019;
}

// Non-ASCII punctuation we split on; every other non-ASCII code point counts as a word
// character (letters of any script, accented letters).
bool is_unicode_punct(char32_t c) {
    return (c >= 0x2010 && c <= 0x2027) || c == 0xAB || c == 0xBB || c == 0xB7 || c == 0xA1 ||
           c == 0xBF || c == 0xA7 || c == 0xB0 || c == 0xA9 || c == 0xAE ||
           (c >= 0x2030 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3011) || c == 0xFF0C;
}

bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !is_space(c) && !is_unicode_punct(c);
}

bool is_ascii_alpha(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char32_t c) {
    return c >= '0' && c <= '9';
}

struct Cursor {
    std::string_view text;
    char32_t at(std::size_t i) const {
        if (i >= text.size()) return 0;
        std::size_t len;
        return decode(text, i, len);
    }
    std::size_t len_at(std::size_t i) const {
        std::size_t len;
        decode(text, i, len);
        return len;
    }
};

// Length of the clitic starting at an apostrophe at i ("'s", "'re", ...) when it ends a
// word; 0 otherwise ("O'Brien" keeps its apostrophe).
std::size_t clitic_length(const Cursor& cur, std::size_t i) {
    const std::size_t alen = cur.len_at(i);
    static constexpr std::array<std::string_view, 6> kClitics = {"s", "re", "ve", "ll", "d", "m"};
    for (const auto c : kClitics) {
        const std::size_t j = i + alen;
        if (j + c.size() > cur.text.size()) continue;
        if (!equals_ignoring_ascii_case(cur.text.substr(j, c.size()), c)) continue;
        if (is_word_char(cur.at(j + c.size()))) continue;
        return alen + c.size();
    }
    return 0;
}

// "n't" at i (n, apostrophe, t, then a non-word character).
std::size_t negation_length(const Cursor& cur, std::size_t i) {
    if (i >= cur.text.size() || lower_ascii(cur.text[i]) != 'n') return 0;
    const char32_t a = cur.at(i + 1);
    if (!is_apostrophe(a)) return 0;
    const std::size_t t = i + 1 + cur.len_at(i + 1);
    if (t >= cur.text.size() || lower_ascii(cur.text[t]) != 't') return 0;
    if (is_word_char(cur.at(t + 1))) return 0;
    return t + 1 - i;
}

constexpr std::array<std::string_view, 22> kTitleAbbreviations = {
    "Mr",  "Mrs", "Ms",   "Dr",  "Prof", "Gen", "Lt",  "Col",  "Maj",  "Capt", "Sgt",
    "Cpl", "Adm", "Cmdr", "Sen", "Rep",  "Gov", "Rev", "Pres", "Brig", "Hon",  "Messrs"};

constexpr std::array<std::string_view, 40> kOtherAbbreviations = {
    "St",  "Jr",  "Sr",   "Mt",   "Ft",   "Inc",  "Corp", "Co",   "Ltd",    "Bros",
    "Jan", "Feb", "Mar",  "Apr",  "Aug",  "Sep",  "Sept", "Oct",  "Nov",    "Dec",
    "No",  "vs",  "etc",  "Gens", "Supt", "Ave",  "Blvd", "Dept", "Univ",   "Calif",
    "Fla", "Ill", "Mass", "Wash", "Mich", "Conn", "Ariz", "Tenn", "approx", "Sgts"};

}  // namespace

bool is_abbreviation(std::string_view w) {
    return std::find(kTitleAbbreviations.begin(), kTitleAbbreviations.end(), w) !=
               kTitleAbbreviations.end() ||
           std::find(kOtherAbbreviations.begin(), kOtherAbbreviations.end(), w) !=
               kOtherAbbreviations.end();
}

bool is_title_abbreviation(std::string_view token) {
    if (token.size() < 2 || token.back() != '.') return false;
    token.remove_suffix(1);
    return std::find(kTitleAbbreviations.begin(), kTitleAbbreviations.end(), token) !=
           kTitleAbbreviations.end();
}

void tokenize(std::string_view text, std::vector<Token>& out) {
    out.clear();
    const Cursor cur{text};
    const std::size_t n = text.size();
    std::size_t i = 0;
    auto emit = [&](std::size_t b, std::size_t e) {
        out.push_back(Token{text.substr(b, e - b), static_cast<std::uint32_t>(b),
                            static_cast<std::uint32_t>(e)});
    };
    while (i < n) {
        std::size_t len;
        const char32_t c = decode(text, i, len);
        if (is_space(c)) {
            i += len;
            continue;
        }
        const bool glued = !out.empty() && out.back().end == i;
        // Clitics directly after a word: "'s", "'re", "n't".
        if (glued && is_apostrophe(c)) {
            if (const std::size_t cl = clitic_length(cur, i)) {
                emit(i, i + cl);
                i += cl;
                continue;
            }
        }
        if (glued) {
            if (const std::size_t nl = negation_length(cur, i)) {
                emit(i, i + nl);
                i += nl;
                continue;
            }
        }
        if (is_word_char(c)) {
            const std::size_t start = i;
            std::size_t end = i + len;
            std::size_t letters = is_ascii_alpha(c) ? 1 : 0;
            std::size_t chars = 1;
            while (end < n) {
                std::size_t l2;
                const char32_t d = decode(text, end, l2);
                if (is_word_char(d)) {
                    // "don't": stop before the "n" so "n't" becomes its own token.
                    if ((d == 'n' || d == 'N') && negation_length(cur, end) && end > start) {
                        break;
                    }
                    end += l2;
                    ++chars;
                    if (is_ascii_alpha(d)) ++letters;
                    continue;
                }
                const char32_t next = cur.at(end + l2);
                const char32_t prev = cur.at(end - 1);
                // Hyphenated compounds ("anti-government"), numbers ("1,000", "3.5"),
                // "AT&T": the joiner stays inside when a word character follows.
                if ((d == '-' || d == 0x2010 || d == 0x2011) && is_word_char(next)) {
                    end += l2 + cur.len_at(end + l2);
                    ++chars;
                    continue;
                }
                if ((d == ',' || d == '.' || d == ':') && is_digit(prev) && is_digit(next)) {
                    end += l2 + 1;
                    continue;
                }
                if (d == '&' && upper_ascii(static_cast<char>(prev)) && prev < 0x80 &&
                    next < 0x80 && upper_ascii(static_cast<char>(next))) {
                    end += l2 + 1;
                    continue;
                }
                if (is_apostrophe(d) && is_word_char(next) && !clitic_length(cur, end)) {
                    end += l2;
                    continue;
                }
                break;
            }
            // Periods that belong to the word: initials and acronyms ("J.", "U.S.",
            // "a.m.") and known abbreviations ("Mr.", "Inc.").
            if (end < n && text[end] == '.') {
                const std::string_view word = text.substr(start, end - start);
                if (chars == 1 && letters == 1) {
                    end += 1;
                    // Continue an acronym: letter-period pairs without spaces.
                    while (end + 1 < n && is_ascii_alpha(static_cast<unsigned char>(text[end])) &&
                           text[end + 1] == '.') {
                        end += 2;
                    }
                } else if (is_abbreviation(word)) {
                    end += 1;
                }
            }
            emit(start, end);
            i = end;
            continue;
        }
        // Punctuation: runs of the same ASCII mark that read as one symbol.
        if (c == '.' || c == '-' || c == '`' || c == '\'') {
            std::size_t end = i + 1;
            while (end < n && text[end] == static_cast<char>(c)) ++end;
            if (end - i >= 2) {
                emit(i, end);
                i = end;
                continue;
            }
        }
        emit(i, i + len);
        i += len;
    }
}

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> out;
    tokenize(text, out);
    return out;
}

namespace {

bool is_closing(std::string_view t) {
    return t == "\"" || t == "'" || t == ")" || t == "]" || t == "''" || t == "\u201D" ||
           t == "\u2019" || t == "\u00BB";
}

bool is_terminal(std::string_view t) {
    return t == "." || t == "!" || t == "?" || t == "..." || t == "\u2026" || t == "?!";
}

bool starts_lower(std::string_view t) {
    return !t.empty() && lower_ascii_letter(t[0]);
}

// After "Inc." or "U.S." we only split before words that usually open a sentence; names
// ("U.S. President") and numbers keep the sentence together.
bool opens_sentence(std::string_view t) {
    static constexpr std::array<std::string_view, 24> kOpeners = {
        "The", "He",    "She",   "It",    "They", "We",  "I",       "But",
        "In",  "A",     "An",    "This",  "That", "His", "Her",     "Their",
        "Its", "There", "These", "Those", "On",   "At",  "However", "Meanwhile"};
    return std::find(kOpeners.begin(), kOpeners.end(), t) != kOpeners.end();
}

bool blank_line_between(std::string_view text, std::uint32_t from, std::uint32_t to) {
    int newlines = 0;
    for (std::uint32_t k = from; k < to; ++k) {
        if (text[k] == '\n') {
            if (++newlines >= 2) return true;
        }
    }
    return false;
}

}  // namespace

void split_sentences(std::string_view text, std::span<const Token> tokens,
                     std::vector<SentenceSpan>& out) {
    out.clear();
    const auto n = static_cast<std::uint32_t>(tokens.size());
    std::uint32_t start = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::string_view t = tokens[i].text;
        std::uint32_t end = i + 1;  // one past the last token of the candidate sentence
        bool split = false;
        if (end < n && blank_line_between(text, tokens[i].end, tokens[end].begin)) {
            split = true;
        } else if (is_terminal(t)) {
            while (end < n && is_closing(tokens[end].text) &&
                   tokens[end].begin == tokens[end - 1].end)
                ++end;
            split = end == n || !starts_lower(tokens[end].text);
        } else if (t.size() >= 3 && t.back() == '.' && !is_title_abbreviation(t) && end < n) {
            split = opens_sentence(tokens[end].text);
        }
        if (split) {
            out.push_back({start, end});
            start = end;
            i = end - 1;
        }
    }
    if (start < n) out.push_back({start, n});
}

std::vector<SentenceSpan> split_sentences(std::string_view text, std::span<const Token> tokens) {
    std::vector<SentenceSpan> out;
    split_sentences(text, tokens, out);
    return out;
}

}  // namespace newsindex::ner
