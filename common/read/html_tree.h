// Gumbo trees for the HTML reader: parsing with a nesting limit, node helpers, and the
// paragraphs of the text under a node. Shared by html_reader, html_metadata and
// content_scorer; not part of the public API.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsindex::readers::html {

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const;
};
using GumboTree = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// Parses `html`; tags nested deeper than a limit are dropped first (gumbo has no depth
// limit of its own), with a warning appended to `warnings` when it is not null.
GumboTree parse(std::string_view html, std::vector<std::string>* warnings);

inline bool is_element(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}
inline GumboTag tag_of(const GumboNode* node) {
    return is_element(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}
const GumboVector& children(const GumboNode* node);
inline const GumboNode* child(const GumboVector& kids, unsigned i) {
    return static_cast<const GumboNode*>(kids.data[i]);
}
std::string_view attribute(const GumboNode* node, const char* name);
std::string lower(std::string_view text);

// Page furniture whose text is never article text (scripts, navigation, forms, ...).
// <header> is furniture only when `with_header`.
bool is_excluded(GumboTag tag, bool with_header = true);
// Elements that start and end a paragraph of the extracted text.
// <h1> to <h6>.
bool is_heading(GumboTag tag);
bool is_block(GumboTag tag);

using NodeSet = std::unordered_set<const GumboNode*>;

// Paragraphs of the text under each of `roots` in turn, without excluded elements, those
// with a `hidden` attribute and those in `skip` (when not null). An explicit stack, not
// recursion: the tree can be a few hundred levels deep and callers may run on small thread
// stacks.
std::vector<std::string> paragraphs_of(const std::vector<const GumboNode*>& roots,
                                       const NodeSet* skip = nullptr, bool with_header = true);
std::vector<std::string> paragraphs_of(const GumboNode* root);
// The text under `node`, paragraphs joined by blank lines.
std::string text_of(const GumboNode* node);

}  // namespace newsindex::readers::html
