#include "common/search/hit_fields.h"

#include <algorithm>

#include "common/base/error.h"

namespace newsindex {

std::vector<std::string> default_json_fields(bool explain) {
    std::vector<std::string> fields = {"rank",    "id",      "path",     "title",    "subtitle",
                                       "date",    "source",  "url",      "language", "score",
                                       "percent", "snippet", "entities", "story",    "story_size"};
    if (explain) fields.emplace_back("explain");
    return fields;
}

std::vector<std::string> default_csv_fields() {
    return {"rank", "id", "path", "title", "date", "source", "score"};
}

namespace {

std::string valid_fields() {
    std::string valid;
    for (const auto name : kHitFields) valid += (valid.empty() ? "" : ",") + std::string(name);
    return "valid fields: " + valid;
}

}  // namespace

std::vector<std::string> parse_hit_fields(std::string_view list) {
    std::vector<std::string> fields;
    while (!list.empty()) {
        const auto comma = list.find(',');
        std::string_view field = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
        while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
        if (field.empty()) continue;
        if (std::find(kHitFields.begin(), kHitFields.end(), field) == kHitFields.end())
            throw Error(ErrorKind::bad_input,
                        "unknown field '" + std::string(field) + "' (" + valid_fields() + ")");
        if (!has_field(fields, field)) fields.emplace_back(field);
    }
    if (fields.empty())
        throw Error(ErrorKind::bad_input, "no fields named (" + valid_fields() + ")");
    return fields;
}

bool has_field(const std::vector<std::string>& fields, std::string_view field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace newsindex
