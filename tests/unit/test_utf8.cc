#include <doctest/doctest.h>

#include <string>

#include "common/base/utf8.h"

using namespace newsindex;

TEST_CASE("utf8::repair replaces invalid sequences and counts them") {
    std::string text = "Minsk \xff\xfe ok";
    CHECK(utf8::repair(text) == 2);
    CHECK(text == "Minsk \uFFFD\uFFFD ok");
    std::string clean = "Мінск";
    CHECK(utf8::repair(clean) == 0);
    CHECK(clean == "Мінск");
}

TEST_CASE("utf8::upper maps every script, with full case mapping") {
    CHECK(utf8::upper("Bakiyev's") == "BAKIYEV'S");
    CHECK(utf8::upper("Müller") == "MÜLLER");
    CHECK(utf8::upper("Мінск") == "МІНСК");
    CHECK(utf8::upper("straße") == "STRASSE");
    CHECK(utf8::upper("") == "");
}

TEST_CASE("utf8::title_case capitalises each word") {
    CHECK(utf8::title_case("VOLCKER") == "Volcker");
    CHECK(utf8::title_case("AL-ASSAD") == "Al-Assad");
    CHECK(utf8::title_case("MÜLLER") == "Müller");
}

TEST_CASE("utf8::is_upper_case needs a letter and no lower-case letter") {
    CHECK(utf8::is_upper_case("BAKER"));
    CHECK(utf8::is_upper_case("U.S."));
    CHECK(utf8::is_upper_case("МІНСК"));
    CHECK_FALSE(utf8::is_upper_case("Baker"));
    CHECK_FALSE(utf8::is_upper_case("1987"));
    CHECK_FALSE(utf8::is_upper_case(""));
}

TEST_CASE("utf8::remove_break_hints removes soft hyphens and joiners, nothing else") {
    std::string text = "Vladi\u00ADmir Netan\u00ADyahu\u2060 \uFEFFMinsk \u200B\u00E9";
    CHECK(utf8::remove_break_hints(text) == 4);
    CHECK(text == "Vladimir Netanyahu Minsk \u200B\u00E9");
    std::string plain = "Мінск, São Paulo";
    CHECK(utf8::remove_break_hints(plain) == 0);
    CHECK(plain == "Мінск, São Paulo");
}
