// The article text of a web page, after Mozilla Readability's published algorithm
// (https://github.com/mozilla/readability, Readability.js: _grabArticle and
// _cleanConditionally), over gumbo's tree and without changing it:
//  1. Elements that are never story text are set aside: scripts, navigation, forms,
//     hidden elements, ARIA menus and dialogs, and (first attempt) elements whose
//     class/id says comment, sidebar, footer, related, ... (the "unlikely" hints).
//  2. Each paragraph-like element (p, td, pre, section, h2-h6, a div of inline content)
//     of 25+ characters scores 1 + its commas + one point per 100 characters (up to 3);
//     its parent gets the score, its grandparent half, the next ancestors a third of
//     their level. A container's score starts from its tag (div +5, lists -3, ...) and
//     its class/id hints (+-25), and is scaled by 1 - its link density at the end.
//  3. The best container wins; several near-equal ones (teaser cards) promote their
//     common ancestor, and a parent scoring higher than its best child takes over.
//  4. The winner's siblings join it when they score well enough or are paragraphs of
//     prose; inside, link lists, share bars, bylines and widgets are dropped.
//  5. When all that leaves less than 500 characters, it runs again with fewer filters
//     and the longest result wins (short pages and unusual markup).

#include "common/read/content_scorer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "common/read/html_tree.h"
#include "common/read/readers.h"

namespace newsindex::readers::html {

namespace {

constexpr std::size_t kMinParagraphChars = 25;
constexpr std::size_t kTopCandidates = 5;
constexpr std::size_t kMinTextChars = 500;

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
    for (const auto w : words)
        if (text.find(w) != std::string_view::npos) return true;
    return false;
}

// The hint lists are Readability's regular expressions, as substrings of the lower-case
// class and id.
bool unlikely_hint(std::string_view s) {
    return contains_any(
        s, {"-ad-",         "ai2html",    "banner",  "breadcrumbs", "combx",  "comment",
            "community",    "cover-wrap", "disqus",  "extra",       "footer", "gdpr",
            "header",       "legends",    "menu",    "related",     "remark", "replies",
            "rss",          "shoutbox",   "sidebar", "skyscraper",  "social", "sponsor",
            "supplemental", "ad-break",   "agegate", "pagination",  "pager",  "popup",
            "yom-remote",   "modal"});
}
bool maybe_candidate_hint(std::string_view s) {
    return contains_any(
        s, {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"});
}
bool positive_hint(std::string_view s) {
    return contains_any(s, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                            "page", "pagination", "post", "text", "blog", "story"});
}
bool is_word(std::string_view s, std::string_view word) {
    std::size_t at = 0;
    while ((at = s.find(word, at)) != std::string_view::npos) {
        const bool start = at == 0 || s[at - 1] == ' ';
        const bool end = at + word.size() == s.size() || s[at + word.size()] == ' ';
        if (start && end) return true;
        ++at;
    }
    return false;
}
bool negative_hint(std::string_view s) {
    return contains_any(s,
                        {"-ad-",     "hidden",     "banner",  "combx",    "comment", "com-",
                         "contact",  "footer",     "gdpr",    "masthead", "media",   "meta",
                         "outbrain", "promo",      "related", "scroll",   "share",   "shoutbox",
                         "sidebar",  "skyscraper", "sponsor", "shopping", "tags",    "widget"}) ||
           is_word(s, "hid");
}
bool byline_hint(std::string_view s) {
    return contains_any(s, {"byline", "author", "dateline", "writtenby", "p-author"});
}
// Furniture that Readability keeps but that is no story text, and whose names a tagger
// would take for the story's: captions and image credits, author boxes, newsletter boxes.
// A class that only says whether something has one ("no_caption", "has-caption") is not.
bool furniture_hint(std::string_view s) {
    while (!s.empty()) {
        const std::size_t end = std::min(s.find(' '), s.size());
        const std::string_view token = s.substr(0, end);
        s.remove_prefix(std::min(end + 1, s.size()));
        if (token.starts_with("no") || token.starts_with("has") || token.starts_with("with"))
            continue;
        if (contains_any(token, {"caption", "credit", "copyright", "newsletter", "author-bio",
                                 "authorbio", "author-box", "about-author", "author-info"}))
            return true;
    }
    return false;
}
// Reference lists and bibliographies ("Surname, First (2001). Title ..."): every entry a
// name the story never mentions.
bool reference_list_hint(std::string_view s) {
    return contains_any(
        s, {"reflist", "refbegin", "references", "bibliography", "citation-list", "footnotes"});
}
bool share_hint(std::string_view s) {
    return is_word(s, "share") || is_word(s, "sharedaddy") || s.find("share-") == 0 ||
           s.find("-share") != std::string_view::npos || s.find("share_") == 0;
}

struct Flags {
    bool strip_unlikely = true;
    bool weight_classes = true;
    bool clean_conditionally = true;
};

// Text under one element, without the skipped ones.
struct Stats {
    std::size_t text = 0;  // characters, white space runs as one
    std::size_t link = 0;  // of which inside <a>
    std::size_t commas = 0;
    std::size_t heading = 0;  // of which inside h1-h6
    std::size_t list = 0;     // of which inside ul/ol
    unsigned p = 0, img = 0, li = 0, input = 0, embed = 0;
    bool scored = false;
    double score = 0;
};

std::size_t text_chars(std::string_view text, std::size_t& commas) {
    std::size_t n = 0;
    bool space = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ',') ++commas;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!space) ++n;
            space = true;
            continue;
        }
        space = false;
        // One per character, not per UTF-8 byte.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

