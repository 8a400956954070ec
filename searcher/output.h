// How newssearch shows a response: plain text for people, JSON for scripts.
#pragma once

#include <ostream>
#include <string>

#include "common/search/search.h"

namespace newsindex::cli {

// `bold`: mark the snippet's highlights with ANSI bold (for a terminal) instead of [[ ]].
void print_text(std::ostream& out, const SearchRequest& request, const SearchResponse& response,
                bool bold);
// Snippets carry their highlights as [[ ]], whatever the terminal.
void print_json(std::ostream& out, const SearchRequest& request, const SearchResponse& response);

}  // namespace newsindex::cli
