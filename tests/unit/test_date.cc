#include <doctest/doctest.h>

#include "common/base/date.h"

using newsindex::Date;
using newsindex::date_from_path;
using newsindex::make_date;
using newsindex::parse_compact_date;
using newsindex::parse_date;
using newsindex::parse_date_line;

namespace {
const Date kApril20{2010, 4, 20};
}

TEST_CASE("date: make_date accepts real dates and rejects impossible ones") {
    CHECK(make_date(2010, 4, 20) == kApril20);
    CHECK(make_date(2012, 2, 29).has_value());
    CHECK_FALSE(make_date(2010, 2, 29).has_value());
    CHECK_FALSE(make_date(2010, 2, 30).has_value());
    CHECK_FALSE(make_date(2010, 13, 1).has_value());
    CHECK_FALSE(make_date(2010, 0, 1).has_value());
    CHECK_FALSE(make_date(2010, 4, 31).has_value());
    CHECK_FALSE(make_date(2010, 4, 0).has_value());
    CHECK_FALSE(make_date(999, 1, 1).has_value());
    CHECK_FALSE(make_date(3000, 1, 1).has_value());
}

TEST_CASE("date: iso and compact forms round-trip") {
    CHECK(kApril20.iso() == "2010-04-20");
    CHECK(kApril20.compact() == "20100420");
    CHECK(parse_compact_date("20100420") == kApril20);
    CHECK_FALSE(parse_compact_date("2010042").has_value());
    CHECK_FALSE(parse_compact_date("201004201").has_value());
    CHECK_FALSE(parse_compact_date("20100230").has_value());
    CHECK_FALSE(parse_compact_date("2010-04-20").has_value());
    CHECK(Date{2010, 4, 20} < Date{2010, 4, 21});
    CHECK(Date{2009, 12, 31} < Date{2010, 1, 1});
}

TEST_CASE("date: parse_date reads ISO 8601 and compact dates") {
    CHECK(parse_date("2010-04-20") == kApril20);
    CHECK(parse_date("  2010-04-20  ") == kApril20);
    CHECK(parse_date("1987-02-26T15:01:01") == Date{1987, 2, 26});
    CHECK(parse_date("2010-04-20T23:59:59.123+05:30") == kApril20);
    CHECK(parse_date("2010-04-20T10:00:00Z") == kApril20);
    CHECK(parse_date("2010-04-20 10:00") == kApril20);
    CHECK(parse_date("20100420") == kApril20);
    CHECK(parse_date("2010/04/20") == kApril20);
}

TEST_CASE("date: parse_date reads the textual formats") {
    CHECK(parse_date("Tue, 20 Apr 2010 10:00:00 GMT") == kApril20);
    CHECK(parse_date("Tue, 20 Apr 2010 10:00:00 +0000") == kApril20);
    CHECK(parse_date("April 20, 2010") == kApril20);
    CHECK(parse_date("Tuesday, April 20, 2010") == kApril20);
    CHECK(parse_date("20 April 2010") == kApril20);
    CHECK(parse_date("Apr. 20, 2010") == kApril20);
    CHECK(parse_date("april 20, 2010") == kApril20);
    CHECK(parse_date("Sept. 5, 2011") == Date{2011, 9, 5});
    CHECK(parse_date("5 September 2011") == Date{2011, 9, 5});
    CHECK(parse_date("Feb 29, 2012") == Date{2012, 2, 29});
}

TEST_CASE("date: parse_date rejects invalid and non-dates") {
    CHECK_FALSE(parse_date("").has_value());
    CHECK_FALSE(parse_date("yesterday").has_value());
    CHECK_FALSE(parse_date("2010-02-30").has_value());
    CHECK_FALSE(parse_date("2010-13-01").has_value());
    CHECK_FALSE(parse_date("2010-04").has_value());
    CHECK_FALSE(parse_date("201004201").has_value());
    CHECK_FALSE(parse_date("February 30, 2010").has_value());
    CHECK_FALSE(parse_date("Feb 29, 2010").has_value());
    CHECK_FALSE(parse_date("Apri 20, 2010").has_value());
    CHECK_FALSE(parse_date("April 20, 20101").has_value());
    CHECK_FALSE(parse_date("April 20").has_value());
    CHECK_FALSE(parse_date("0999-01-01").has_value());
    CHECK_FALSE(parse_date("SALVADOR, Feb 26").has_value());
}

TEST_CASE("date: parse_date_line takes whole date lines only") {
    CHECK(parse_date_line("Tuesday, April 20, 2010") == kApril20);
    CHECK(parse_date_line("  2010-04-20 ") == kApril20);
    CHECK(parse_date_line("April 20, 2010 10:32 AM EDT") == kApril20);
    CHECK(parse_date_line("Tuesday, April 20, 2010 - 3:15 p.m.") == kApril20);
    CHECK(parse_date_line("2010-04-20T15:01:01Z") == kApril20);
    CHECK(parse_date_line("Published: 20 April 2010") == kApril20);
    CHECK(parse_date_line("Updated April 20, 2010 at 10:00 GMT") == kApril20);

    CHECK_FALSE(parse_date_line("April 20, 2010 was a Tuesday").has_value());
    CHECK_FALSE(parse_date_line("2010-04-20 ousted president flees").has_value());
    CHECK_FALSE(parse_date_line("SALVADOR, Feb 26").has_value());
    CHECK_FALSE(parse_date_line("MAY7  1928 OFF 6").has_value());
    CHECK_FALSE(parse_date_line("On April 20, 2010 he fled.").has_value());
    CHECK_FALSE(parse_date_line("").has_value());
}

TEST_CASE("date: date_from_path finds folder, dashed and compact dates") {
    CHECK(date_from_path("2010-04-20-ousted-kyrgyz-president.txt") == kApril20);
    CHECK(date_from_path("archive/2010/04/20/story.html") == kApril20);
    CHECK(date_from_path("archive/2010/04/20") == kApril20);
    CHECK(date_from_path("feeds/20100420_world.json") == kApril20);
    CHECK(date_from_path("/data/backup-20200101/2010/04/20/x.txt") == kApril20);
    CHECK(date_from_path("C:\\news\\2010_04_20.txt") == kApril20);

    CHECK_FALSE(date_from_path("reuters-09340.txt").has_value());
    CHECK_FALSE(date_from_path("story-120100420.txt").has_value());
    CHECK_FALSE(date_from_path("story-201004201.txt").has_value());
    CHECK_FALSE(date_from_path("2010/13/45/story.txt").has_value());
    CHECK_FALSE(date_from_path("2010-02-30-story.txt").has_value());
    CHECK_FALSE(date_from_path("").has_value());
}
