// RSS 0.9x, 1.0 (RDF) and 2.0 feeds and Atom 1.0 feeds: every item an article, the
// feed's title as its source. Titles and contents that hold HTML (escaped or in CDATA,
// as nearly every feed writes them) go through the HTML reader's paragraph extraction.

#include <libxml/uri.h>

#include <set>

#include "common/base/error.h"
#include "common/read/readers.h"
#include "common/read/xml_formats.h"
#include "common/read/xml_tree.h"

namespace newsindex::readers {

namespace {

// Longest summary kept as the subtitle of an item whose full content is the body.
constexpr std::size_t kMaxSubtitleBytes = 600;

bool looks_like_markup(std::string_view text) {
    for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1))
        if (at + 1 < text.size() && (std::isalpha(static_cast<unsigned char>(text[at + 1])) ||
                                     text[at + 1] == '/' || text[at + 1] == '!'))
            return true;
    return text.find('&') != std::string_view::npos && text.find(';') != std::string_view::npos;
}

// The paragraphs of a feed's text field, HTML or plain.
std::vector<std::string> text_paragraphs(std::string_view text) {
    if (looks_like_markup(text)) return html_fragment_paragraphs(text);
    return split_paragraphs(text);
}

// A title as plain text: "<b>Big</b> news" and "AT&amp;T" as a reader sees them.
std::string plain_title(std::string_view text) {
    if (!looks_like_markup(text)) return make_title(text);
    std::string joined;
    for (const auto& paragraph : html_fragment_paragraphs(text)) {
        if (!joined.empty()) joined += ' ';
        joined += paragraph;
    }
    return make_title(joined);
}

// The raw text of an element (its text and CDATA children, markup as written).
std::string raw_text(const xmlNode* node) {
    std::string out;
    if (node == nullptr) return out;
    for (const xmlNode* n = node->children; n != nullptr; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            out += reinterpret_cast<const char*>(n->content);
    return out;
}

void add_keyword(Article& article, std::string keyword) {
    keyword = collapse_whitespace(keyword);
    if (keyword.empty()) return;
    for (const auto& known : article.keywords)
        if (known == keyword) return;
    article.keywords.push_back(std::move(keyword));
}

// Ids of a feed's items: the guid (or link) where each item has its own, since a feed
// fetched again shifts every item's position; else the position.
class ItemIds {
public:
    explicit ItemIds(std::string_view id) : id_(id) {}
    std::string next(std::string stable) {
        ++position_;
        stable = std::string(trim(stable));
        if (!stable.empty() && seen_.insert(stable).second) return std::string(id_) + "#" + stable;
        return std::string(id_) + "#item-" + std::to_string(position_);
    }
    std::size_t position() const { return position_; }

private:
    std::string_view id_;
    std::size_t position_ = 0;
    std::set<std::string> seen_;
};

// What every item becomes, whichever feed it came from.
struct Item {
    std::string title;
    std::string summary;  // description / summary, as written (HTML or text)
    std::string content;  // content:encoded / content, as written
    std::vector<std::string> content_paragraphs;  // Atom xhtml content, already parsed
    std::string link;
    std::string date;
    std::string date_source;
    std::string author;
    std::vector<std::string> keywords;
};

// The article of one item; nothing, with a warning, when it has neither title nor text.
std::optional<Article> article_of(Item item, std::string item_id, const std::string& feed_title,
                                  std::size_t position, std::vector<std::string>& warnings) {
    Article article;
    article.id = std::move(item_id);
    std::vector<std::string> paragraphs = std::move(item.content_paragraphs);
    if (paragraphs.empty() && !trim(item.content).empty())
        paragraphs = text_paragraphs(item.content);
    if (paragraphs.empty()) {
        paragraphs = text_paragraphs(item.summary);
    } else if (const auto summary = text_paragraphs(item.summary);
               summary.size() == 1 && summary.front().size() <= kMaxSubtitleBytes) {
        article.subtitle = summary.front();
    }
    drop_trailing_boilerplate(paragraphs);
    article.title = plain_title(item.title);
    if (article.title.empty() && !paragraphs.empty())
        article.title = make_title(paragraphs.front());
    if (article.title.empty()) {
        warnings.push_back("item " + std::to_string(position) + ": no title or text, skipped");
        return std::nullopt;
    }
    if (!paragraphs.empty() && collapse_whitespace(paragraphs.front()) == article.title)
        paragraphs.erase(paragraphs.begin());
    if (article.subtitle == article.title) article.subtitle.clear();
    article.body = join_paragraphs(paragraphs);
    article.url = std::string(trim(item.link));
    article.author = collapse_whitespace(item.author);
    article.source = feed_title;
    if (const auto date = parse_date(trim(item.date))) {
        article.date = date;
        article.date_source = item.date_source;
    }
    for (auto& keyword : item.keywords) add_keyword(article, std::move(keyword));
    return article;
}

std::string first_text(const xmlNode* parent, std::initializer_list<std::string_view> names,
                       std::string* which = nullptr) {
    for (const auto name : names)
        if (const xmlNode* child = xml::first_child(parent, name))
            if (std::string text = xml::text(child); !text.empty()) {
                if (which != nullptr) *which = std::string(name);
                return text;
            }
    return {};
}

}  // namespace

