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

// The day `days` after `date` (before it when negative); nothing outside make_date's years.
std::optional<Date> add_days(const Date& date, long days);
// Days from `from` to `to` (negative when `to` comes first).
long days_between(const Date& from, const Date& to);

// Which day of a period a date someone wrote stands for: "2010-04" is 2010-04-01 as the
// start of a range and 2010-04-30 as its end.
enum class PeriodEnd { first, last };

// A date as people write it for --since and --until, relative dates counted back from
// `today`, case-insensitive:
//   2010-04-20          that day
//   2010-04, 2010       the first or last day of the month or year, as `end` says
//   today, yesterday
//   7d 2w 3m 1y         that many days, weeks, months or years before today (a month
//                       back from March 31 is the last day of February)
// Nothing when the text is none of these or the date falls outside make_date's years.
std::optional<Date> parse_user_date(std::string_view text, const Date& today, PeriodEnd end);
// What parse_user_date reads, for messages.
inline constexpr std::string_view kUserDateForms =
    "YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday, or Nd, Nw, Nm, Ny for N days, weeks, "
    "months or years ago";

// Today in the local time zone (localtime_r, so TZ is respected).
Date local_today();

}  // namespace newsindex
