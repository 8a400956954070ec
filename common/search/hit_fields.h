// The fields of a hit that the JSON, JSON Lines and CSV outputs can carry (--fields).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// Every field, in the order the help lists them.
inline constexpr std::array<std::string_view, 17> kHitFields = {
    "rank",    "id",       "path",     "title",      "subtitle", "date",
    "source",  "url",      "language", "author",     "score",    "percent",
    "snippet", "entities", "story",    "story_size", "explain"};

// What JSON and JSON Lines carry when no fields are asked for ("explain" joins them when
// explanations are asked for).
std::vector<std::string> default_json_fields(bool explain);
// The columns of CSV when no fields are asked for.
std::vector<std::string> default_csv_fields();

// Reads "id,title,date": the fields in the order given, each once. Throws Error
// (bad_input) naming the first unknown field and listing the valid ones, or saying that
// the list is empty.
std::vector<std::string> parse_hit_fields(std::string_view list);

// Whether `fields` holds `field`.
bool has_field(const std::vector<std::string>& fields, std::string_view field);

}  // namespace newsindex
