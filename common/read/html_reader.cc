// HTML articles, parsed with gumbo: metadata from <meta>/<title>/<time>, body text from
// <article>, <main> or <body> without navigation, scripts and other page furniture.

#include <gumbo.h>

#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <optional>

#include "common/base/utf8.h"
#include "common/read/article_reader.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

// ---- Nesting limit ----
//
// gumbo 0.10 has no depth limit: its scope checks cost O(depth) per element and it frees
// the tree recursively, so 50,000 nested <div>s take seconds and a few million overflow
// the stack. This pre-pass drops start and end tags beyond kMaxDepth; it only tokenises
// (comments, quoted attributes, raw-text elements), the real parsing stays with gumbo.
constexpr int kMaxDepth = 256;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

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

// ---- gumbo ----

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

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

bool is_element(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

const GumboVector& children(const GumboNode* node) {
    return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

std::string_view attribute(const GumboNode* node, const char* name) {
    if (!is_element(node)) return {};
    const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
    return attr == nullptr ? std::string_view{} : std::string_view{attr->value};
}

// Page furniture whose text is never article text.
bool is_excluded(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER:
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

// Elements that start and end a paragraph of the extracted text.
bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
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

// Paragraphs of the text under `root`. An explicit stack, not recursion: the tree can
// still be a few hundred levels deep and callers may run on small thread stacks.
std::vector<std::string> paragraphs_of(const GumboNode* root) {
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
    std::vector<Frame> stack{{root, false}};
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
        const GumboTag tag =
            node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : node->v.element.tag;
        const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
        if (frame.leaving) {
            if (is_block(tag)) flush();
            if (cell) current += ' ';
            continue;
        }
        if (node != root && is_element(node) &&
            (is_excluded(tag) || gumbo_get_attribute(&node->v.element.attributes, "hidden")))
            continue;
        if (is_block(tag)) flush();
        stack.push_back({node, true});
        const GumboVector& kids = children(node);
        for (unsigned i = kids.length; i-- > 0;)
            stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
    }
    flush();
    return paragraphs;
}

std::string text_of(const GumboNode* node) {
    return join_paragraphs(paragraphs_of(node));
}

// What one walk over the whole tree finds.
struct PageParts {
    std::map<std::string, std::string> meta;  // lower-case property/name/itemprop -> content
    std::string title;                        // <title>
    std::string canonical;                    // <link rel=canonical href>
    std::string time;                         // first <time datetime>
    const GumboNode* article = nullptr;
    const GumboNode* main = nullptr;
    const GumboNode* body = nullptr;
    const GumboNode* first_h1 = nullptr;
};

PageParts collect_parts(const GumboNode* document) {
    PageParts parts;
    std::vector<const GumboNode*> stack{document};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type != GUMBO_NODE_DOCUMENT && !is_element(node)) continue;
        if (is_element(node)) {
            switch (node->v.element.tag) {
                case GUMBO_TAG_META: {
                    const std::string_view content = attribute(node, "content");
                    for (const char* key_attribute : {"property", "name", "itemprop"}) {
                        const std::string key = lower(attribute(node, key_attribute));
                        if (!key.empty() && !content.empty())
                            parts.meta.emplace(key, std::string(content));
                    }
                    break;
                }
                case GUMBO_TAG_TITLE:
                    if (parts.title.empty()) parts.title = text_of(node);
                    break;
                case GUMBO_TAG_LINK:
                    if (lower(attribute(node, "rel")) == "canonical" && parts.canonical.empty())
                        parts.canonical = std::string(attribute(node, "href"));
                    break;
                case GUMBO_TAG_TIME:
                    if (parts.time.empty()) parts.time = attribute(node, "datetime");
                    break;
                case GUMBO_TAG_ARTICLE:
                    if (parts.article == nullptr) parts.article = node;
                    break;
                case GUMBO_TAG_MAIN:
                    if (parts.main == nullptr) parts.main = node;
                    break;
                case GUMBO_TAG_BODY:
                    if (parts.body == nullptr) parts.body = node;
                    break;
                case GUMBO_TAG_H1:
                    if (parts.first_h1 == nullptr) parts.first_h1 = node;
                    break;
                default:
                    break;
            }
        }
        const GumboVector& kids = children(node);
        for (unsigned i = kids.length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
    return parts;
}

// The first `tag` element under `root` (document order) that `accept` takes.
const GumboNode* first_in(const GumboNode* root, GumboTag tag,
                          bool (*accept)(const GumboNode*) = nullptr) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (!is_element(node)) continue;
        if (node->v.element.tag == tag && (accept == nullptr || accept(node))) return node;
        const GumboVector& kids = node->v.element.children;
        for (unsigned i = kids.length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
    return nullptr;
}

std::string first_meta(const PageParts& parts, std::initializer_list<const char*> keys) {
    for (const char* key : keys)
        if (const auto it = parts.meta.find(key); it != parts.meta.end()) {
            std::string value = collapse_whitespace(it->second);
            if (!value.empty()) return value;
        }
    return {};
}

// Longest meta description kept as the subtitle; longer ones are summaries, not a dek.
constexpr std::size_t kMaxSubtitleChars = 300;
// Paragraphs at the top of the body that may be a printed date line.
constexpr std::size_t kDateLineParagraphs = 3;

std::string choose_title(const PageParts& parts, const GumboNode* container) {
    if (auto title = first_meta(parts, {"og:title", "twitter:title"}); !title.empty())
        return make_title(title);
    if (container == parts.article || container == parts.main)
        if (const GumboNode* h1 = first_in(container, GUMBO_TAG_H1))
            if (auto title = text_of(h1); !title.empty()) return make_title(title);
    if (!parts.title.empty()) return make_title(parts.title);
    if (parts.first_h1 != nullptr) return make_title(text_of(parts.first_h1));
    return {};
}

bool has_datetime(const GumboNode* node) {
    return !attribute(node, "datetime").empty();
}

std::optional<Date> metadata_date(const PageParts& parts, const GumboNode* container) {
    if (auto date = parse_date(first_meta(parts, {"article:published_time"}))) return date;
    // A <time> in the article before one elsewhere (a page header may show today's date).
    if (container != nullptr)
        if (const GumboNode* time = first_in(container, GUMBO_TAG_TIME, has_datetime))
            if (auto date = parse_date(attribute(time, "datetime"))) return date;
    if (auto date = parse_date(parts.time)) return date;
    return parse_date(
        first_meta(parts, {"date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
                           "dcterms.date", "dcterms.issued", "datepublished", "og:published_time",
                           "sailthru.date", "parsely-pub-date"}));
}

}  // namespace

std::vector<Article> read_html(std::string_view html, std::string_view id,
                               std::vector<std::string>& warnings) {
    const GumboTree tree = parse(html, &warnings);
    const PageParts parts = collect_parts(tree->document);
    const GumboNode* container = parts.article != nullptr ? parts.article
                                 : parts.main != nullptr  ? parts.main
                                                          : parts.body;
    Article article;
    article.id = std::string(id);
    article.title = choose_title(parts, container);
    std::vector<std::string> paragraphs =
        container != nullptr ? paragraphs_of(container) : std::vector<std::string>{};
    if (article.title.empty()) {
        if (paragraphs.empty()) throw Error(ErrorKind::bad_input, "no title or text in the HTML");
        article.title = make_title(paragraphs.front());
    }
    // The headline usually opens <article> too; it is the title, not body text.
    if (!paragraphs.empty() && collapse_whitespace(paragraphs.front()) == article.title)
        paragraphs.erase(paragraphs.begin());

    const std::string description =
        first_meta(parts, {"og:description", "description", "twitter:description"});
    if (utf8::length(description) <= kMaxSubtitleChars) article.subtitle = description;

    article.date = metadata_date(parts, container);
    for (std::size_t i = 0; !article.date && i < paragraphs.size() && i < kDateLineParagraphs; ++i)
        if (const auto date = parse_date_line(paragraphs[i])) {
            article.date = date;
            paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
        }
    drop_trailing_boilerplate(paragraphs);
    article.body = join_paragraphs(paragraphs);

    article.source = first_meta(parts, {"og:site_name", "application-name"});
    article.url = first_meta(parts, {"og:url"});
    if (article.url.empty()) article.url = collapse_whitespace(parts.canonical);
    article.author = first_meta(parts, {"author", "article:author", "byl"});
    if (article.author.starts_with("http://") || article.author.starts_with("https://"))
        article.author.clear();  // article:author is often a profile URL
    return {std::move(article)};
}

std::vector<std::string> html_fragment_paragraphs(std::string_view html) {
    const GumboTree tree = parse(html, nullptr);
    return paragraphs_of(tree->document);
}

}  // namespace newsindex::readers
