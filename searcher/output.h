// How newssearch shows a response: plain text for people, JSON for scripts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/search/hit_fields.h"
#include "common/search/search.h"

namespace newsindex::cli {

// `bold`: mark the snippet's highlights with ANSI bold (for a terminal) instead of [[ ]].
// A spelling suggestion comes first, and each hit's explanation, when it has one, under it.
void print_text(std::ostream& out, const SearchRequest& request, const SearchResponse& response,
                bool bold);
// Snippets carry their highlights as [[ ]], whatever the terminal. Each hit carries
// request.fields, or default_json_fields(request.explain) when that is empty.
void print_json(std::ostream& out, const SearchRequest& request, const SearchResponse& response);
// One JSON object per hit and line, as print_json's hits, with `fields`.
void print_jsonl(std::ostream& out, const SearchResponse& response,
                 const std::vector<std::string>& fields = default_json_fields(false));
// A header line naming `fields`, then a line per hit (RFC 4180); entities as
// "person:Name; place:Name", explanations as "term=weight; ...".
// `header` false leaves out the header line: the second and later pages of one table.
void print_csv(std::ostream& out, const SearchResponse& response,
               const std::vector<std::string>& fields = default_csv_fields(), bool header = true);
// One article whole (newssearch show): its fields, its text with the query's words marked
// (ANSI bold when `bold`, else [[ ]]), its entities and the titles of articles like it.
void print_article_text(std::ostream& out, const ArticleView& view, bool bold);
// The same as one JSON document, the marks as spans: [begin, end) byte offsets into the
// title or body's UTF-8 ("highlights", "title_highlights"), and each mention with the
// kind and name of its entity ("mentions"), for the page to render.
void print_article_json(std::ostream& out, const ArticleView& view);
// An entity's page (newssearch entity): its count, other names, articles by month, the
// names most notable with it and its newest articles.
void print_entity_text(std::ostream& out, const EntityProfile& profile);
// The same as one JSON document, what the page's /api/entity answers.
void print_entity_json(std::ostream& out, const EntityProfile& profile);
// One article id per line, for other programs to read.
void print_ids(std::ostream& out, const SearchResponse& response);

}  // namespace newsindex::cli
