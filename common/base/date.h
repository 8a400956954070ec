// Calendar dates as the index stores them, and the date formats news articles use.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace newsindex {

struct Date {
    int year = 0;
    unsigned month = 0;  // 1..12
    unsigned day = 0;    // 1..31

    // "2010-04-20": what people and JSON consumers see.
    std::string iso() const;
    // "20100420": the sortable form kept in the date value slot.
    std::string compact() const;

    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

// A valid calendar date, or nothing (rejects 2010-02-30, month 13, years before 1000 or after
// 2999).
std::optional<Date> make_date(int year, unsigned month, unsigned day);

// Parses the date at the start of a metadata value: ISO 8601 ("2010-04-20",
// "2010-04-20T15:01:01Z", "20100420", also "2010/04/20"), RFC 2822 ("Tue, 20 Apr 2010
// 10:00:00 GMT"), "April 20, 2010", "Tuesday, April 20, 2010", "20 April 2010",
// "Apr. 20, 2010". Month and weekday names are English whatever the process locale.
std::optional<Date> parse_date(std::string_view text);

// A line that is nothing but a date (with an optional weekday or a trailing time),
// as news sites print above the body.
std::optional<Date> parse_date_line(std::string_view line);

// A date in a path: ".../2010/04/20/...", "2010-04-20-slug.txt", "20100420_x".
std::optional<Date> date_from_path(std::string_view path);

// "20100420" back to a Date (the value slot form).
std::optional<Date> parse_compact_date(std::string_view compact);

}  // namespace newsindex
