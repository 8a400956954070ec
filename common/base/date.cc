#include "common/base/date.h"

#include <locale.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace newsindex {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Reads exactly `count` digits at `pos`; nothing when any of them is not a digit.
std::optional<int> digits_at(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!is_digit(s[i])) return std::nullopt;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

struct DatePrefix {
    Date date;
    std::string rest;  // the text after the date
};

// "2010-04-20", "2010/04/20", "2010.04.20", "2010_04_20" or "20100420" at the start of `s`, not
// followed by another digit (so "201004201" is no date).
std::optional<DatePrefix> numeric_prefix(std::string_view s) {
    const auto year = digits_at(s, 0, 4);
    if (!year) return std::nullopt;
    std::optional<int> month, day;
    std::size_t length = 0;
    if (s.size() >= 10 && (s[4] == '-' || s[4] == '/' || s[4] == '.' || s[4] == '_') &&
        s[7] == s[4]) {
        month = digits_at(s, 5, 2);
        day = digits_at(s, 8, 2);
        length = 10;
    } else {
        month = digits_at(s, 4, 2);
        day = digits_at(s, 6, 2);
        length = 8;
    }
    if (!month || !day) return std::nullopt;
    if (length < s.size() && is_digit(s[length])) return std::nullopt;
    const auto date = make_date(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    if (!date) return std::nullopt;
    return DatePrefix{*date, std::string(s.substr(length))};
}

// strptime's month and weekday names come from LC_TIME; the "C" locale makes them English
// whatever locale the program runs in.
locale_t c_locale() {
    static const locale_t locale = newlocale(LC_ALL_MASK, "C", locale_t{});
    return locale;
}

// glibc strptime: %b and %a accept full and abbreviated names in any case, and a space
// in the format matches any run of white space (including none).
constexpr std::array kTextualFormats = {
    "%a, %d %b %Y",    // Tue, 20 Apr 2010 (RFC 2822)
    "%a %d %b %Y",     // Tue 20 Apr 2010
    "%d %b %Y",        // 20 April 2010
    "%d %b. %Y",       // 20 Apr. 2010
    "%a, %b %d, %Y",   // Tuesday, April 20, 2010
    "%a, %b. %d, %Y",  // Tue., Apr. 20, 2010 (after the weekday '.' is dropped below)
    "%a %b %d, %Y",    // Tuesday April 20, 2010
    "%b %d, %Y",       // April 20, 2010
    "%b. %d, %Y",      // Apr. 20, 2010
    "%b %d %Y",        // April 20 2010
    "%a, %d %b, %Y",   // Tuesday, 20 April, 2010
    "%d %b, %Y",       // 20 April, 2010
};

// News styles that strptime does not know: "Sept." for September and "Tue." with a dot.
std::string normalise_textual(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool word_start = i == 0 || !is_alpha(s[i - 1]);
        if (word_start && i + 4 <= s.size() && iequals(s.substr(i, 4), "sept") &&
            (i + 4 == s.size() || !is_alpha(s[i + 4]))) {
            out += s.substr(i, 3);
            i += 3;
            continue;
        }
        // A dot right after a leading weekday abbreviation ("Tue., ...").
        if (s[i] == '.' && i >= 3 && i <= 4 && out.size() == i && i + 1 < s.size() &&
            (s[i + 1] == ',' || s[i + 1] == ' ')) {
            bool all_alpha = true;
            for (std::size_t k = 0; k < i; ++k) all_alpha = all_alpha && is_alpha(s[k]);
            if (all_alpha) continue;
        }
        out += s[i];
    }
    return out;
}

std::optional<DatePrefix> textual_prefix(std::string_view s) {
    if (s.empty() || !(is_alpha(s[0]) || is_digit(s[0]))) return std::nullopt;
    const std::string text = normalise_textual(s);
    for (const char* format : kTextualFormats) {
        struct tm tm {};
        const char* end = strptime_l(text.c_str(), format, &tm, c_locale());
        if (end == nullptr || tm.tm_mday == 0) continue;
        if (*end != '\0' && (is_digit(*end) || is_alpha(*end))) continue;
        const auto date = make_date(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                                    static_cast<unsigned>(tm.tm_mday));
        if (date) return DatePrefix{*date, std::string(end)};
    }
    return std::nullopt;
}

