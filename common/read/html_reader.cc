// HTML articles, parsed with gumbo. The text comes from the content scorer
// (content_scorer.h), the metadata from JSON-LD, microdata and <meta> (html_metadata.h);
// this file decides between them and fills the Article.

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "common/base/utf8.h"
#include "common/read/article_reader.h"
#include "common/read/content_scorer.h"
#include "common/read/furniture.h"
#include "common/read/html_metadata.h"
#include "common/read/html_tree.h"
#include "common/read/readers.h"

namespace newsindex::readers {

namespace {

using html::PageMetadata;

// Longest meta description kept as the subtitle; longer ones are summaries, not a dek.
constexpr std::size_t kMaxSubtitleChars = 300;
// Paragraphs at the top of the body that may be a printed date line or repeat the title.
constexpr std::size_t kTopParagraphs = 3;

std::string lower_text(std::string_view text) {
    return html::lower(text);
}

// The first `tag` element under `root` (document order) with a datetime when `dated`.
const GumboNode* first_in(const GumboNode* root, GumboTag tag, bool dated = false) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (!html::is_element(node)) continue;
        if (node->v.element.tag == tag && (!dated || !html::attribute(node, "datetime").empty()))
            return node;
        const GumboVector& kids = node->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back(html::child(kids, i));
    }
    return nullptr;
}

// Where the story is marked up, for the headline and the <time>: the scorer's choice,
// then the page's own <article> and <main>.
std::vector<const GumboNode*> story_containers(const PageMetadata& page,
                                               const html::Content& content) {
    std::vector<const GumboNode*> out;
    if (content.container != nullptr) out.push_back(content.container);
    if (!page.articles.empty()) out.push_back(page.articles.front());
    if (page.main != nullptr) out.push_back(page.main);
    return out;
}

std::string choose_title(const PageMetadata& page,
                         const std::vector<const GumboNode*>& containers) {
    if (!page.title.empty()) return make_title(page.title);
    // A headline in the story beats <title> when it is the same title without the site
    // name, or when there is no <title>.
    const std::string document_title = collapse_whitespace(page.document_title);
    for (const GumboNode* container : containers)
        if (const GumboNode* h1 = first_in(container, GUMBO_TAG_H1)) {
            const std::string heading = collapse_whitespace(html::text_of(h1));
            if (heading.empty()) continue;
            if (document_title.empty() ||
                lower_text(document_title).find(lower_text(heading)) != std::string::npos ||
                html::text_similarity(document_title, heading) > 0.75)
                return make_title(heading);
        }
    if (!document_title.empty()) {
        std::vector<std::string> headings;
        for (const GumboNode* h : page.headings)
            headings.push_back(collapse_whitespace(html::text_of(h)));
        return make_title(html::clean_document_title(document_title, headings));
    }
    for (const GumboNode* h : page.headings)
        if (h->v.element.tag == GUMBO_TAG_H1)
            if (auto title = html::text_of(h); !title.empty()) return make_title(title);
    return {};
}

bool same_text(std::string_view a, std::string_view b) {
    return lower_text(collapse_whitespace(a)) == lower_text(collapse_whitespace(b));
}

// The date and where it came from; see the README for the order.
void choose_date(const PageMetadata& page, const std::vector<const GumboNode*>& containers,
                 std::vector<std::string>& paragraphs, Article& article) {
    const auto take = [&](std::optional<Date> date, std::string source) {
        if (article.date || !date) return false;
        article.date = date;
        article.date_source = std::move(source);
        return true;
    };
    if (take(page.date, page.date_source)) return;
    // A <time> in the story before one elsewhere (a page header may show today's date).
    for (const GumboNode* container : containers)
        if (const GumboNode* time = first_in(container, GUMBO_TAG_TIME, true))
            if (take(parse_date(html::attribute(time, "datetime")), "time element")) return;
    for (const GumboNode* time : page.times)
        if (gumbo_get_attribute(&time->v.element.attributes, "pubdate"))
            if (take(parse_date(html::attribute(time, "datetime")), "time element")) return;
    if (take(page.modified, page.modified_source + " (modified)")) return;
    if (!page.times.empty() &&
        take(parse_date(html::attribute(page.times.front(), "datetime")), "time element"))
        return;
    if (!page.url.empty() && take(date_from_path(page.url), "url")) return;
    for (std::size_t i = 0; i < paragraphs.size() && i < kTopParagraphs; ++i)
        if (const auto date = parse_date_line(paragraphs[i])) {
            take(date, "date line");
            paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
}

// Longest italic phrase kept: titles of works are short; longer italics are quotations.
constexpr std::size_t kMaxItalicWords = 8;

// Whether the element sets code: <code>, <kbd>, <samp>, <tt>, or a class that says so
// ("code", "dr-code", "inline-code"), as blogs mark identifiers.
bool is_code(const GumboNode* node) {
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP ||
        tag == GUMBO_TAG_TT)
        return true;
    const std::string_view classes = html::attribute(node, "class");
    for (std::size_t at = classes.find("code"); at != std::string_view::npos;
         at = classes.find("code", at + 1)) {
        const std::size_t end = at + 4;
        const bool word_end = end == classes.size() || classes[end] == ' ';
        const bool word_start =
            at == 0 || classes[at - 1] == ' ' || classes[at - 1] == '-' || classes[at - 1] == '_';
        if (word_start && word_end) return true;
    }
    return false;
}