// Children that make a <div> a container rather than a paragraph.
bool is_div_block_child(GumboTag tag) {
    if (is_heading(tag)) return true;
    switch (tag) {
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_IMG:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_P:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_MAIN:
            return true;
        default:
            return false;
    }
}

class Scorer {
public:
    Scorer(const GumboNode* body, Flags flags) : body_(body), flags_(flags) {}

    Content run() {
        mark_skipped();
        compute_stats();
        Content content;
        content.byline = byline_;
        const GumboNode* top = choose_top();
        std::vector<const GumboNode*> roots;
        if (top == nullptr) {
            roots.push_back(body_);
        } else {
            content.container = top;
            roots = with_siblings(top);
            if (flags_.clean_conditionally)
                for (const GumboNode* root : roots) clean(root);
        }
        content.paragraphs = paragraphs_of(roots, &skip_, false);
        return content;
    }

private:
    const GumboNode* body_;
    Flags flags_;
    NodeSet skip_;
    std::unordered_map<const GumboNode*, Stats> stats_;
    std::vector<const GumboNode*> paragraphs_;  // paragraph-like elements, document order
    std::vector<const GumboNode*> text_divs_;   // divs with blocks and loose text of their own
    std::string byline_;

    std::string hints(const GumboNode* node) const {
        std::string s = lower(attribute(node, "class"));
        s += ' ';
        s += lower(attribute(node, "id"));
        return s;
    }

    bool has_ancestor(const GumboNode* node, GumboTag a, GumboTag b) const {
        for (const GumboNode* n = node->parent; n != nullptr && is_element(n); n = n->parent)
            if (n->v.element.tag == a || n->v.element.tag == b) return true;
        return false;
    }

    static bool hidden(const GumboNode* node) {
        if (gumbo_get_attribute(&node->v.element.attributes, "hidden")) return true;
        if (attribute(node, "aria-hidden") == "true") return true;
        const std::string_view style = attribute(node, "style");
        if (style.empty()) return false;
        std::string compact;
        for (const char c : style)
            if (c != ' ') compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return compact.find("display:none") != std::string::npos ||
               compact.find("visibility:hidden") != std::string::npos;
    }

