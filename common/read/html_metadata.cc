// Metadata of an HTML page. Each field is taken from the first source that has it:
//   JSON-LD (an Article/NewsArticle/BlogPosting/... object, also inside @graph), then
//   microdata (itemprop), then <meta> (Dublin Core, Open Graph, article:, Twitter,
//   Parse.ly), then the document itself (<title>, <link rel=canonical>); the reader adds
//   <time> elements, dates in the URL or path, and printed date lines after these.
// Publishers write JSON-LD for search engines, which check it, so it is the most often
// right; <meta> tags are older and are copied between pages by templates more often.

#include "common/read/html_metadata.h"

#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/read/html_tree.h"
#include "common/read/readers.h"

namespace newsindex::readers::html {

namespace {

using nlohmann::json;

// schema.org types whose objects describe the article itself (Readability's list).
bool is_article_type(std::string_view type) {
    constexpr std::array<std::string_view, 19> kTypes = {"Article",
                                                         "AdvertiserContentArticle",
                                                         "NewsArticle",
                                                         "AnalysisNewsArticle",
                                                         "AskPublicNewsArticle",
                                                         "BackgroundNewsArticle",
                                                         "BlogPosting",
                                                         "DiscussionForumPosting",
                                                         "LiveBlogPosting",
                                                         "OpinionNewsArticle",
                                                         "ReportageNewsArticle",
                                                         "ReviewNewsArticle",
                                                         "Report",
                                                         "SatiricalArticle",
                                                         "ScholarlyArticle",
                                                         "MedicalScholarlyArticle",
                                                         "SocialMediaPosting",
                                                         "TechArticle",
                                                         "WebPage"};
    if (type.starts_with("http://schema.org/")) type.remove_prefix(18);
    if (type.starts_with("https://schema.org/")) type.remove_prefix(19);
    for (const auto t : kTypes)
        if (type == t) return true;
    return false;
}

// WebPage objects describe the page, not the story: an article object wins over one.
int article_rank(const json& object) {
    if (!object.is_object()) return 0;
    const auto type = object.find("@type");
    if (type == object.end()) return 0;
    int best = 0;
    const auto rank = [](const json& t) {
        if (!t.is_string()) return 0;
        const auto& s = t.get_ref<const std::string&>();
        if (!is_article_type(s)) return 0;
        return s.ends_with("WebPage") ? 1 : 2;
    };
    if (type->is_array())
        for (const auto& t : *type) best = std::max(best, rank(t));
    else
        best = rank(*type);
    return best;
}

const json* find_article(const json& value, int& best_rank) {
    const json* best = nullptr;
    const auto consider = [&](const json& candidate) {
        const int rank = article_rank(candidate);
        if (rank > best_rank) {
            best_rank = rank;
            best = &candidate;
        }
    };
    if (value.is_array()) {
        for (const auto& item : value) {
            if (const json* found = find_article(item, best_rank)) best = found;
        }
        return best;
    }
    if (!value.is_object()) return nullptr;
    consider(value);
    if (const auto graph = value.find("@graph"); graph != value.end() && graph->is_array())
        for (const auto& item : *graph) consider(item);
    return best;
}

std::string string_field(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return {};
    if (it->is_string()) return collapse_whitespace(it->get_ref<const std::string&>());
    // {"@value": "..."} and one-element arrays are both common.
    if (it->is_object()) {
        if (const auto v = it->find("@value"); v != it->end() && v->is_string())
            return collapse_whitespace(v->get_ref<const std::string&>());
    }
    if (it->is_array() && !it->empty() && it->front().is_string())
        return collapse_whitespace(it->front().get_ref<const std::string&>());
    return {};
}

// "author": a name, {"name": ...}, or a list of either.
std::string person_names(const json& value) {
    if (value.is_string()) return collapse_whitespace(value.get_ref<const std::string&>());
    if (value.is_object()) return string_field(value, "name");
    std::string names;
    if (value.is_array())
        for (const auto& item : value) {
            const std::string name = person_names(item);
            if (name.empty() || names.find(name) != std::string::npos) continue;
            if (!names.empty()) names += ", ";
            names += name;
        }
    return names;
}

bool is_url(std::string_view text) {
    return text.starts_with("http://") || text.starts_with("https://") || text.starts_with("//");
}

std::string strip_by(std::string text) {
    if (text.size() > 3 &&
        (text.starts_with("By ") || text.starts_with("by ") || text.starts_with("BY ")))
        text.erase(0, 3);
    return text;
}

struct Collected {
    std::map<std::string, std::string> meta;       // normalised name/property -> content
    std::map<std::string, std::string> microdata;  // lower-case itemprop -> value
    std::vector<std::string> json_ld;
    std::string canonical;
    std::string html_lang;  // <html lang>
};

// Meta names as Readability normalises them: lower case, "dc.title" == "dc:title".
std::string meta_key(std::string_view name) {
    std::string key = lower(trim(name));
    for (char& c : key)
        if (c == '.') c = ':';
    return key;
}

// The value of an itemprop element: content or datetime attributes, else its text.
std::string microdata_value(const GumboNode* node, std::string_view key) {
    if (const auto content = attribute(node, "content"); !content.empty())
        return collapse_whitespace(content);
    if (const auto datetime = attribute(node, "datetime"); !datetime.empty())
        return collapse_whitespace(datetime);
    if (key == "author" && gumbo_get_attribute(&node->v.element.attributes, "itemscope")) {
        // <span itemprop=author itemscope><span itemprop=name>...</span></span>
        std::vector<const GumboNode*> stack{node};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (!is_element(n)) continue;
            if (n != node && lower(attribute(n, "itemprop")) == "name")
                return collapse_whitespace(text_of(n));
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = kids.length; i-- > 0;) stack.push_back(child(kids, i));
        }
    }
    std::string text = collapse_whitespace(text_of(node));
    // Long texts under itemprop=author or headline are containers, not values.
    return text.size() > 300 ? std::string{} : text;
}

