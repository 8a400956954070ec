// Markdown with cmark (the CommonMark reference parser): the first heading is the title,
// the text of every other block a paragraph, markup dropped (link texts kept, images and
// HTML left out). A YAML front matter block's title and date are used when present.

#include <cmark.h>

#include <memory>

#include "common/base/error.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};

// The plain text under `node`: text, code, and line breaks as spaces.
void append_text(cmark_node* node, std::string& out) {
    for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
         child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* literal = cmark_node_get_literal(child)) out += literal;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            case CMARK_NODE_IMAGE:
            case CMARK_NODE_HTML_INLINE:
                break;
            default:
                append_text(child, out);
        }
    }
}

// Paragraphs of the blocks under `node`, depth first (list items, quotes).
void collect_blocks(cmark_node* node, std::string& title, std::vector<std::string>& paragraphs) {
    for (cmark_node* block = cmark_node_first_child(node); block != nullptr;
         block = cmark_node_next(block)) {
        const cmark_node_type type = cmark_node_get_type(block);
        if (type == CMARK_NODE_HEADING || type == CMARK_NODE_PARAGRAPH) {
            std::string text;
            append_text(block, text);
            text = collapse_whitespace(text);
            if (text.empty()) continue;
            if (type == CMARK_NODE_HEADING && title.empty() && paragraphs.empty())
                title = std::move(text);
            else
                paragraphs.push_back(std::move(text));
        } else if (type == CMARK_NODE_CODE_BLOCK) {
            if (const char* literal = cmark_node_get_literal(block))
                for (auto& p : split_paragraphs(literal)) paragraphs.push_back(std::move(p));
        } else if (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_THEMATIC_BREAK) {
            collect_blocks(block, title, paragraphs);
        }
    }
}

// "key: value" lines of a front matter block ("---" lines around it) at the very top;
// the rest of the text after it.
std::string_view front_matter(std::string_view text, std::string_view& rest) {
    rest = text;
    if (!text.starts_with("---\n")) return {};
    const auto end = text.find("\n---\n", 3);
    if (end == std::string_view::npos) return {};
    rest = text.substr(end + 5);
    return text.substr(4, end - 3);
}

std::string front_matter_value(std::string_view block, std::string_view key) {
    for (std::size_t start = 0; start < block.size();) {
        auto end = block.find('\n', start);
        if (end == std::string_view::npos) end = block.size();
        const std::string_view line = block.substr(start, end - start);
        if (line.starts_with(key) && line.substr(key.size()).starts_with(":")) {
            std::string_view value = trim(line.substr(key.size() + 1));
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
                value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        start = end + 1;
    }
    return {};
}

}  // namespace

std::vector<Article> read_markdown(std::string_view markdown, std::string_view id,
                                   std::vector<std::string>&) {
    std::string_view text;
    const std::string_view front = front_matter(markdown, text);
    const std::unique_ptr<cmark_node, NodeDeleter> document(
        cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
    if (!document) throw Error(ErrorKind::bad_input, "Markdown that cmark cannot parse");
    std::string heading;
    std::vector<std::string> paragraphs;
    collect_blocks(document.get(), heading, paragraphs);
    drop_trailing_boilerplate(paragraphs);

    Article article;
    article.id = std::string(id);
    const std::string front_title = front_matter_value(front, "title");
    article.title = make_title(!front_title.empty() ? front_title : heading);
    if (article.title.empty() && !paragraphs.empty()) {
        article.title = make_title(paragraphs.front());
        paragraphs.erase(paragraphs.begin());
    }
    if (article.title.empty())
        throw Error(ErrorKind::bad_input, "no heading or text in the Markdown");
    if (auto date = parse_date(front_matter_value(front, "date"))) {
        article.date = date;
        article.date_source = "front matter";
    } else if (!paragraphs.empty()) {
        if (auto line_date = parse_date_line(paragraphs.front())) {
            article.date = line_date;
            article.date_source = "date line";
            paragraphs.erase(paragraphs.begin());
        }
    }
    article.author = front_matter_value(front, "author");
    article.body = join_paragraphs(paragraphs);
    return {std::move(article)};
}

}  // namespace newsindex::readers
