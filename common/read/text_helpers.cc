#include <algorithm>
#include <array>
#include <cctype>

#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Lines sites append after the article text, matched at the start of a short trailing
// paragraph (lower case). Kept small on purpose: a longer list would start eating the
// last sentence of real articles.
constexpr std::array<std::string_view, 17> kBoilerplateStarts = {
    "partners:",   "share this",          "share on",        "share:",
    "related:",    "related articles",    "related stories", "follow us",
    "copyright",
    "\xC2\xA9",  // ©
    "(c) ",        "all rights reserved", "advertisement",   "subscribe to",
    "sign up for", "click here",          "read more",
};
// Wire-service sign-offs closing an article on a line of their own ("REUTER").
constexpr std::array<std::string_view, 6> kSignOffs = {"reuter", "reuters", "ap",
                                                       "afp",    "upi",     "end"};
// Boilerplate is short; a long paragraph starting "Copyright law ..." is text.
constexpr std::size_t kMaxBoilerplateChars = 120;

}  // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
        if (is_ascii_space(c) || nbsp) {
            pending_space = true;
            if (nbsp) ++i;
            continue;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::string make_title(std::string_view text) {
    std::string title = collapse_whitespace(text);
    if (utf8::length(title) <= kMaxTitleChars) return title;
    std::string_view cut = utf8::prefix(title, kMaxTitleChars - 1);
    if (const auto space = cut.rfind(' '); space != std::string_view::npos && space > 0)
        cut = cut.substr(0, space);
    return std::string(trim(cut)) + "\xE2\x80\xA6";  // …
}

bool is_boilerplate(std::string_view paragraph) {
    paragraph = trim(paragraph);
    if (paragraph.empty()) return true;
    if (utf8::length(paragraph) > kMaxBoilerplateChars) return false;
    const std::string lower = lower_ascii(paragraph);
    for (const std::string_view sign_off : kSignOffs)
        if (lower == sign_off) return true;
    for (const std::string_view start : kBoilerplateStarts)
        if (lower.starts_with(start)) return true;
    return lower.find("all rights reserved") != std::string::npos;
}

void drop_trailing_boilerplate(std::vector<std::string>& paragraphs) {
    std::erase_if(paragraphs, [](const std::string& p) { return trim(p).empty(); });
    while (!paragraphs.empty() && is_boilerplate(paragraphs.back())) paragraphs.pop_back();
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += "\n\n";
        out += p;
    }
    return out;
}

std::vector<std::string> split_paragraphs(std::string_view body) {
    body = trim(body);
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= body.size();) {
        const auto end = std::min(body.find('\n', start), body.size());
        lines.push_back(trim(body.substr(start, end - start)));
        start = end + 1;
    }
    const bool blank_separated =
        std::any_of(lines.begin(), lines.end(), [](std::string_view l) { return l.empty(); });
    std::vector<std::string> paragraphs;
    std::string current;
    const auto flush = [&] {
        if (!current.empty()) paragraphs.push_back(collapse_whitespace(current));
        current.clear();
    };
    for (const auto line : lines) {
        if (line.empty() || !blank_separated) flush();
        if (!current.empty()) current += ' ';
        current += line;
    }
    flush();
    return paragraphs;
}

std::string record_id(std::string_view id, std::size_t n) {
    return std::string(id) + "#" + std::to_string(n);
}

}  // namespace newsindex::readers
