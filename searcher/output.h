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
// One JSON object per hit and line, as print_json's hits.
void print_jsonl(std::ostream& out, const SearchResponse& response);
// A header line, then rank, id, path, title, date, source, score per hit (RFC 4180).
void print_csv(std::ostream& out, const SearchResponse& response);
// One article id per line, for other programs to read.
void print_ids(std::ostream& out, const SearchResponse& response);

}  // namespace newsindex::cli
