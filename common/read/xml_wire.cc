// Wire items: NITF, IPTC NewsML-G2 (a newsItem, or a newsMessage of several) and NewsML 1
// (NewsItem / NewsComponent). Each gives headline, subtitle (the second headline, else the
// dateline), body, date, source, author and the subjects and keywords it carries.

#include "common/base/error.h"
#include "common/read/readers.h"
#include "common/read/xml_formats.h"
#include "common/read/xml_tree.h"

namespace newsindex::readers {

namespace {

void add_keyword(Article& article, std::string_view keyword) {
    std::string clean = collapse_whitespace(keyword);
    if (clean.empty()) return;
    for (const auto& known : article.keywords)
        if (known == clean) return;
    article.keywords.push_back(std::move(clean));
}

// "By BERNARD CONDON" -> "BERNARD CONDON".
std::string without_by(std::string text) {
    text = collapse_whitespace(text);
    if (text == "By" || text == "by" || text == "BY") return {};
    for (const std::string_view by : {"By ", "by ", "BY "})
        if (text.starts_with(by)) return text.substr(by.size());
    return text;
}

bool take_date(Article& article, std::string_view value, std::string_view source) {
    if (article.date) return true;
    const auto date = parse_date(trim(value));
    if (!date) return false;
    article.date = date;
    article.date_source = std::string(source);
    return true;
}

// "en-GB" -> "en": what the file declares, for the language detector to confirm.
std::string language_code(std::string_view tag) {
    tag = trim(tag);
    const std::string_view code = tag.substr(0, tag.find_first_of("-_"));
    return code.size() == 2 ? std::string(code) : std::string{};
}

// "nprov:REUTERS" -> "REUTERS".
std::string qcode_value(std::string_view qcode) {
    const auto colon = qcode.find(':');
    return std::string(colon == std::string_view::npos ? qcode : qcode.substr(colon + 1));
}

// Title, body and what else an article needs before it is one.
void finish(Article& article, std::vector<std::string> paragraphs, std::string_view what) {
    drop_trailing_boilerplate(paragraphs);
    if (article.title.empty() && !paragraphs.empty())
        article.title = make_title(paragraphs.front());
    if (article.title.empty())
        throw Error(ErrorKind::bad_input, std::string(what) + " without headline or text");
    if (collapse_whitespace(article.subtitle) == article.title) article.subtitle.clear();
    article.body = join_paragraphs(paragraphs);
}

// The NITF story held by `nitf` (the root, or the <nitf> a NewsML item embeds).
void read_nitf_into(const xmlNode* nitf, Article& article, std::vector<std::string>& paragraphs) {
    const xmlNode* head = xml::first_child(nitf, "head");
    const xmlNode* body = xml::first_child(nitf, "body");
    const xmlNode* body_head = xml::first_child(body, "body.head");
    const xmlNode* hedline = xml::first_child(body_head, "hedline");
    if (article.title.empty()) article.title = make_title(xml::child_text(hedline, "hl1"));
    if (article.title.empty()) article.title = make_title(xml::child_text(head, "title"));
    if (article.subtitle.empty()) article.subtitle = xml::child_text(hedline, "hl2");
    if (article.subtitle.empty() || collapse_whitespace(article.subtitle) == article.title)
        article.subtitle = xml::text(xml::first_child(body_head, "dateline"));
    if (article.author.empty()) {
        // The byline's own text, without the title <byttl> inside it.
        const xmlNode* byline = xml::first_child(body_head, "byline");
        std::string name;
        if (byline != nullptr)
            for (const xmlNode* n = byline->children; n != nullptr; n = n->next)
                if (n->type == XML_TEXT_NODE && n->content)
                    name += reinterpret_cast<const char*>(n->content);
        name = without_by(name);
        if (name.empty()) name = without_by(xml::text(xml::find(byline, "person")));
        if (name.empty()) name = without_by(xml::text(byline));
        article.author = name;
    }
    if (article.source.empty())
        article.source = xml::text(xml::first_child(body_head, "distributor"));
    const xmlNode* docdata = xml::first_child(head, "docdata");
    if (article.source.empty())
        article.source = xml::attribute(xml::first_child(docdata, "doc.copyright"), "holder");
    if (article.source.empty())
        article.source = xml::attribute(xml::first_child(head, "pubdata"), "name");
    take_date(article, xml::attribute(xml::first_child(docdata, "date.issue"), "norm"),
              "nitf date.issue");
    take_date(article, xml::attribute(xml::first_child(docdata, "date.release"), "norm"),
              "nitf date.release");
    take_date(article, xml::attribute(xml::first_child(head, "pubdata"), "date.publication"),
              "nitf pubdata");
    take_date(article, xml::attribute(xml::find(body_head, "story.date"), "norm"),
              "nitf story.date");
    for (const xmlNode* keyword : xml::find_all(docdata, "keyword"))
        add_keyword(article, xml::attribute(keyword, "key"));
    for (const xmlNode* subject : xml::find_all(head, "tobject.subject")) {
        std::string matter = xml::attribute(subject, "tobject.subject.matter");
        if (matter.empty()) matter = xml::attribute(subject, "tobject.subject.type");
        add_keyword(article, matter);
    }
    if (article.language.empty()) article.language = language_code(xml::attribute(nitf, "lang"));
    if (paragraphs.empty()) paragraphs = xml::paragraphs(xml::first_child(body, "body.content"));
}

std::string g2_headline(const xmlNode* content_meta, bool sub) {
    for (const xmlNode* headline : xml::children(content_meta, "headline")) {
        const std::string role = xml::attribute(headline, "role");
        const bool is_sub =
            role.find("sub") != std::string::npos || role.find("Sub") != std::string::npos;
        if (is_sub == sub)
            if (std::string text = xml::text(headline); !text.empty()) return text;
    }
    return {};
}

Article g2_article(const xmlNode* item) {
    Article article;
    const xmlNode* item_meta = xml::first_child(item, "itemMeta");
    const xmlNode* content_meta = xml::first_child(item, "contentMeta");
    article.title = make_title(g2_headline(content_meta, false));
    article.subtitle = g2_headline(content_meta, true);
    if (article.subtitle.empty()) article.subtitle = xml::child_text(content_meta, "subheadline");
    if (article.subtitle.empty()) article.subtitle = xml::child_text(content_meta, "dateline");
    if (const xmlNode* creator = xml::first_child(content_meta, "creator")) {
        article.author = xml::child_text(creator, "name");
        if (article.author.empty()) article.author = xml::attribute(creator, "literal");
    }
    if (article.author.empty()) article.author = without_by(xml::child_text(content_meta, "by"));
    const xmlNode* provider = xml::first_child(item_meta, "provider");
    article.source = xml::child_text(provider, "name");
    if (article.source.empty()) article.source = xml::attribute(provider, "literal");
    if (article.source.empty())
        article.source = xml::child_text(xml::find(item, "copyrightHolder"), "name");
    if (article.source.empty()) article.source = qcode_value(xml::attribute(provider, "qcode"));
    take_date(article, xml::child_text(content_meta, "contentCreated"), "newsml contentCreated");
    take_date(article, xml::child_text(item_meta, "firstCreated"), "newsml firstCreated");
    take_date(article, xml::child_text(item_meta, "versionCreated"), "newsml versionCreated");
    // Subjects by name: a bare code ("medtop:04000000", "N2:PRCP") means nothing to a reader.
    for (const xmlNode* subject : xml::children(content_meta, "subject"))
        add_keyword(article, xml::child_text(subject, "name"));
    for (const xmlNode* keyword : xml::children(content_meta, "keyword"))
        add_keyword(article, xml::text(keyword));
    article.language = language_code(xml::attribute(item, "lang"));
    const xmlNode* content_set = xml::first_child(item, "contentSet");
    std::vector<std::string> paragraphs;
    if (const xmlNode* inline_xml = xml::find(content_set, "inlineXML")) {
        if (const xmlNode* nitf = xml::find(inline_xml, "nitf"))
            read_nitf_into(nitf, article, paragraphs);
        else if (const xmlNode* body = xml::find(inline_xml, "body"))
            paragraphs = xml::paragraphs(body);
        else
            paragraphs = xml::paragraphs(inline_xml);
    } else if (const xmlNode* inline_data = xml::find(content_set, "inlineData")) {
        paragraphs = split_paragraphs(xml::text(inline_data));
    }
    if (paragraphs.empty()) {
        const std::string description = xml::child_text(content_meta, "description");
        if (!description.empty()) paragraphs = split_paragraphs(description);
    }
    finish(article, std::move(paragraphs), "news item");
    return article;
}

// The stories of a NewsML 1 item: the components that carry headlines, or the item itself.
void newsml1_components(const xmlNode* node, std::vector<const xmlNode*>& out) {
    for (const xmlNode* component : xml::children(node, "NewsComponent")) {
        if (xml::first_child(component, "NewsLines") != nullptr) {
            out.push_back(component);
            continue;
        }
        newsml1_components(component, out);
    }
}

Article newsml1_article(const xmlNode* item, const xmlNode* component, const xmlNode* envelope) {
    Article article;
    const xmlNode* lines = xml::first_child(component, "NewsLines");
    article.title = make_title(xml::child_text(lines, "HeadLine"));
    article.subtitle = xml::child_text(lines, "SubHeadLine");
    if (article.subtitle.empty()) article.subtitle = xml::child_text(lines, "DateLine");
    article.author = without_by(xml::child_text(lines, "ByLine"));
    if (const xmlNode* provider = xml::find(component, "Provider"))
        article.source = xml::attribute(xml::find(provider, "Party"), "FormalName");
    if (article.source.empty()) article.source = xml::text(xml::find(item, "ProviderId"));
    const xmlNode* management = xml::first_child(item, "NewsManagement");
    take_date(article, xml::child_text(management, "FirstCreated"), "newsml FirstCreated");
    take_date(article, xml::child_text(management, "ThisRevisionCreated"),
              "newsml ThisRevisionCreated");
    take_date(article, xml::child_text(envelope, "DateAndTime"), "newsml DateAndTime");
    for (const xmlNode* metadata : xml::find_all(component, "DescriptiveMetadata")) {
        if (article.language.empty())
            article.language =
                language_code(xml::attribute(xml::first_child(metadata, "Language"), "FormalName"));
        for (const xmlNode* property : xml::find_all(metadata, "Property"))
            if (xml::attribute(property, "FormalName") == "Keyword")
                add_keyword(article, xml::attribute(property, "Value"));
        for (const xmlNode* subject : xml::find_all(metadata, "SubjectMatter"))
            add_keyword(article, xml::attribute(subject, "FormalName"));
    }
    std::vector<std::string> paragraphs;
    for (const xmlNode* content : xml::find_all(component, "DataContent")) {
        if (const xmlNode* nitf = xml::find(content, "nitf")) {
            read_nitf_into(nitf, article, paragraphs);
        } else {
            auto more = xml::paragraphs(content);
            paragraphs.insert(paragraphs.end(), more.begin(), more.end());
        }
    }
    finish(article, std::move(paragraphs), "NewsML item");
    return article;
}

// Several stories of one file: "id#N" each, or the file's id for one.
void number(std::vector<Article>& articles, std::string_view id) {
    for (std::size_t i = 0; i < articles.size(); ++i)
        articles[i].id = articles.size() > 1 ? record_id(id, i + 1) : std::string(id);
}

}  // namespace

std::vector<Article> read_nitf(const xmlNode* root, std::string_view id,
                               std::vector<std::string>&) {
    Article article;
    std::vector<std::string> paragraphs;
    read_nitf_into(root, article, paragraphs);
    finish(article, std::move(paragraphs), "NITF story");
    article.id = std::string(id);
    return {std::move(article)};
}

std::vector<Article> read_newsml_g2(const xmlNode* root, std::string_view id,
                                    std::vector<std::string>& warnings) {
    std::vector<const xmlNode*> items;
    if (xml::local_name(root) == "newsItem")
        items.push_back(root);
    else
        items = xml::find_all(root, "newsItem");
    std::vector<Article> articles;
    for (std::size_t i = 0; i < items.size(); ++i) {
        try {
            articles.push_back(g2_article(items[i]));
        } catch (const Error& error) {
            if (items.size() == 1) throw;
            warnings.push_back("news item " + std::to_string(i + 1) + ": " + error.what());
        }
    }
    if (articles.empty())
        throw Error(ErrorKind::bad_input, "NewsML-G2 message without a news item");
    number(articles, id);
    return articles;
}

std::vector<Article> read_newsml_1(const xmlNode* root, std::string_view id,
                                   std::vector<std::string>& warnings) {
    const xmlNode* envelope = xml::first_child(root, "NewsEnvelope");
    std::vector<Article> articles;
    std::size_t position = 0;
    for (const xmlNode* item : xml::children(root, "NewsItem")) {
        std::vector<const xmlNode*> components;
        newsml1_components(item, components);
        for (const xmlNode* component : components) {
            ++position;
            try {
                articles.push_back(newsml1_article(item, component, envelope));
            } catch (const Error& error) {
                warnings.push_back("story " + std::to_string(position) + ": " + error.what());
            }
        }
    }
    if (articles.empty()) throw Error(ErrorKind::bad_input, "NewsML without a story with text");
    number(articles, id);
    return articles;
}

}  // namespace newsindex::readers