std::string first(const std::map<std::string, std::string>& values,
                  std::initializer_list<const char*> keys, std::string* which = nullptr) {
    for (const char* key : keys)
        if (const auto it = values.find(key); it != values.end() && !it->second.empty()) {
            if (which != nullptr) *which = key;
            return it->second;
        }
    return {};
}

// Pre-order walk: metadata elements, plus what the content scorer and the reader need.
Collected collect(const GumboNode* document, PageMetadata& page) {
    Collected found;
    std::vector<const GumboNode*> stack{document};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type != GUMBO_NODE_DOCUMENT && !is_element(node)) continue;
        if (is_element(node)) {
            const GumboTag tag = node->v.element.tag;
            if (const auto itemprop = attribute(node, "itemprop"); !itemprop.empty()) {
                static constexpr std::array<std::string_view, 6> kWanted = {
                    "headline", "datepublished", "datemodified",
                    "author",   "description",   "datecreated"};
                const std::string key = lower(trim(itemprop));
                for (const auto wanted : kWanted)
                    if (key == wanted && !found.microdata.contains(key))
                        if (std::string value = microdata_value(node, key); !value.empty())
                            found.microdata.emplace(key, std::move(value));
            }
            switch (tag) {
                case GUMBO_TAG_HTML:
                    if (found.html_lang.empty())
                        found.html_lang = std::string(trim(attribute(node, "lang")));
                    if (found.html_lang.empty())
                        found.html_lang = std::string(trim(attribute(node, "xml:lang")));
                    break;
                case GUMBO_TAG_META: {
                    const std::string_view content = attribute(node, "content");
                    if (content.empty()) break;
                    if (lower(trim(attribute(node, "http-equiv"))) == "content-language")
                        found.meta.emplace("content-language", collapse_whitespace(content));
                    for (const char* key_attribute : {"property", "name"}) {
                        // property="og:title twitter:title" names two keys at once.
                        std::string_view names = attribute(node, key_attribute);
                        while (!names.empty()) {
                            const auto space = names.find_first_of(" \t\n");
                            const std::string key = meta_key(names.substr(0, space));
                            if (!key.empty()) found.meta.emplace(key, collapse_whitespace(content));
                            if (space == std::string_view::npos) break;
                            names.remove_prefix(space + 1);
                        }
                    }
                    break;
                }
                case GUMBO_TAG_TITLE:
                    if (page.document_title.empty()) page.document_title = text_of(node);
                    break;
                case GUMBO_TAG_LINK:
                    if (found.canonical.empty() && lower(attribute(node, "rel")) == "canonical")
                        found.canonical = collapse_whitespace(attribute(node, "href"));
                    break;
                case GUMBO_TAG_SCRIPT:
                    if (lower(trim(attribute(node, "type"))) == "application/ld+json") {
                        const GumboVector& kids = node->v.element.children;
                        std::string text;
                        for (unsigned i = 0; i < kids.length; ++i)
                            if (child(kids, i)->type == GUMBO_NODE_TEXT ||
                                child(kids, i)->type == GUMBO_NODE_WHITESPACE)
                                text += child(kids, i)->v.text.text;
                        found.json_ld.push_back(std::move(text));
                    }
                    break;
                case GUMBO_TAG_TIME:
                    if (!attribute(node, "datetime").empty()) page.times.push_back(node);
                    break;
                case GUMBO_TAG_ARTICLE:
                    page.articles.push_back(node);
                    break;
                case GUMBO_TAG_MAIN:
                    if (page.main == nullptr) page.main = node;
                    break;
                case GUMBO_TAG_BODY:
                    if (page.body == nullptr) page.body = node;
                    break;
                case GUMBO_TAG_H1:
                case GUMBO_TAG_H2:
                    page.headings.push_back(node);
                    break;
                default:
                    break;
            }
        }
        const GumboVector& kids = children(node);
        for (unsigned i = kids.length; i-- > 0;) stack.push_back(child(kids, i));
    }
    return found;
}

