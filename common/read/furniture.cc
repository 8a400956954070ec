#include "common/read/furniture.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// Longest paragraph that may be furniture: credits for a whole gallery run long.
constexpr std::size_t kMaxFurnitureChars = 400;
// Longest byline or widget line.
constexpr std::size_t kMaxLineChars = 150;

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> starts) {
    return std::any_of(starts.begin(), starts.end(),
                       [&](std::string_view s) { return text.starts_with(s); });
}

bool ends_with_any(std::string_view text, std::initializer_list<std::string_view> ends) {
    return std::any_of(ends.begin(), ends.end(),
                       [&](std::string_view e) { return text.ends_with(e); });
}

// Words people's and organisations' names are made of: capitalised words, initials and
// the small words between ("de", "van", "al", "the").
bool is_name_word(std::string_view word) {
    static constexpr std::array<std::string_view, 14> kSmall = {
        "and", "&", "de", "da", "del", "van", "von", "der", "al", "bin", "la", "le", "the", "of"};
    if (word.empty()) return true;
    if (std::find(kSmall.begin(), kSmall.end(), word) != kSmall.end()) return true;
    const auto first = static_cast<unsigned char>(word.front());
    // Non-ASCII letters ("Émile"): taken as a name's, the rest of the line decides.
    return std::isupper(first) || first >= 0x80;
}

// Every word a name's, at most `max_words` of them: "Devindra Hardawar/AOL", "Chang W.
// Lee/The New York Times", "Bradley M. Kuhn".
bool only_names(std::string_view text, std::size_t max_words) {
    std::size_t words = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find_first_of(" /", start), text.size());
        std::string_view word = text.substr(start, end - start);
        while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
        start = end + 1;
        if (word.empty() || word == "|") continue;
        if (++words > max_words || !is_name_word(word)) return false;
        if (std::any_of(word.begin(), word.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return false;
    }
    return words > 0;
}

}  // namespace

bool is_furniture(std::string_view paragraph) {
    paragraph = trim(paragraph);
    if (paragraph.empty() || utf8::length(paragraph) > kMaxFurnitureChars) return false;
    const std::string lower = ascii_lower(paragraph);
    // Credits, however long the list of photographers.
    if (starts_with_any(
            lower, {"photo by ",      "photos by ",     "photo: ",          "photos: ",
                    "photograph by ", "photograph: ",   "photographs by ",  "photography by ",
                    "image: ",        "images: ",       "image by ",        "images by ",
                    "image credit",   "illustration: ", "illustration by ", "illustrations by ",
                    "portrait by ",   "top photo by ",  "lead photo",       "credit: ",
                    "credits: ",      "creditcredit",   "(artist:",         "artist: ",
                    "(photo",         "(image",         "getty images",     "via getty",
                    "shutterstock"}))
        return true;
    if (lower.find(" | photo by ") != std::string::npos ||
        lower.find(" photo: ") != std::string::npos ||
        lower.find("photo credit") != std::string::npos)
        return true;
    // A caption ending in its credit.
    if (ends_with_any(paragraph, {"Getty Images", "Getty Images)", "(Getty)", "Shutterstock",
                                  "Shutterstock)", "/AFP", "/AP", "AP Photo", "/Reuters", "/EPA",
                                  "/Alamy", "iStock", "iStockphoto"}))
        return true;
    if (utf8::length(paragraph) > kMaxLineChars) return false;
    // Bylines.
    if (starts_with_any(lower, {"posted by ", "posted on ", "written by ", "words by ", "story by ",
                                "reporting by ", "text by ", "edited by "}))
        return true;
    if (lower.starts_with("by ") && only_names(paragraph.substr(3), 8)) return true;
    // "Name Surname/Agency": a credit line of its own (not "N/A" or "Add-ons/Extensions").
    if (const auto slash = paragraph.find('/');
        slash != std::string_view::npos && slash > 0 && paragraph[slash - 1] != ' ' &&
        paragraph.substr(0, slash).find(' ') != std::string_view::npos &&
        paragraph.find("://") == std::string_view::npos && only_names(paragraph, 10))
        return true;
    // Share, follow and newsletter boxes.
    if (starts_with_any(
            lower, {"share this", "share on ", "share:", "share via", "sign up for", "subscribe to",
                    "subscribe for", "click here to subscribe", "follow us", "leave a comment",
                    "listen to this article", "read more:", "related:", "advertisement"}))
        return true;
    if (lower == "advertising" || lower == "advertisement" || lower == "sponsored") return true;
    if (lower.starts_with("follow ") &&
        (lower.find("twitter") != std::string::npos ||
         lower.find("facebook") != std::string::npos ||
         lower.find("instagram") != std::string::npos || lower.find('@') != std::string::npos))
        return true;
    return lower.find("newsletter") != std::string::npos &&
           (lower.find("sign up") != std::string::npos ||
            lower.find("subscribe") != std::string::npos);
}

void drop_furniture(std::vector<std::string>& paragraphs) {
    std::erase_if(paragraphs, [](const std::string& p) { return is_furniture(p); });
}

std::string strip_trailing_credit(std::string_view text) {
    std::string out = collapse_whitespace(text);
    for (const std::string_view marker :
         {" Photo: ", " Photograph: ", " Image: ", " Credit: ", " Photo by ", " Image by ",
          " Illustration: ", " (Photo"}) {
        if (const auto at = out.rfind(marker); at != std::string::npos && at > 0) out.resize(at);
    }
    for (const std::string_view credit :
         {" AFP/Getty Images", " Getty Images", " Getty", " Shutterstock", " AP Photo", " EPA",
          " Alamy", " iStock"}) {
        if (out.ends_with(credit) && out.size() > credit.size()) {
            out.resize(out.size() - credit.size());
            break;
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '|' || out.back() == '-'))
        out.pop_back();
    return out;
}

}  // namespace newsindex::readers