    // Whether an element is set aside before scoring; bylines are remembered.
    bool set_aside(const GumboNode* node) {
        const GumboTag tag = node->v.element.tag;
        if (is_excluded(tag, false) || hidden(node)) return true;
        const std::string_view role = attribute(node, "role");
        for (const std::string_view r :
             {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"})
            if (role == r) return true;
        const std::string h = hints(node);
        const bool byline_markup =
            attribute(node, "rel") == "author" ||
            lower(attribute(node, "itemprop")).find("author") != std::string::npos ||
            byline_hint(h);
        if (byline_markup && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_ARTICLE &&
            tag != GUMBO_TAG_MAIN) {
            const std::string text = collapse_whitespace(text_of(node));
            if (!text.empty() && text.size() < 100) {
                if (byline_.empty()) byline_ = text;
                return true;
            }
        }
        // Captions (and the credits in them) and reference lists are set aside on every
        // attempt: their names are never the story's.
        if (tag == GUMBO_TAG_FIGCAPTION) return true;
        const bool story_element =
            tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN;
        if (!story_element) {
            if (reference_list_hint(h) ||
                lower(attribute(node, "itemprop")).find("copyright") != std::string::npos)
                return true;
            if (furniture_hint(h) && collapse_whitespace(text_of(node)).size() < 600) return true;
        }
        if (flags_.strip_unlikely && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_A &&
            unlikely_hint(h) && !maybe_candidate_hint(h) &&
            !has_ancestor(node, GUMBO_TAG_TABLE, GUMBO_TAG_CODE))
            return true;
        if (tag == GUMBO_TAG_HEADER) return !holds_story_text(node);
        return false;
    }

    // A <header> inside a story often holds its intro paragraph; one with only the
    // headline, the byline and the date is furniture.
    static bool holds_story_text(const GumboNode* header) {
        std::vector<const GumboNode*> stack{header};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (!is_element(n)) continue;
            if (n->v.element.tag == GUMBO_TAG_P && collapse_whitespace(text_of(n)).size() >= 50)
                return true;
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) stack.push_back(child(kids, i));
        }
        return false;
    }

    void mark_skipped() {
        std::vector<const GumboNode*> stack{body_};
        while (!stack.empty()) {
            const GumboNode* node = stack.back();
            stack.pop_back();
            if (!is_element(node) && node->type != GUMBO_NODE_DOCUMENT) continue;
            if (node != body_ && is_element(node) && set_aside(node)) {
                skip_.insert(node);
                continue;
            }
            const GumboVector& kids = children(node);
            for (unsigned i = kids.length; i-- > 0;) stack.push_back(child(kids, i));
        }
    }

