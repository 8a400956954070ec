// XML articles: feeds and wire items, told apart by their root element (their files all
// end in .xml), then read by xml_feed.cc or xml_wire.cc.

#include <array>

#include "common/base/error.h"
#include "common/base/utf8.h"
#include "common/read/readers.h"
#include "common/read/xml_formats.h"
#include "common/read/xml_tree.h"

namespace newsindex::readers {

namespace {

using namespace std::string_view_literals;

constexpr std::array kNewsRoots = {"rss"sv,      "RDF"sv,         "feed"sv,  "nitf"sv,
                                   "newsItem"sv, "newsMessage"sv, "NewsML"sv};

// How far into a file the root element is looked for: past a declaration, comments and
// a DOCTYPE, which are short.
constexpr std::size_t kSniffBytes = 16384;

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-' ||
           c == '.';
}

}  // namespace

std::string_view news_xml_root(std::string_view bytes) {
    bytes = bytes.substr(0, kSniffBytes);
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    std::size_t at = 0;
    while ((at = bytes.find('<', at)) != std::string_view::npos) {
        const std::string_view rest = bytes.substr(at + 1);
        if (rest.starts_with("?") || rest.starts_with("!")) {
            // A declaration, processing instruction, comment or DOCTYPE (whose internal
            // subset may hold '<'): skip to its end.
            const std::string_view end =
                rest.starts_with("!--")                                           ? "-->"sv
                : rest.starts_with("!DOCTYPE") && rest.find('[') < rest.find('>') ? "]>"sv
                                                                                  : ">"sv;
            const auto close = rest.find(end);
            if (close == std::string_view::npos) return {};
            at += 1 + close + end.size();
            continue;
        }
        std::size_t n = 0;
        while (n < rest.size() && is_name_char(rest[n])) ++n;
        std::string_view name = rest.substr(0, n);
        if (const auto colon = name.rfind(':'); colon != std::string_view::npos)
            name.remove_prefix(colon + 1);
        for (const auto root : kNewsRoots)
            if (name == root) return root;
        return {};
    }
    return {};
}

std::vector<Article> read_xml(std::string_view bytes, std::string_view id,
                              std::vector<std::string>& warnings) {
    const xml::Document document = xml::parse(bytes, warnings);
    if (!document) throw Error(ErrorKind::bad_input, "not XML (no root element)");
    const xmlNode* root = xmlDocGetRootElement(document.get());
    const std::string_view name = xml::local_name(root);
    if (name == "rss" || name == "RDF") return read_rss(root, id, warnings);
    if (name == "feed") return read_atom(root, id, warnings);
    if (name == "nitf") return read_nitf(root, id, warnings);
    if (name == "newsItem" || name == "newsMessage") return read_newsml_g2(root, id, warnings);
    if (name == "NewsML") return read_newsml_1(root, id, warnings);
    throw Error(ErrorKind::bad_input,
                "XML with root element <" + utf8::repaired(name) +
                    ">: neither a feed (rss, rdf:RDF, feed) nor a news item (nitf, newsItem, "
                    "newsMessage, NewsML)");
}

}  // namespace newsindex::readers