void read_json_ld(const std::vector<std::string>& scripts, PageMetadata& page,
                  const std::vector<std::string>& heading_texts) {
    for (std::string_view text : scripts) {
        text = trim(text);
        // Some sites wrap the JSON in an HTML comment or CDATA section.
        for (const std::string_view open : {"<!--", "//<![CDATA[", "<![CDATA["})
            if (text.starts_with(open)) text = trim(text.substr(open.size()));
        for (const std::string_view close : {"-->", "//]]>", "]]>"})
            if (text.ends_with(close)) text = trim(text.substr(0, text.size() - close.size()));
        if (text.empty() || json_too_deep(text)) continue;
        const json value = json::parse(text.begin(), text.end(), nullptr, false);
        if (value.is_discarded()) continue;
        int rank = 0;
        const json* article = find_article(value, rank);
        if (article == nullptr) continue;
        const json& a = *article;
        const bool page_only = rank == 1;
        // Readability's rule: "name" unless only "headline" looks like the <title>.
        const std::string name = string_field(a, "name");
        const std::string headline = string_field(a, "headline");
        std::string title = name.empty() ? headline : name;
        if (!name.empty() && !headline.empty() && name != headline) {
            const std::string doc_title = clean_document_title(page.document_title, heading_texts);
            const bool name_matches = text_similarity(name, doc_title) > 0.75;
            const bool headline_matches = text_similarity(headline, doc_title) > 0.75;
            title = headline_matches && !name_matches ? headline : name;
        }
        if (page.title.empty() && !title.empty() && !page_only) {
            page.title = title;
            page.title_source = "json-ld";
        }
        if (page.description.empty()) page.description = string_field(a, "description");
        if (!page.date)
            if (auto date = parse_date(string_field(a, "datePublished"))) {
                page.date = date;
                page.date_source = "json-ld";
            }
        if (!page.modified)
            if (auto date = parse_date(string_field(a, "dateModified"))) {
                page.modified = date;
                page.modified_source = "json-ld";
            }
        if (page.author.empty())
            if (const auto author = a.find("author"); author != a.end())
                page.author = person_names(*author);
        if (page.site_name.empty())
            if (const auto publisher = a.find("publisher"); publisher != a.end())
                page.site_name = person_names(*publisher);
        if (page.article_body.empty()) page.article_body = string_field(a, "articleBody");
        if (page.language.empty())
            if (const auto language = a.find("inLanguage"); language != a.end())
                page.language = language->is_object() ? string_field(*language, "alternateName")
                                                      : string_field(a, "inLanguage");
    }
}

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
    const auto tokens = [](std::string_view text) {
        std::vector<std::string> out;
        std::string current;
        for (const char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (std::isalnum(u) || c == '_' || u >= 0x80) {
                current += static_cast<char>(std::tolower(u));
            } else if (!current.empty()) {
                out.push_back(std::move(current));
                current.clear();
            }
        }
        if (!current.empty()) out.push_back(std::move(current));
        return out;
    };
    const auto ta = tokens(a);
    const auto tb = tokens(b);
    if (ta.empty() || tb.empty()) return 0;
    std::size_t all = 0;
    std::size_t unique = 0;
    std::size_t unique_count = 0;
    for (const auto& t : tb) {
        all += t.size();
        if (std::find(ta.begin(), ta.end(), t) == ta.end()) {
            unique += t.size();
            ++unique_count;
        }
    }
    all += tb.size() - 1;  // the spaces of join(" ")
    if (unique_count > 0) unique += unique_count - 1;
    return 1.0 - static_cast<double>(unique) / static_cast<double>(all);
}

