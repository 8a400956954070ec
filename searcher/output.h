// How newssearch shows a response: plain text for people, JSON for scripts.
#pragma once

#include <ostream>
#include <string>

#include "common/search/search.h"

namespace newsindex::cli {

void print_text(std::ostream& out, const SearchRequest& request, const SearchResponse& response);
void print_json(std::ostream& out, const SearchRequest& request, const SearchResponse& response);

}  // namespace newsindex::cli