std::optional<DatePrefix> date_prefix(std::string_view s) {
    if (auto numeric = numeric_prefix(s)) return numeric;
    return textual_prefix(s);
}

// Labels some sites put before the date line: "Published: April 20, 2010".
std::string_view strip_label(std::string_view line) {
    constexpr std::array kLabels = {"published on", "published", "posted on", "posted",
                                    "updated on",   "updated",   "date",      "dated"};
    for (const std::string_view label : kLabels) {
        if (line.size() > label.size() && iequals(line.substr(0, label.size()), label) &&
            !is_alpha(line[label.size()])) {
            std::string_view rest = line.substr(label.size());
            rest = trim(rest);
            if (!rest.empty() && rest.front() == ':') rest = trim(rest.substr(1));
            return rest;
        }
    }
    return line;
}

bool is_meridiem(std::string_view word) {
    return iequals(word, "am") || iequals(word, "pm") || iequals(word, "a.m.") ||
           iequals(word, "p.m.");
}

// "10:00", "10.00", "15:01:01", "10:00am", "15:01:01Z", "10:00:00+01:00".
bool is_time(std::string_view word) {
    std::size_t i = 0, groups = 0;
    while (i < word.size()) {
        std::size_t digits = 0;
        while (i < word.size() && is_digit(word[i])) ++i, ++digits;
        if (digits == 0 || digits > 2 || (groups > 0 && digits != 2)) break;
        ++groups;
        if (i < word.size() && (word[i] == ':' || word[i] == '.') && i + 1 < word.size() &&
            is_digit(word[i + 1]))
            ++i;
        else
            break;
    }
    if (groups < 2) return false;
    std::string_view tail = word.substr(i);
    if (tail.starts_with(".") && tail.size() > 1 && is_digit(tail[1])) {  // fractions
        tail.remove_prefix(1);
        while (!tail.empty() && is_digit(tail.front())) tail.remove_prefix(1);
    }
    return tail.empty() || tail == "Z" || tail == "z" || is_meridiem(tail) ||
           ((tail.front() == '+' || tail.front() == '-') && tail.size() >= 3 && is_digit(tail[1]));
}

bool is_zone(std::string_view word) {
    if (word.starts_with('+') || word.starts_with('-'))  // "+0100", "-05:00"
        return word.size() >= 3 && is_digit(word[1]);
    if (word.empty() || word.size() > 5) return false;
    for (const char c : word)
        if (!(c >= 'A' && c <= 'Z')) return false;
    return true;
}

// What may follow the date on a date line: nothing, or a time ("10:00", "3:15 p.m. EDT",
// "T15:01:01Z", "at 10:00 GMT", "| 10:00 +0100"). Zones and am/pm only after a time, so
// a table row such as "MAY7  1928 OFF 6" is no date line.
bool is_time_suffix(std::string_view rest) {
    bool seen_time = false;
    std::size_t i = 0;
    while (i < rest.size()) {
        const char c = rest[i];
        if (is_space(c) || c == ',' || c == '|' || c == '@' || c == '(' || c == ')' ||
            (c == '-' && (i + 1 == rest.size() || is_space(rest[i + 1])))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < rest.size() && !is_space(rest[j]) && rest[j] != ',' && rest[j] != '|' &&
               rest[j] != '(' && rest[j] != ')')
            ++j;
        std::string_view word = rest.substr(i, j - i);
        i = j;
        if (!seen_time && (word.front() == 'T' || word.front() == 't') && word.size() > 1 &&
            is_digit(word[1]))
            word.remove_prefix(1);  // ISO "2010-04-20T15:01:01"
        if (!seen_time && iequals(word, "at")) continue;
        if (!seen_time && is_time(word)) {
            seen_time = true;
            continue;
        }
        if (seen_time && (is_meridiem(word) || is_zone(word))) continue;
        return false;
    }
    return true;
}

}  // namespace

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
    return buffer;
}

std::string Date::compact() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", year, month, day);
    return buffer;
}

std::optional<Date> make_date(int year, unsigned month, unsigned day) {
    if (year < 1000 || year > 2999) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    return Date{year, month, day};
}

std::optional<Date> parse_date(std::string_view text) {
    // Only the first words can hold the date; keeps copies of long values small.
    const auto prefix = date_prefix(trim(text).substr(0, 80));
    if (!prefix) return std::nullopt;
    return prefix->date;
}

