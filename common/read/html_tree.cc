// Parsing HTML with gumbo, and walking the tree it gives.

#include "common/read/html_tree.h"

#include <array>
#include <cctype>
#include <optional>

#include "common/base/error.h"
#include "common/read/readers.h"

namespace newsindex::readers::html {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

namespace {

// ---- Nesting limit ----
//
// gumbo 0.10 has no depth limit: its scope checks cost O(depth) per element and it frees
// the tree recursively, so 50,000 nested <div>s take seconds and a few million overflow
// the stack. This pre-pass drops start and end tags beyond kMaxDepth; it only tokenises
// (comments, quoted attributes, raw-text elements), the real parsing stays with gumbo.
constexpr int kMaxDepth = 256;

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Elements that never nest: void elements, and those whose end tag is optional because
// the next sibling closes them.
bool adds_depth(std::string_view name) {
    constexpr std::array<std::string_view, 35> kFlat = {
        "area",  "base",     "br",      "col",      "embed", "hr",     "img",   "input", "link",
        "meta",  "param",    "source",  "track",    "wbr",   "keygen", "frame", "p",     "li",
        "dt",    "dd",       "option",  "optgroup", "tr",    "td",     "th",    "thead", "tbody",
        "tfoot", "colgroup", "caption", "rb",       "rt",    "rp",     "html",  "body",
    };
    for (const auto flat : kFlat)
        if (name == flat) return false;
    return name != "head";
}

bool is_raw_text(std::string_view name) {
    return name == "script" || name == "style" || name == "textarea" || name == "title" ||
           name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes";
}

// End of the tag starting at `start` ('<'): one past its '>' (quotes respected).
std::size_t tag_end(std::string_view html, std::size_t start) {
    char quote = 0;
    for (std::size_t i = start + 1; i < html.size(); ++i) {
        const char c = html[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return html.size();
}

// `html` without the tags nested deeper than kMaxDepth; nothing when none were.
std::optional<std::string> limit_nesting(std::string_view html) {
    std::string out;
    bool dropped = false;
    int depth = 0;
    std::size_t copied = 0;  // html[copied..i) is still to be copied to `out`
    std::size_t i = 0;
    const auto drop = [&](std::size_t from, std::size_t to) {
        if (!dropped) out.reserve(html.size());
        out.append(html.substr(copied, from - copied));
        copied = to;
        dropped = true;
    };
    while ((i = html.find('<', i)) != std::string_view::npos) {
        const std::string_view rest = html.substr(i);
        if (rest.starts_with("<!--")) {
            const auto close = html.find("-->", i + 4);
            i = close == std::string_view::npos ? html.size() : close + 3;
            continue;
        }
        const bool closing = rest.size() > 1 && rest[1] == '/';
        const std::size_t name_start = i + 1 + (closing ? 1 : 0);
        if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) {
            i = tag_end(html, i);
            continue;
        }
        if (name_start >= html.size() || !is_alpha(html[name_start])) {
            ++i;
            continue;
        }
        std::size_t name_end = name_start;
        while (name_end < html.size() && html[name_end] != '>' && html[name_end] != '/' &&
               !std::isspace(static_cast<unsigned char>(html[name_end])))
            ++name_end;
        const std::string name = lower(html.substr(name_start, name_end - name_start));
        const std::size_t end = tag_end(html, i);
        const bool self_closing = end >= 2 && html[end - 2] == '/';
        if (closing) {
            if (adds_depth(name) && !is_raw_text(name)) {
                if (depth > kMaxDepth) drop(i, end);
                if (depth > 0) --depth;
            }
        } else if (is_raw_text(name)) {
            // Everything up to the matching end tag is text, not markup.
            const std::string lowered_end = "</" + name;
            std::size_t k = end;
            while (k < html.size()) {
                k = html.find("</", k);
                if (k == std::string_view::npos) {
                    k = html.size();
                    break;
                }
                if (lower(html.substr(k, lowered_end.size())) == lowered_end) break;
                k += 2;
            }
            i = k;
            continue;
        } else if (name == "plaintext") {
            break;
        } else if (adds_depth(name) && !self_closing) {
            if (++depth > kMaxDepth) drop(i, end);
        }
        i = end;
    }
    if (!dropped) return std::nullopt;
    out.append(html.substr(copied));
    return out;
}

}  // namespace

void GumboOutputDeleter::operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
}

GumboTree parse(std::string_view html, std::vector<std::string>* warnings) {
    const std::optional<std::string> limited = limit_nesting(html);
    if (limited) {
        html = *limited;
        if (warnings != nullptr)
            warnings->push_back("nesting deeper than " + std::to_string(kMaxDepth) +
                                " levels in HTML; the deeper tags were ignored");
    }
    GumboOptions options = kGumboDefaultOptions;
    // Error records copy the open-element stack each time; nobody reads them.
    options.max_errors = 0;
    GumboTree tree(gumbo_parse_with_options(&options, html.data(), html.size()));
    if (!tree) throw Error(ErrorKind::bad_input, "cannot parse HTML");
    return tree;
}

const GumboVector& children(const GumboNode* node) {
    return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

std::string_view attribute(const GumboNode* node, const char* name) {
    if (!is_element(node)) return {};
    const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
    return attr == nullptr ? std::string_view{} : std::string_view{attr->value};
}

bool is_excluded(GumboTag tag, bool with_header) {
    switch (tag) {
        case GUMBO_TAG_HEADER:
            return with_header;
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
            return true;
        default:
            return false;
    }
}

bool is_heading(GumboTag tag) {
    return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
           tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool is_block(GumboTag tag) {
    if (is_heading(tag)) return true;
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_HGROUP:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_BODY:
            return true;
        default:
            return false;
    }
}

std::vector<std::string> paragraphs_of(const std::vector<const GumboNode*>& roots,
                                       const NodeSet* skip, bool with_header) {
    struct Frame {
        const GumboNode* node;
        bool leaving;
    };
    std::vector<std::string> paragraphs;
    std::string current;
    const auto flush = [&] {
        std::string paragraph = collapse_whitespace(current);
        if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
        current.clear();
    };
    std::vector<Frame> stack;
    for (const GumboNode* root : roots) {
        stack.push_back({root, false});
        while (!stack.empty()) {
            const Frame frame = stack.back();
            stack.pop_back();
            const GumboNode* node = frame.node;
            switch (node->type) {
                case GUMBO_NODE_TEXT:
                case GUMBO_NODE_CDATA:
                case GUMBO_NODE_WHITESPACE:
                    current += node->v.text.text;
                    continue;
                case GUMBO_NODE_COMMENT:
                    continue;
                case GUMBO_NODE_DOCUMENT:
                case GUMBO_NODE_ELEMENT:
                case GUMBO_NODE_TEMPLATE:
                    break;
            }
            const GumboTag tag = tag_of(node);
            const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
            if (frame.leaving) {
                if (is_block(tag)) flush();
                if (cell) current += ' ';
                continue;
            }
            if (node != root && is_element(node) &&
                (is_excluded(tag, with_header) ||
                 gumbo_get_attribute(&node->v.element.attributes, "hidden") ||
                 (skip != nullptr && skip->contains(node))))
                continue;
            if (is_block(tag)) flush();
            stack.push_back({node, true});
            const GumboVector& kids = children(node);
            for (unsigned i = kids.length; i-- > 0;) stack.push_back({child(kids, i), false});
        }
        flush();
    }
    return paragraphs;
}

std::vector<std::string> paragraphs_of(const GumboNode* root) {
    return paragraphs_of(std::vector<const GumboNode*>{root});
}

std::string text_of(const GumboNode* node) {
    return join_paragraphs(paragraphs_of(node));
}

}  // namespace newsindex::readers::html
