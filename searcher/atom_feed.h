// An Atom feed (RFC 4287) of a search's hits, newest first, for feed readers: the page's
// /feed.atom?q=... Presentation only: the hits come from NewsSearcher as for every output.
#pragma once

#include <ostream>
#include <string>

#include "common/search/search.h"

namespace newsindex {

// `base` is the server's own URL ("http://host:port"), so that entries link to the article
// view; `updated` is the feed's time (RFC 3339) when no hit is dated.
void print_atom_feed(std::ostream& out, const SearchRequest& request,
                     const SearchResponse& response, const std::string& base,
                     const std::string& updated);

// Text with &, <, > and " escaped, for XML text and attribute values.
std::string xml_escaped(std::string_view text);

}  // namespace newsindex