std::optional<Date> parse_date_line(std::string_view line) {
    line = strip_label(trim(line));
    if (line.size() > 80) return std::nullopt;
    const auto prefix = date_prefix(line);
    if (!prefix || !is_time_suffix(prefix->rest)) return std::nullopt;
    return prefix->date;
}

std::optional<Date> date_from_path(std::string_view path) {
    // The date nearest the end wins: the file name, then the innermost folder, so a dated
    // root such as "backup-20200101/" does not override the article's own date.
    std::optional<Date> found;
    for (std::size_t i = 0; i + 8 <= path.size(); ++i) {
        if (!is_digit(path[i]) || (i > 0 && is_digit(path[i - 1]))) continue;
        if (const auto prefix = numeric_prefix(path.substr(i))) found = prefix->date;
    }
    return found;
}

std::optional<Date> parse_compact_date(std::string_view compact) {
    if (compact.size() != 8) return std::nullopt;
    const auto prefix = numeric_prefix(compact);
    if (!prefix || !prefix->rest.empty()) return std::nullopt;
    return prefix->date;
}

namespace {

std::chrono::sys_days to_sys_days(const Date& date) {
    return std::chrono::year_month_day{std::chrono::year{date.year}, std::chrono::month{date.month},
                                       std::chrono::day{date.day}};
}

std::optional<Date> from_ymd(const std::chrono::year_month_day& ymd) {
    if (!ymd.ok()) return std::nullopt;
    return make_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

unsigned last_day_of_month(int year, unsigned month) {
    const std::chrono::year_month_day_last last{
        std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}};
    return static_cast<unsigned>(last.day());
}

// `months` months before `date`, the day clipped to the end of a shorter month.
std::optional<Date> months_before(const Date& date, long months) {
    const long index = date.year * 12L + (static_cast<long>(date.month) - 1) - months;
    if (index < 0) return std::nullopt;
    const int year = static_cast<int>(index / 12);
    const unsigned month = static_cast<unsigned>(index % 12) + 1;
    if (!make_date(year, month, 1)) return std::nullopt;
    return make_date(year, month, std::min(date.day, last_day_of_month(year, month)));
}

}  // namespace

std::optional<Date> add_days(const Date& date, long days) {
    return from_ymd(std::chrono::year_month_day{to_sys_days(date) + std::chrono::days{days}});
}

long days_between(const Date& from, const Date& to) {
    return static_cast<long>((to_sys_days(to) - to_sys_days(from)).count());
}

std::optional<Date> parse_user_date(std::string_view text, const Date& today, PeriodEnd end) {
    text = trim(text);
    if (iequals(text, "today")) return today;
    if (iequals(text, "yesterday")) return add_days(today, -1);
    const bool last = end == PeriodEnd::last;
    // YYYY-MM-DD, YYYY-MM, YYYY.
    if (const auto year = digits_at(text, 0, 4); year && (text.size() == 4 || text[4] == '-')) {
        if (text.size() == 4) return make_date(*year, last ? 12 : 1, last ? 31 : 1);
        const auto month = digits_at(text, 5, 2);
        if (!month || *month < 1 || *month > 12) return std::nullopt;
        if (text.size() == 7) {
            const auto m = static_cast<unsigned>(*month);
            return make_date(*year, m, last ? last_day_of_month(*year, m) : 1);
        }
        const auto day = digits_at(text, 8, 2);
        if (text.size() != 10 || text[7] != '-' || !day) return std::nullopt;
        return make_date(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    }
    // 7d, 2w, 3m, 1y.
    if (text.size() < 2 || text.size() > 7) return std::nullopt;
    long count = 0;
    for (const char c : text.substr(0, text.size() - 1)) {
        if (!is_digit(c)) return std::nullopt;
        count = count * 10 + (c - '0');
    }
    switch (std::tolower(static_cast<unsigned char>(text.back()))) {
        case 'd':
            return add_days(today, -count);
        case 'w':
            return add_days(today, -7 * count);
        case 'm':
            return months_before(today, count);
        case 'y':
            return months_before(today, 12 * count);
        default:
            return std::nullopt;
    }
}

Date local_today() {
    const std::time_t now = std::time(nullptr);
    struct tm local {};
    if (localtime_r(&now, &local) == nullptr) gmtime_r(&now, &local);
    return Date{local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                static_cast<unsigned>(local.tm_mday)};
}

}  // namespace newsindex
