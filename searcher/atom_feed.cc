#include "searcher/atom_feed.h"

#include <string_view>

namespace newsindex {

std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // XML 1.0 allows no control characters but tab and line breaks.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    out += c;
        }
    }
    return out;
}

namespace {

// A URL query value: everything but unreserved characters %-encoded, as
// encodeURIComponent does on the page.
std::string query_component(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
            (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

// Articles carry a day, not a time: midnight UTC of that day.
std::string rfc3339(const Date& date) {
    return date.iso() + "T00:00:00Z";
}

}  // namespace

void print_atom_feed(std::ostream& out, const SearchRequest& request,
                     const SearchResponse& response, const std::string& base,
                     const std::string& updated) {
    std::string newest = updated;
    for (const auto& hit : response.hits)
        if (hit.article.date) {
            newest = rfc3339(*hit.article.date);
            break;  // hits come newest first
        }
    const std::string self = base + "/feed.atom?q=" + query_component(request.query);
    out << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        << "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        << "  <title>" << xml_escaped("newsindex: " + request.query) << "</title>\n"
        << "  <id>" << xml_escaped("urn:newsindex:search:" + query_component(request.query))
        << "</id>\n"
        << "  <updated>" << newest << "</updated>\n"
        << "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" << xml_escaped(self)
        << "\"/>\n"
        << "  <link rel=\"alternate\" type=\"text/html\" href=\""
        << xml_escaped(base + "/?q=" + query_component(request.query)) << "\"/>\n"
        << "  <author><name>newsindex</name></author>\n"
        << "  <generator>newsindex</generator>\n";
    for (const auto& hit : response.hits) {
        const Article& a = hit.article;
        const std::string view = base + "/article?id=" + query_component(a.id);
        out << "  <entry>\n"
            << "    <title>" << xml_escaped(a.title.empty() ? a.id : a.title) << "</title>\n"
            << "    <id>" << xml_escaped("urn:newsindex:article:" + query_component(a.id))
            << "</id>\n"
            << "    <updated>" << (a.date ? rfc3339(*a.date) : updated) << "</updated>\n"
            << "    <link rel=\"alternate\" type=\"text/html\" href=\"" << xml_escaped(view)
            << "\"/>\n";
        if (a.url.starts_with("http://") || a.url.starts_with("https://"))
            out << "    <link rel=\"via\" href=\"" << xml_escaped(a.url) << "\"/>\n";
        if (!a.author.empty())
            out << "    <author><name>" << xml_escaped(a.author) << "</name></author>\n";
        if (!a.source.empty())
            out << "    <source><title>" << xml_escaped(a.source) << "</title></source>\n";
        if (!hit.snippet.text.empty())
            out << "    <summary>" << xml_escaped(hit.snippet.text) << "</summary>\n";
        out << "  </entry>\n";
    }
    out << "</feed>\n";
}

}  // namespace newsindex
