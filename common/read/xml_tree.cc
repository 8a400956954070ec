#include "common/read/xml_tree.h"

#include <libxml/parser.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <mutex>

#include "common/base/utf8.h"
#include "common/read/readers.h"

namespace newsindex::readers::xml {

namespace {

std::string_view chars(const xmlChar* text) {
    return text == nullptr ? std::string_view{} : reinterpret_cast<const char*>(text);
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The encoding named in the XML declaration, lower case; empty without one.
std::string declared_encoding(std::string_view bytes) {
    if (!bytes.starts_with("<?xml")) return {};
    const std::string_view declaration = bytes.substr(0, bytes.find("?>"));
    const auto at = declaration.find("encoding");
    if (at == std::string_view::npos) return {};
    const auto quote = declaration.find_first_of("\"'", at);
    if (quote == std::string_view::npos) return {};
    const auto end = declaration.find(declaration[quote], quote + 1);
    if (end == std::string_view::npos) return {};
    return lower(declaration.substr(quote + 1, end - quote - 1));
}

bool is_latin1_label(std::string_view label) {
    return label == "iso-8859-1" || label == "latin1" || label == "latin-1" ||
           label == "iso8859-1" || label == "windows-1252" || label == "cp1252" ||
           label == "us-ascii" || label == "ascii";
}

bool valid_utf8(std::string_view bytes) {
    std::string copy(bytes);
    return utf8::repair(copy) == 0;
}

bool has_non_ascii(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool has_utf16_mark(std::string_view bytes) {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

// libxml2 keeps global state that it sets up once, before any thread parses.
void init_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

// Silences libxml2's messages: broken feeds are common, and recovery handles them.
void ignore_error(void*, const char*, ...) {}

void append_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            out += chars(n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            // Block boundaries separate words: "<p>a</p><p>b</p>" is "a b".
            out += ' ';
            append_text(n->children, out);
            out += ' ';
        }
    }
}

void collect(const xmlNode* parent, std::string_view local, std::vector<const xmlNode*>& out,
             std::size_t limit) {
    for (const xmlNode* n = parent->children; n != nullptr && out.size() < limit; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (local_name(n) == local) out.push_back(n);
        collect(n, local, out, limit);
    }
}

}  // namespace

Document parse(std::string_view bytes, std::vector<std::string>& warnings) {
    init_once();
    xmlSetGenericErrorFunc(nullptr, ignore_error);
    const std::string declared = declared_encoding(bytes);
    const char* forced = nullptr;
    if (!has_utf16_mark(bytes) && has_non_ascii(bytes)) {
        const bool utf8_bytes = valid_utf8(bytes);
        if (utf8_bytes && is_latin1_label(declared)) {
            forced = "UTF-8";
            warnings.push_back("declares " + declared + " but is UTF-8; read as UTF-8");
        } else if (!utf8_bytes && declared.empty()) {
            forced = "windows-1252";
            warnings.push_back("no encoding declared and not UTF-8; read as windows-1252");
        } else if (declared == "utf8") {
            forced = "UTF-8";
        }
    }
    const int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                        XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
    const int size = static_cast<int>(std::min<std::size_t>(bytes.size(), INT_MAX));
    Document document(xmlReadMemory(bytes.data(), size, nullptr, forced, options));
    if (!document && forced == nullptr && !valid_utf8(bytes)) {
        // A declared encoding the bytes do not follow: Latin-1 reads any byte.
        document.reset(xmlReadMemory(bytes.data(), size, nullptr, "windows-1252", options));
        if (document)
            warnings.push_back("bytes do not match the declared encoding; read as windows-1252");
    }
    if (document && xmlDocGetRootElement(document.get()) == nullptr) document.reset();
    return document;
}

std::string_view local_name(const xmlNode* node) {
    return node == nullptr ? std::string_view{} : chars(node->name);
}

bool is_element(const xmlNode* node, std::string_view local) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && local_name(node) == local;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view local) {
    std::vector<const xmlNode*> out;
    if (parent == nullptr) return out;
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next)
        if (n->type == XML_ELEMENT_NODE && (local.empty() || local_name(n) == local))
            out.push_back(n);
    return out;
}

const xmlNode* first_child(const xmlNode* parent, std::string_view local) {
    if (parent == nullptr) return nullptr;
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next)
        if (is_element(n, local)) return n;
    return nullptr;
}

const xmlNode* find(const xmlNode* root, std::string_view local) {
    if (root == nullptr) return nullptr;
    std::vector<const xmlNode*> found;
    collect(root, local, found, 1);
    return found.empty() ? nullptr : found.front();
}

std::vector<const xmlNode*> find_all(const xmlNode* root, std::string_view local) {
    std::vector<const xmlNode*> found;
    if (root != nullptr) collect(root, local, found, SIZE_MAX);
    return found;
}

std::string text(const xmlNode* node) {
    if (node == nullptr) return {};
    std::string out;
    append_text(node->children, out);
    return collapse_whitespace(out);
}

std::string child_text(const xmlNode* parent, std::string_view local) {
    return text(first_child(parent, local));
}

std::string attribute(const xmlNode* node, std::string_view local) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
        if (chars(a->name) != local) continue;
        std::string value;
        for (const xmlNode* n = a->children; n != nullptr; n = n->next) value += chars(n->content);
        return std::string(trim(value));
    }
    return {};
}

std::vector<std::string> paragraphs(const xmlNode* node) {
    std::vector<std::string> out;
    if (node == nullptr) return out;
    for (const xmlNode* p : find_all(node, "p"))
        if (std::string t = text(p); !t.empty()) out.push_back(std::move(t));
    if (!out.empty()) return out;
    std::string all;
    for (const xmlNode* n = node->children; n != nullptr; n = n->next)
        if (n->type == XML_TEXT_NODE) all += chars(n->content);
    if (trim(all).empty()) all = text(node);
    return split_paragraphs(all);
}

}  // namespace newsindex::readers::xml