    // Post-order: each element's Stats from its children's; paragraph-like elements
    // listed in document order.
    void compute_stats() {
        struct Frame {
            const GumboNode* node;
            bool leaving;
        };
        stats_.reserve(4096);
        std::vector<Frame> stack{{body_, false}};
        while (!stack.empty()) {
            const Frame frame = stack.back();
            stack.pop_back();
            const GumboNode* node = frame.node;
            if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
                Stats& parent = stats_[node->parent];
                parent.text += text_chars(node->v.text.text, parent.commas);
                continue;
            }
            if (!is_element(node) && node->type != GUMBO_NODE_DOCUMENT) continue;
            const GumboTag tag = tag_of(node);
            if (!frame.leaving) {
                if (node != body_ && skip_.contains(node)) continue;
                stats_.try_emplace(node);
                stack.push_back({node, true});
                const GumboVector& kids = children(node);
                for (unsigned i = kids.length; i-- > 0;) stack.push_back({child(kids, i), false});
                continue;
            }
            Stats& s = stats_[node];
            switch (tag) {
                case GUMBO_TAG_A:
                    s.link = s.text;
                    break;
                case GUMBO_TAG_P:
                    ++s.p;
                    break;
                case GUMBO_TAG_IMG:
                    ++s.img;
                    break;
                case GUMBO_TAG_LI:
                    ++s.li;
                    break;
                case GUMBO_TAG_INPUT:
                    ++s.input;
                    break;
                case GUMBO_TAG_EMBED:
                case GUMBO_TAG_OBJECT:
                case GUMBO_TAG_IFRAME:
                case GUMBO_TAG_VIDEO:
                    ++s.embed;
                    break;
                case GUMBO_TAG_UL:
                case GUMBO_TAG_OL:
                    s.list = s.text;
                    break;
                default:
                    if (is_heading(tag)) s.heading = s.text;
                    break;
            }
            if (is_paragraph_like(node, s)) paragraphs_.push_back(node);
            if (node != body_ && node->parent != nullptr) {
                Stats& p = stats_[node->parent];
                p.text += s.text;
                p.link += s.link;
                p.commas += s.commas;
                p.heading += s.heading;
                p.list += s.list;
                p.p += s.p;
                p.img += s.img;
                p.li += s.li;
                p.input += s.input;
                p.embed += s.embed;
            }
        }
    }

    bool is_paragraph_like(const GumboNode* node, const Stats& s) {
        const GumboTag tag = tag_of(node);
        switch (tag) {
            case GUMBO_TAG_P:
            case GUMBO_TAG_TD:
            case GUMBO_TAG_PRE:
            case GUMBO_TAG_SECTION:
            case GUMBO_TAG_H2:
            case GUMBO_TAG_H3:
            case GUMBO_TAG_H4:
            case GUMBO_TAG_H5:
            case GUMBO_TAG_H6:
                return s.text >= kMinParagraphChars;
            case GUMBO_TAG_DIV:
                break;
            default:
                return false;
        }
        if (s.text < kMinParagraphChars) return false;
        const GumboVector& kids = node->v.element.children;
        bool blocks = false;
        for (unsigned i = 0; i < kids.length && !blocks; ++i) {
            const GumboNode* k = child(kids, i);
            blocks = is_element(k) && !skip_.contains(k) && is_div_block_child(k->v.element.tag);
        }
        if (!blocks) return true;
        // Readability wraps a div's loose text in a <p> of its own.
        std::size_t loose = 0;
        std::size_t ignored = 0;
        for (unsigned i = 0; i < kids.length; ++i) {
            const GumboNode* k = child(kids, i);
            if (k->type == GUMBO_NODE_TEXT) loose += text_chars(k->v.text.text, ignored);
        }
        if (loose >= kMinParagraphChars) text_divs_.push_back(node);
        return false;
    }

    int class_weight(const GumboNode* node) const {
        if (!flags_.weight_classes) return 0;
        int weight = 0;
        for (const char* name : {"class", "id"}) {
            const std::string value = lower(attribute(node, name));
            if (value.empty()) continue;
            if (negative_hint(value)) weight -= 25;
            if (positive_hint(value)) weight += 25;
        }
        return weight;
    }

    Stats& initialize(const GumboNode* node) {
        Stats& s = stats_[node];
        if (s.scored) return s;
        s.scored = true;
        const GumboTag tag = node->v.element.tag;
        if (is_heading(tag)) s.score = -5;
        switch (tag) {
            case GUMBO_TAG_DIV:
                s.score = 5;
                break;
            case GUMBO_TAG_PRE:
            case GUMBO_TAG_TD:
            case GUMBO_TAG_BLOCKQUOTE:
                s.score = 3;
                break;
            case GUMBO_TAG_ADDRESS:
            case GUMBO_TAG_OL:
            case GUMBO_TAG_UL:
            case GUMBO_TAG_DL:
            case GUMBO_TAG_DD:
            case GUMBO_TAG_DT:
            case GUMBO_TAG_LI:
            case GUMBO_TAG_FORM:
                s.score = -3;
                break;
            case GUMBO_TAG_TH:
                s.score = -5;
                break;
            default:
                break;
        }
        s.score += class_weight(node);
        return s;
    }

    bool scorable_ancestor(const GumboNode* node) const {
        return node != nullptr && is_element(node) && node->v.element.tag != GUMBO_TAG_HTML;
    }

    void add_score(const GumboNode* first_ancestor, std::size_t text, std::size_t commas,
                   std::vector<const GumboNode*>& candidates) {
        const double score = 1.0 + static_cast<double>(commas + 1) +
                             static_cast<double>(std::min<std::size_t>(text / 100, 3));
        const GumboNode* a = first_ancestor;
        for (int level = 0; level < 5 && scorable_ancestor(a); ++level, a = a->parent) {
            Stats& s = stats_[a];
            if (!s.scored) {
                initialize(a);
                candidates.push_back(a);
            }
            const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            s.score += score / divider;
        }
    }

    double link_density(const GumboNode* node) const {
        const auto it = stats_.find(node);
        if (it == stats_.end() || it->second.text == 0) return 0;
        return static_cast<double>(it->second.link) / static_cast<double>(it->second.text);
    }

    double score_of(const GumboNode* node) const {
        const auto it = stats_.find(node);
        return it == stats_.end() ? 0 : it->second.score;
    }
    bool is_scored(const GumboNode* node) const {
        const auto it = stats_.find(node);
        return it != stats_.end() && it->second.scored;
    }

    std::vector<const GumboNode*> element_children(const GumboNode* node) const {
        std::vector<const GumboNode*> out;
        const GumboVector& kids = children(node);
        for (unsigned i = 0; i < kids.length; ++i) {
            const GumboNode* k = child(kids, i);
            if (is_element(k) && !skip_.contains(k)) out.push_back(k);
        }
        return out;
    }

    const GumboNode* choose_top() {
        std::vector<const GumboNode*> candidates;
        for (const GumboNode* p : paragraphs_) {
            if (!scorable_ancestor(p->parent)) continue;
            const Stats& s = stats_[p];
            add_score(p->parent, s.text, s.commas, candidates);
        }
        for (const GumboNode* div : text_divs_) {
            std::size_t commas = 0;
            std::size_t text = 0;
            const GumboVector& kids = div->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i)
                if (child(kids, i)->type == GUMBO_NODE_TEXT)
                    text += text_chars(child(kids, i)->v.text.text, commas);
            add_score(div, text, commas, candidates);
        }
        if (candidates.empty()) return nullptr;
        for (const GumboNode* c : candidates) stats_[c].score *= 1.0 - link_density(c);
        // Best first; document order breaks ties so that results never depend on addresses.
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [&](const GumboNode* a, const GumboNode* b) { return score_of(a) > score_of(b); });
        const GumboNode* top = candidates.front();
        if (top == body_) return nullptr;

        // Several near-equal candidates (teaser cards, a story split in blocks): their
        // common ancestor holds the story.
        std::vector<std::vector<const GumboNode*>> alternatives;
        for (std::size_t i = 1; i < std::min(kTopCandidates, candidates.size()); ++i) {
            if (score_of(candidates[i]) / score_of(top) < 0.75) continue;
            std::vector<const GumboNode*> ancestors;
            for (const GumboNode* a = candidates[i]->parent; scorable_ancestor(a); a = a->parent)
                ancestors.push_back(a);
            alternatives.push_back(std::move(ancestors));
        }
        if (alternatives.size() >= 3) {
            for (const GumboNode* parent = top->parent;
                 scorable_ancestor(parent) && parent != body_; parent = parent->parent) {
                int lists = 0;
                for (const auto& ancestors : alternatives)
                    if (std::find(ancestors.begin(), ancestors.end(), parent) != ancestors.end())
                        ++lists;
                if (lists >= 3) {
                    top = parent;
                    break;
                }
            }
        }
        initialize(top);

        // A parent that scores higher than the candidate holds more of the story.
        double last = score_of(top);
        const double threshold = last / 3;
        for (const GumboNode* parent = top->parent; scorable_ancestor(parent) && parent != body_;
             parent = parent->parent) {
            if (!is_scored(parent)) continue;
            const double score = score_of(parent);
            if (score < threshold) break;
            if (score > last) {
                top = parent;
                break;
            }
            last = score;
        }
        // An only child says no more than its parent.
        while (scorable_ancestor(top->parent) && top->parent != body_ &&
               element_children(top->parent).size() == 1)
            top = top->parent;
        if (top == body_) return nullptr;
        initialize(top);
        return top;
    }

    std::vector<const GumboNode*> with_siblings(const GumboNode* top) const {
        const GumboNode* parent = top->parent;
        if (!scorable_ancestor(parent)) return {top};
        const double top_score = score_of(top);
        const double threshold = std::max(10.0, top_score * 0.2);
        const std::string_view top_class = attribute(top, "class");
        std::vector<const GumboNode*> roots;
        for (const GumboNode* sibling : element_children(parent)) {
            bool append = sibling == top;
            if (!append) {
                const double bonus = !top_class.empty() && attribute(sibling, "class") == top_class
                                         ? top_score * 0.2
                                         : 0;
                if (is_scored(sibling) && score_of(sibling) + bonus >= threshold) {
                    append = true;
                } else if (sibling->v.element.tag == GUMBO_TAG_P) {
                    const auto it = stats_.find(sibling);
                    const std::size_t length = it == stats_.end() ? 0 : it->second.text;
                    const double density = link_density(sibling);
                    if (length > 80 && density < 0.25) {
                        append = true;
                    } else if (length > 0 && length < 80 && density == 0) {
                        const std::string text = collapse_whitespace(text_of(sibling));
                        append = text.ends_with(".") || text.find(". ") != std::string::npos;
                    }
                }
            }
            if (append) roots.push_back(sibling);
        }
        return roots;
    }

    bool is_data_table(const GumboNode* table) const {
        if (attribute(table, "role") == "presentation") return false;
        if (!attribute(table, "summary").empty()) return true;
        unsigned rows = 0;
        std::vector<const GumboNode*> stack{table};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (!is_element(n)) continue;
            const GumboTag tag = n->v.element.tag;
            if (n != table && tag == GUMBO_TAG_TABLE) return false;  // layout tables nest
            if (tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TH ||
                tag == GUMBO_TAG_TFOOT || tag == GUMBO_TAG_COLGROUP)
                return true;
            if (tag == GUMBO_TAG_TR) ++rows;
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) stack.push_back(child(kids, i));
        }
        return rows >= 10;
    }

    // Readability's _cleanConditionally: containers inside the story that look like
    // widgets, link lists or image galleries rather than prose.
    bool looks_like_furniture(const GumboNode* node) const {
        const GumboTag tag = node->v.element.tag;
        const auto it = stats_.find(node);
        if (it == stats_.end()) return false;
        const Stats& s = it->second;
        if (tag == GUMBO_TAG_TABLE && is_data_table(node)) return false;
        if (has_ancestor(node, GUMBO_TAG_TABLE, GUMBO_TAG_CODE)) return false;
        const int weight = class_weight(node);
        if (weight < 0) return true;
        const bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ||
                             (s.text > 0 && static_cast<double>(s.list) / s.text > 0.9);
        // Readability keeps lists whatever they hold; a list of nothing but links is a
        // "related stories" or "more on this" box, not the story.
        if (is_list && link_density(node) > 0.8) return true;
        if (s.commas >= 10) return false;
        const double p = s.p;
        const double img = s.img;
        const double li = static_cast<double>(s.li) - 100;
        const double input = s.input;
        const double heading_density = s.text == 0 ? 0 : static_cast<double>(s.heading) / s.text;
        const double density = link_density(node);
        const bool in_figure = has_ancestor(node, GUMBO_TAG_FIGURE, GUMBO_TAG_FIGURE);
        return (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
               (input > std::floor(p / 3)) ||
               (!is_list && heading_density < 0.9 && s.text < 25 && (img == 0 || img > 2) &&
                density > 0) ||
               (!is_list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
               (s.embed == 1 && s.text < 75) || s.embed > 1;
    }

    void clean(const GumboNode* root) {
        std::vector<const GumboNode*> stack;
        const auto push_children = [&](const GumboNode* node) {
            const GumboVector& kids = children(node);
            for (unsigned i = kids.length; i-- > 0;) stack.push_back(child(kids, i));
        };
        push_children(root);
        while (!stack.empty()) {
            const GumboNode* node = stack.back();
            stack.pop_back();
            if (!is_element(node) || skip_.contains(node)) continue;
            const GumboTag tag = node->v.element.tag;
            bool drop = false;
            const std::string h = hints(node);
            if (share_hint(h) && stats_.contains(node) && stats_.at(node).text < 500)
                drop = true;
            else if ((tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) && class_weight(node) < 0)
                drop = true;
            else if (tag == GUMBO_TAG_FORM || tag == GUMBO_TAG_FIELDSET || tag == GUMBO_TAG_TABLE ||
                     tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DIV)
                drop = looks_like_furniture(node);
            if (drop) {
                skip_.insert(node);
                continue;
            }
            push_children(node);
        }
    }
};

std::size_t total_chars(const std::vector<std::string>& paragraphs) {
    std::size_t n = 0;
    for (const auto& p : paragraphs) n += p.size();
    return n;
}

}  // namespace

Content extract_content(const GumboNode* body) {
    // Each retry drops one more filter; the first result long enough wins, else the
    // longest.
    constexpr std::array<Flags, 4> kAttempts = {{
        {true, true, true},
        {false, true, true},
        {false, false, true},
        {false, false, false},
    }};
    Content best;
    std::size_t best_chars = 0;
    bool have = false;
    for (const Flags& flags : kAttempts) {
        Content content = Scorer(body, flags).run();
        const std::size_t chars = total_chars(content.paragraphs);
        if (chars >= kMinTextChars) return content;
        if (!have || chars > best_chars) {
            best = std::move(content);
            best_chars = chars;
            have = true;
        }
    }
    return best;
}

}  // namespace newsindex::readers::html