// The phrases set in <i>, <em> or <cite> amid roman text, titles of works, and those set
// as code, identifiers: for the tagger (Article::italic_phrases). A paragraph mostly in
// italics (a note, a credit, a list of where to watch a film) says nothing of its phrases;
// nor does one stressed word in <em> ("oh, <em>Apple</em>"). Code is code wherever it is.
// One walk, the enclosing block carried along, so that a deep page costs no more than a
// shallow one.
std::vector<std::string> italic_phrases(const GumboNode* root) {
    struct Italic {
        const GumboNode* block;
        std::string text;
        bool stress;  // <em>
        bool code = false;
    };
    struct Chars {
        std::size_t italic = 0, roman = 0;
    };
    std::vector<Italic> italics;
    std::unordered_map<const GumboNode*, Chars> chars;  // by block, its own text only
    std::vector<std::pair<const GumboNode*, const GumboNode*>> stack{{root, root}};
    while (!stack.empty()) {
        auto [node, block] = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT) {
            chars[block].roman += std::string_view(node->v.text.text).size();
            continue;
        }
        if (!html::is_element(node) || html::is_excluded(node->v.element.tag)) continue;
        const GumboTag tag = node->v.element.tag;
        if (is_code(node)) {
            italics.push_back(Italic{block, collapse_whitespace(html::text_of(node)), false, true});
            continue;
        }
        if (tag == GUMBO_TAG_I || tag == GUMBO_TAG_EM || tag == GUMBO_TAG_CITE) {
            italics.push_back(
                Italic{block, collapse_whitespace(html::text_of(node)), tag == GUMBO_TAG_EM});
            chars[block].italic += italics.back().text.size();
            continue;
        }
        if (html::is_block(tag)) block = node;
        const GumboVector& kids = node->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.emplace_back(html::child(kids, i), block);
    }
    std::vector<std::string> out;
    for (auto& i : italics) {
        const auto words = std::count(i.text.begin(), i.text.end(), ' ') + 1;
        const Chars& c = chars[i.block];
        if (!utf8::has_alnum(i.text) || words > static_cast<std::ptrdiff_t>(kMaxItalicWords) ||
            (!i.code && ((i.stress && words == 1) || c.italic >= c.roman)))
            continue;
        if (std::find(out.begin(), out.end(), i.text) == out.end())
            out.push_back(std::move(i.text));
    }
    return out;
}

std::size_t total_size(const std::vector<std::string>& paragraphs) {
    std::size_t n = 0;
    for (const auto& p : paragraphs) n += p.size();
    return n;
}

}  // namespace

std::vector<Article> read_html(std::string_view html_text, std::string_view id,
                               std::vector<std::string>& warnings) {
    const html::GumboTree tree = html::parse(html_text, &warnings);
    const PageMetadata page = html::read_metadata(tree->document);
    const GumboNode* root = page.body != nullptr ? page.body : tree->document;
    html::Content content = html::extract_content(root);
    std::vector<std::string> paragraphs = std::move(content.paragraphs);
    // JSON-LD articleBody is the publisher's own text of the story: better than a page
    // whose markup hid most of it from the scorer.
    if (!page.article_body.empty() && total_size(paragraphs) * 2 < page.article_body.size())
        paragraphs = split_paragraphs(page.article_body);
    drop_furniture(paragraphs);

    const auto containers = story_containers(page, content);
    Article article;
    article.id = std::string(id);
    article.title = choose_title(page, containers);
    if (article.title.empty()) {
        if (paragraphs.empty()) throw Error(ErrorKind::bad_input, "no title or text in the HTML");
        article.title = make_title(paragraphs.front());
    }
    // The headline usually opens the story too; it is the title, not body text.
    for (std::size_t i = 0; i < paragraphs.size() && i < kTopParagraphs; ++i)
        if (same_text(paragraphs[i], article.title)) {
            paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }

    if (utf8::length(page.description) <= kMaxSubtitleChars)
        article.subtitle = strip_trailing_credit(page.description);
    choose_date(page, containers, paragraphs, article);
    drop_trailing_boilerplate(paragraphs);
    article.body = join_paragraphs(paragraphs);
    article.italic_phrases = italic_phrases(root);

    article.source = page.site_name;
    article.url = page.url;
    article.author = page.author;
    article.language = page.language;
    if (article.author.empty() && !content.byline.empty() && content.byline.size() < 80) {
        std::string byline = content.byline;
        for (const std::string_view by : {"By ", "by ", "BY "})
            if (byline.starts_with(by)) byline.erase(0, by.size());
        article.author = collapse_whitespace(byline);
    }
    return {std::move(article)};
}

std::vector<std::string> html_fragment_paragraphs(std::string_view html_text) {
    const html::GumboTree tree = html::parse(html_text, nullptr);
    std::vector<std::string> paragraphs = html::paragraphs_of(tree->document);
    drop_furniture(paragraphs);
    return paragraphs;
}

}  // namespace newsindex::readers