std::vector<Article> read_rss(const xmlNode* root, std::string_view id,
                              std::vector<std::string>& warnings) {
    const xmlNode* channel = xml::first_child(root, "channel");
    const std::string feed_title = plain_title(xml::child_text(channel, "title"));
    // RSS 0.9x and 2.0 put the items inside <channel>, RSS 1.0 beside it.
    std::vector<const xmlNode*> items = xml::children(channel, "item");
    if (items.empty()) items = xml::children(root, "item");
    ItemIds ids(id);
    std::vector<Article> articles;
    for (const xmlNode* node : items) {
        Item item;
        item.title = raw_text(xml::first_child(node, "title"));
        item.summary = raw_text(xml::first_child(node, "description"));
        item.content = raw_text(xml::first_child(node, "encoded"));  // content:encoded
        item.link = xml::child_text(node, "link");
        if (item.link.empty()) item.link = xml::attribute(node, "about");  // RSS 1.0
        std::string which;
        item.date = first_text(node, {"pubDate", "date", "published", "updated"}, &which);
        item.date_source = which == "date" ? "dc:date" : which;
        item.author = first_text(node, {"creator", "author"});
        for (const xmlNode* category : xml::children(node, "category"))
            item.keywords.push_back(xml::text(category));
        for (const xmlNode* subject : xml::children(node, "subject"))  // dc:subject
            item.keywords.push_back(xml::text(subject));
        const std::string guid = xml::child_text(node, "guid");
        std::string item_id = ids.next(guid.empty() ? item.link : guid);
        if (auto article = article_of(std::move(item), std::move(item_id), feed_title,
                                      ids.position(), warnings))
            articles.push_back(std::move(*article));
    }
    if (articles.empty())
        throw Error(ErrorKind::bad_input,
                    items.empty() ? "feed without items" : "no item with text");
    return articles;
}

namespace {

// An Atom text construct: type="xhtml" holds markup as elements, "html" as escaped text.
void read_atom_text(const xmlNode* node, std::string& as_written,
                    std::vector<std::string>* paragraphs) {
    if (node == nullptr) return;
    if (xml::attribute(node, "type") == "xhtml") {
        if (paragraphs != nullptr) {
            *paragraphs = xml::paragraphs(node);
        } else {
            as_written = xml::text(node);
        }
        return;
    }
    as_written = raw_text(node);
}

std::string atom_link(const xmlNode* entry) {
    std::string fallback;
    for (const xmlNode* link : xml::children(entry, "link")) {
        const std::string rel = xml::attribute(link, "rel");
        if (rel.empty() || rel == "alternate") return xml::attribute(link, "href");
        if (fallback.empty()) fallback = xml::attribute(link, "href");
    }
    return fallback;
}

// `link` resolved against the feed's base (xml:base, else the feed's own link): weblogs
// write entry links relative to their site ("/blog/2012/07/16/post").
std::string absolute_link(const std::string& link, const std::string& base) {
    if (link.empty() || base.empty() || link.find("://") != std::string::npos) return link;
    xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(link.c_str()),
                                 reinterpret_cast<const xmlChar*>(base.c_str()));
    if (built == nullptr) return link;
    std::string absolute(reinterpret_cast<const char*>(built));
    xmlFree(built);
    return absolute;
}

}  // namespace

std::vector<Article> read_atom(const xmlNode* root, std::string_view id,
                               std::vector<std::string>& warnings) {
    std::string feed_title;
    read_atom_text(xml::first_child(root, "title"), feed_title, nullptr);
    feed_title = plain_title(feed_title);
    std::string self;
    for (const xmlNode* link : xml::children(root, "link"))
        if (xml::attribute(link, "rel") == "self") self = xml::attribute(link, "href");
    std::string base = xml::attribute(root, "base");
    if (base.empty()) base = absolute_link(atom_link(root), self);
    if (base.empty()) base = self;
    const std::vector<const xmlNode*> entries = xml::children(root, "entry");
    ItemIds ids(id);
    std::vector<Article> articles;
    for (const xmlNode* entry : entries) {
        Item item;
        read_atom_text(xml::first_child(entry, "title"), item.title, nullptr);
        read_atom_text(xml::first_child(entry, "summary"), item.summary, nullptr);
        read_atom_text(xml::first_child(entry, "content"), item.content, &item.content_paragraphs);
        item.link = absolute_link(atom_link(entry), base);
        std::string which;
        item.date = first_text(entry, {"published", "updated", "issued", "modified"}, &which);
        item.date_source = "atom " + which;
        if (which == "updated" || which == "modified") item.date_source += " (modified)";
        if (const xmlNode* author = xml::first_child(entry, "author"))
            item.author = xml::child_text(author, "name");
        for (const xmlNode* category : xml::children(entry, "category")) {
            std::string label = xml::attribute(category, "label");
            item.keywords.push_back(label.empty() ? xml::attribute(category, "term") : label);
        }
        std::string item_id = ids.next(xml::child_text(entry, "id"));
        if (auto article = article_of(std::move(item), std::move(item_id), feed_title,
                                      ids.position(), warnings))
            articles.push_back(std::move(*article));
    }
    if (articles.empty())
        throw Error(ErrorKind::bad_input,
                    entries.empty() ? "feed without entries" : "no entry with text");
    return articles;
}

}  // namespace newsindex::readers