namespace {

// " | ", " - ", " – ", " — ", " \ ", " / ", " > ", " » " in a title: where a site name
// is joined to the headline.
struct Separator {
    std::size_t at;    // the space before
    std::size_t size;  // up to and including the space after
    bool hierarchical;
};

std::vector<Separator> separators(std::string_view title) {
    std::vector<Separator> out;
    for (std::size_t i = 0; i + 2 < title.size(); ++i) {
        if (title[i] != ' ') continue;
        const std::string_view rest = title.substr(i + 1);
        std::size_t len = 0;
        bool hierarchical = false;
        if (rest[0] == '|' || rest[0] == '-') {
            len = 1;
        } else if (rest[0] == '\\' || rest[0] == '/' || rest[0] == '>') {
            len = 1;
            hierarchical = true;
        } else if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) {
            len = 3;  // – —
        } else if (rest.starts_with("\xC2\xBB")) {
            len = 2;  // »
            hierarchical = true;
        }
        if (len == 0 || rest.size() <= len || rest[len] != ' ') continue;
        out.push_back({i, len + 2, hierarchical});
    }
    return out;
}

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace

std::string clean_document_title(std::string_view title, const std::vector<std::string>& headings) {
    const std::string original = collapse_whitespace(title);
    std::string current = original;
    bool hierarchical = false;
    const auto seps = separators(original);
    if (!seps.empty()) {
        for (const auto& s : seps) hierarchical = hierarchical || s.hierarchical;
        current = original.substr(0, seps.back().at);
        if (word_count(current) < 3) current = original.substr(seps.front().at + seps.front().size);
    } else if (const auto colon = original.find(": "); colon != std::string::npos) {
        bool heading_is_title = false;
        for (const auto& h : headings) heading_is_title = heading_is_title || h == original;
        if (!heading_is_title) {
            current = original.substr(original.rfind(':') + 1);
            if (word_count(current) < 3)
                current = original.substr(colon + 1);
            else if (word_count(original.substr(0, original.find(':'))) > 5)
                current = original;
        }
    }
    current = collapse_whitespace(current);
    const std::size_t words = word_count(current);
    if (words <= 4) {
        // The original with its separators made spaces.
        std::string without;
        std::size_t from = 0;
        for (const auto& s : seps) {
            without.append(original, from, s.at - from);
            without += ' ';
            from = s.at + s.size;
        }
        without.append(original, from, std::string::npos);
        if (!hierarchical || words != word_count(without) - 1) current = original;
    }
    return current;
}

