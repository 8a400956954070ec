// PDF with poppler's C++ interface: the text of every page in reading order (columns
// read one after the other, as pdftotext does), the title from the metadata or else the
// largest line of the first page, the date from the metadata.

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// Poppler reports every damaged object on stderr; a build reports the file once instead.
void ignore_message(const std::string&, void*) {}

void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(ignore_message, nullptr); });
}

std::string utf8_of(const poppler::ustring& text) {
    const poppler::byte_array bytes = text.to_utf8();
    std::string out(bytes.begin(), bytes.end());
    utf8::repair(out);
    return out;
}

// Metadata titles that name the file, not the story ("Microsoft Word - memo.docx").
bool useful_title(std::string_view title) {
    if (utf8::length(title) < 4 || title.starts_with("Microsoft ")) return false;
    for (const std::string_view suffix : {".doc", ".docx", ".pdf", ".indd", ".qxd", ".tex", ".dvi"})
        if (title.ends_with(suffix)) return false;
    std::string lower(title);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower != "untitled" && lower != "title";
}

// The run of words in the largest type on the page: its headline.
std::string largest_line(const poppler::page& page) {
    const std::vector<poppler::text_box> boxes =
        page.text_list(poppler::page::text_list_include_font);
    double largest = 0;
    std::map<long, std::size_t> sizes;  // font size in tenths of a point -> words
    for (const auto& box : boxes) {
        largest = std::max(largest, box.get_font_size());
        ++sizes[std::lround(box.get_font_size() * 10)];
    }
    if (largest <= 0 || sizes.empty()) return {};
    // Type no larger than the body's is no headline.
    const auto body_size = std::max_element(sizes.begin(), sizes.end(), [](auto& a, auto& b) {
                               return a.second < b.second;
                           })->first;
    if (largest * 10 < static_cast<double>(body_size) + 10) return {};
    std::string line;
    bool started = false;
    for (const auto& box : boxes) {
        const bool big = box.get_font_size() >= largest - 0.5;
        if (!big) {
            if (started) break;
            continue;
        }
        started = true;
        if (!line.empty()) line += ' ';
        line += utf8_of(box.text());
        if (line.size() > 400) break;
    }
    return collapse_whitespace(line);
}

bool ends_sentence(std::string_view line) {
    return !line.empty() && std::string_view(".!?:\"”").find(line.back()) != std::string_view::npos;
}

// Lines of one page as paragraphs: lines join, a hyphen at a line end joins the word, and
// a paragraph ends at a blank line or at a short line that ends a sentence.
void add_paragraphs(std::string_view text, std::vector<std::string>& out) {
    std::vector<std::string_view> lines;
    std::size_t longest = 0;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(start, end - start));
        lines.push_back(line);
        longest = std::max(longest, line.size());
        start = end + 1;
    }
    std::string paragraph;
    const auto flush = [&] {
        if (std::string p = collapse_whitespace(paragraph); !p.empty()) out.push_back(std::move(p));
        paragraph.clear();
    };
    for (const auto line : lines) {
        if (line.empty()) {
            flush();
            continue;
        }
        if (!paragraph.empty() && paragraph.back() == '-' && paragraph.size() > 1 &&
            std::isalpha(static_cast<unsigned char>(paragraph[paragraph.size() - 2])))
            paragraph.pop_back();
        else if (!paragraph.empty())
            paragraph += ' ';
        paragraph += line;
        if (ends_sentence(line) && line.size() * 10 < longest * 7) flush();
    }
    flush();
}

std::optional<Date> metadata_date(const poppler::document& document) {
    for (const char* key : {"CreationDate", "ModDate"}) {
        const std::time_t seconds = document.info_date_t(key);
        if (seconds <= 0) continue;
        std::tm utc{};
        if (gmtime_r(&seconds, &utc) == nullptr) continue;
        if (auto date = make_date(utc.tm_year + 1900, static_cast<unsigned>(utc.tm_mon + 1),
                                  static_cast<unsigned>(utc.tm_mday)))
            return date;
    }
    return std::nullopt;
}

}  // namespace

std::vector<Article> read_pdf(std::string_view bytes, std::string_view id,
                              std::vector<std::string>& warnings) {
    init_once();
    if (bytes.size() > INT_MAX) bytes = bytes.substr(0, INT_MAX);
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) throw Error(ErrorKind::bad_input, "not a readable PDF (damaged or truncated)");
    if (document->is_locked())
        throw Error(ErrorKind::bad_input, "encrypted PDF (needs a password)");
    const int pages = document->pages();
    std::vector<std::string> paragraphs;
    std::string headline;
    std::size_t text_bytes = 0;
    for (int i = 0; i < pages && text_bytes < kMaxFileBytes; ++i) {
        const std::unique_ptr<poppler::page> page(document->create_page(i));
        if (!page) {
            warnings.push_back("page " + std::to_string(i + 1) + " cannot be read");
            continue;
        }
        const std::string text =
            utf8_of(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
        text_bytes += text.size();
        add_paragraphs(text, paragraphs);
        if (i == 0) {
            headline = largest_line(*page);
            if (headline.empty()) headline = std::string(trim(text.substr(0, text.find('\n'))));
        }
    }
    if (paragraphs.empty())
        throw Error(ErrorKind::bad_input, "PDF without text (scanned pages hold only images)");

    Article article;
    article.id = std::string(id);
    std::string title = collapse_whitespace(utf8_of(document->info_key("Title")));
    article.title = make_title(useful_title(title) ? title : headline);
    if (article.title.empty()) article.title = make_title(paragraphs.front());
    // The headline opens the first page's text too.
    if (!paragraphs.empty() && paragraphs.front() == article.title)
        paragraphs.erase(paragraphs.begin());
    else if (!paragraphs.empty() && paragraphs.front().starts_with(article.title + ' '))
        paragraphs.front().erase(0, article.title.size() + 1);
    article.author = collapse_whitespace(utf8_of(document->info_key("Author")));
    if (auto date = metadata_date(*document)) {
        article.date = date;
        article.date_source = "pdf metadata";
    }
    article.body = join_paragraphs(paragraphs);
    return {std::move(article)};
}

}  // namespace newsindex::readers
