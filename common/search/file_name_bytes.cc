#include "common/search/file_name_bytes.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "common/index/schema.h"

namespace newsindex {

namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD in UTF-8

// The end of `text` holding as many '/' as `like`: a replaced byte is never a '/', so a
// stored name and the bytes it came from have the same number of path components.
std::string_view same_components(std::string_view text, std::string_view like) {
    const auto slashes = std::count(like.begin(), like.end(), '/');
    std::size_t start = text.size();
    for (auto seen = 0; start > 0; --start) {
        if (text[start - 1] == '/' && ++seen > slashes) break;
    }
    return text.substr(start);
}

// The "#N" a record of a JSON array or JSON Lines file adds to its file's id; empty if
// none.
std::string_view record_suffix(std::string_view id) {
    const auto hash = id.rfind('#');
    if (hash == std::string_view::npos || hash + 1 == id.size()) return {};
    const auto digits = id.substr(hash + 1);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return {};
    return id.substr(hash);
}

}  // namespace

void restore_file_name_bytes(Article& article, const Xapian::Document& document) {
    if (article.id.find(kReplacement) == std::string::npos &&
        article.path.find(kReplacement) == std::string::npos)
        return;
    auto it = document.termlist_begin();
    it.skip_to(std::string(schema::kIdPrefix));
    if (it == document.termlist_end()) return;
    const std::string term = *it;
    if (!term.starts_with(schema::kIdPrefix) || term.size() >= schema::kMaxIdTermBytes) return;
    // root + '/' + id, the id ending in "#N" for a record; the path is root + '/' + the
    // file's relative path, the key without "#N".
    const std::string_view key = std::string_view(term).substr(schema::kIdPrefix.size());
    const std::string_view suffix = record_suffix(article.id);
    if (!key.ends_with(suffix)) return;
    const std::string_view file_key = key.substr(0, key.size() - suffix.size());
    article.id = std::string(same_components(key, article.id));
    article.path = std::string(same_components(file_key, article.path));
}

}  // namespace newsindex