PageMetadata read_metadata(const GumboNode* document) {
    PageMetadata page;
    const Collected found = collect(document, page);
    std::vector<std::string> heading_texts;
    if (!found.json_ld.empty()) {
        for (const GumboNode* h : page.headings)
            heading_texts.push_back(collapse_whitespace(text_of(h)));
        read_json_ld(found.json_ld, page, heading_texts);
    }
    const auto& meta = found.meta;
    const auto& micro = found.microdata;

    if (page.title.empty()) {
        std::string key;
        if (auto title = first(micro, {"headline"}); !title.empty()) {
            page.title = std::move(title);
            page.title_source = "microdata";
        } else if (title = first(meta,
                                 {"dc:title", "dcterm:title", "og:title", "title", "twitter:title",
                                  "parsely-title", "sailthru:title"},
                                 &key);
                   !title.empty()) {
            page.title = std::move(title);
            page.title_source = "meta " + key;
        }
    }
    if (page.description.empty()) page.description = first(micro, {"description"});
    if (page.description.empty())
        page.description = first(meta, {"dc:description", "dcterm:description", "og:description",
                                        "description", "twitter:description"});

    // A date that does not parse falls through to the next source.
    const auto take_date = [](std::optional<Date>& date, std::string& source,
                              const std::map<std::string, std::string>& values,
                              std::initializer_list<const char*> keys, std::string_view label) {
        for (const char* key : keys) {
            if (date) return;
            if (const auto it = values.find(key); it != values.end())
                if (auto parsed = parse_date(it->second)) {
                    date = parsed;
                    source = std::string(label) + " " + key;
                }
        }
    };
    take_date(page.date, page.date_source, micro, {"datepublished", "datecreated"}, "microdata");
    take_date(page.date, page.date_source, meta,
              {"article:published_time", "og:published_time", "article:published",
               "parsely-pub-date", "sailthru:date", "dc:date:issued", "dcterms:issued", "dc:date",
               "dcterms:date", "dcterms:created", "date", "pubdate", "publishdate", "publish-date",
               "publish_date", "datepublished", "og:pubdate", "originalpublicationdate"},
              "meta");
    take_date(page.modified, page.modified_source, micro, {"datemodified"}, "microdata");
    take_date(page.modified, page.modified_source, meta,
              {"article:modified_time", "og:updated_time", "dcterms:modified", "last-modified"},
              "meta");

    if (page.author.empty()) page.author = first(micro, {"author"});
    if (page.author.empty()) {
        for (const char* key : {"author", "article:author", "dc:creator", "parsely-author",
                                "sailthru:author", "byl"}) {
            std::string author = strip_by(first(meta, {key}));
            // article:author is often a profile URL
            if (!author.empty() && !is_url(author)) {
                page.author = std::move(author);
                break;
            }
        }
    }
    if (page.site_name.empty()) page.site_name = first(meta, {"og:site_name", "application-name"});
    page.url = first(meta, {"og:url"});
    if (page.url.empty()) page.url = found.canonical;
    // JSON-LD's inLanguage first (read above), then what the page says of itself.
    if (page.language.empty()) page.language = first(meta, {"dc:language", "content-language"});
    if (page.language.empty()) page.language = found.html_lang;
    if (page.language.empty()) page.language = first(meta, {"og:locale"});
    return page;
}

}  // namespace newsindex::readers::html
