// Plain-text articles: a title line, an optional subtitle line and an optional date line,
// then paragraphs separated by blank lines (the layout of corpus/ and of the datasets).

#include <deque>

#include "common/base/utf8.h"
#include "common/read/article_reader.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// A run of non-blank lines, each trimmed.
using Block = std::deque<std::string_view>;

std::deque<Block> split_blocks(std::string_view text) {
    std::deque<Block> blocks;
    Block current;
    for (std::size_t start = 0; start <= text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        if (line.empty()) {
            if (!current.empty()) blocks.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(line);
        }
    }
    if (!current.empty()) blocks.push_back(std::move(current));
    return blocks;
}

// Blocks after the title that may hold the date line or the subtitle.
constexpr std::size_t kHeaderBlocks = 3;
// A subtitle is one line at most this long.
constexpr std::size_t kMaxSubtitleChars = 200;

// "Ends like a sentence": the last character, past closing quotes and brackets, is
// '.', '!' or '?'. A one-line block that does is the first paragraph, not a subtitle.
bool ends_like_sentence(std::string_view line) {
    while (!line.empty()) {
        const char c = line.back();
        if (c == '"' || c == '\'' || c == ')') {
            line.remove_suffix(1);
        } else if (line.ends_with("\xE2\x80\x9D") || line.ends_with("\xE2\x80\x99")) {  // ” ’
            line.remove_suffix(3);
        } else {
            break;
        }
    }
    return !line.empty() && (line.back() == '.' || line.back() == '!' || line.back() == '?');
}

bool is_subtitle(const Block& block) {
    return block.size() == 1 && utf8::length(block.front()) <= kMaxSubtitleChars &&
           utf8::has_alnum(block.front()) && !ends_like_sentence(block.front());
}

// Takes the title (the first line with a letter or digit) off the front of `blocks`;
// a date line before it is taken as the date.
std::string take_title(std::deque<Block>& blocks, std::optional<Date>& date) {
    while (!blocks.empty()) {
        Block& block = blocks.front();
        const std::string_view line = block.front();
        block.pop_front();
        const bool block_done = block.empty();
        if (block_done) blocks.pop_front();
        if (!utf8::has_alnum(line)) continue;
        if (!date && !blocks.empty()) {
            if (const auto line_date = parse_date_line(line)) {
                date = line_date;
                continue;
            }
        }
        std::string title = make_title(line);
        // A line cut to a title's length stays whole in the body: every word of an
        // article is searchable, whatever its title became (one-line wire tables).
        if (title != collapse_whitespace(line)) blocks.push_front(Block{line});
        return title;
    }
    return {};
}

// The first one-line block near the top that is a date line.
std::optional<Date> take_date_line(std::deque<Block>& blocks) {
    for (std::size_t i = 0; i < blocks.size() && i < kHeaderBlocks; ++i) {
        if (blocks[i].size() != 1) continue;
        if (const auto date = parse_date_line(blocks[i].front())) {
            blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
            return date;
        }
    }
    return std::nullopt;
}

std::string fold(const Block& block) {
    std::string paragraph;
    for (const auto line : block) {
        if (!paragraph.empty()) paragraph += ' ';
        paragraph += line;
    }
    return paragraph;
}

}  // namespace

std::vector<Article> read_text(std::string_view text, std::string_view id,
                               std::vector<std::string>& /*warnings*/) {
    std::deque<Block> blocks = split_blocks(text);
    Article article;
    article.id = std::string(id);
    article.title = take_title(blocks, article.date);
    if (article.title.empty()) throw Error(ErrorKind::bad_input, "no text to use as a title");
    if (!article.date) article.date = take_date_line(blocks);
    // The subtitle needs something after it: a lone short line is the body.
    if (blocks.size() > 1 && is_subtitle(blocks.front())) {
        article.subtitle = collapse_whitespace(blocks.front().front());
        blocks.pop_front();
        if (!article.date) article.date = take_date_line(blocks);
    }
    std::vector<std::string> paragraphs;
    for (const auto& block : blocks) paragraphs.push_back(fold(block));
    drop_trailing_boilerplate(paragraphs);
    article.body = join_paragraphs(paragraphs);
    return {std::move(article)};
}

}  // namespace newsindex::readers
