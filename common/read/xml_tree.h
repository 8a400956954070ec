// XML documents parsed with libxml2, and the few walks the feed and wire readers need.
// Elements are matched by local name, so a prefix ("ns0:", "atom:") or a namespace a
// producer got wrong does not hide them.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::readers::xml {

struct DocumentDeleter {
    void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
using Document = std::unique_ptr<xmlDoc, DocumentDeleter>;

// Parses `bytes` in libxml2's recovery mode, never touching the network nor loading a DTD
// or an external entity. The encoding is the one the document declares, except where
// real files get it wrong: bytes that are valid UTF-8 under a Latin-1 declaration are
// read as UTF-8, and bytes that are not UTF-8 without a declaration as windows-1252
// (warnings say so). Nothing when libxml2 finds no root element.
Document parse(std::string_view bytes, std::vector<std::string>& warnings);

// The element's name without its prefix.
std::string_view local_name(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view local);

// Element children of `parent`, optionally only those called `local`.
std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view local = {});
const xmlNode* first_child(const xmlNode* parent, std::string_view local);
// The first element called `local` under `root` (itself excluded), depth first.
const xmlNode* find(const xmlNode* root, std::string_view local);
// Every element called `local` under `root`, in document order.
std::vector<const xmlNode*> find_all(const xmlNode* root, std::string_view local);

// All the text under `node`, white space collapsed.
std::string text(const xmlNode* node);
// Text of the first child called `local`; empty when there is none.
std::string child_text(const xmlNode* parent, std::string_view local);
// The attribute called `local` (any namespace); empty when absent.
std::string attribute(const xmlNode* node, std::string_view local);

// The paragraphs of an element holding markup (NITF <body.content>, an XHTML body, an
// Atom xhtml content): the text of each <p> (any namespace), or of the whole element
// split at line breaks when it has none.
std::vector<std::string> paragraphs(const xmlNode* node);

}  // namespace newsindex::readers::xml
