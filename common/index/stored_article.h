// The document data: what the searcher shows of an article without reading its file.
#pragma once

#include <string>

#include "common/base/article.h"

namespace newsindex {

// Encodes the display fields, the body (snippets are cut from it) and the entities as
// the JSON object described in schema.h, after the fields Omega shows (caption=, sample=,
// url=, modtime= lines).
std::string encode_stored_article(const Article& article);

// The inverse; tolerant of missing keys so older documents still display, and of data
// that is nothing but the JSON object (schema 6 and before).
// Throws Error (corrupt) on data that holds no JSON object.
Article decode_stored_article(const std::string& data);

}  // namespace newsindex
