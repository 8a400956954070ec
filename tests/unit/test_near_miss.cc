// "Did you mean": the command a mistyped word was meant to be.
#include <doctest/doctest.h>

#include <string_view>

#include "common/cli/near_miss.h"

using newsindex::edit_distance;
using newsindex::nearest_name;

namespace {
constexpr std::string_view kCommands[] = {"build",    "status", "check",     "compact",
                                          "entities", "show",   "ner-train", "ner-eval"};
}

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
    CHECK(edit_distance("build", "build") == 0);
    CHECK(edit_distance("biuld", "build") == 1);
    CHECK(edit_distance("buld", "build") == 1);
    CHECK(edit_distance("serv", "serve") == 1);
    CHECK(edit_distance("server", "serve") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("nearest name: slips of the keys, not other words") {
    CHECK(nearest_name("biuld", kCommands) == "build");
    CHECK(nearest_name("stauts", kCommands) == "status");
    CHECK(nearest_name("compcat", kCommands) == "compact");
    CHECK(nearest_name("sho", kCommands) == "show");
    CHECK(nearest_name("ner-trian", kCommands) == "ner-train");
    CHECK_FALSE(nearest_name("build", kCommands));    // itself
    CHECK_FALSE(nearest_name("index", kCommands));    // nothing near
    CHECK_FALSE(nearest_name("ner-xxx", kCommands));  // two names equally near... or none
    CHECK_FALSE(nearest_name("bx", kCommands));       // short words: one edit at most
    constexpr std::string_view kServe[] = {"serve"};
    CHECK(nearest_name("serv", kServe, 1) == "serve");
    CHECK(nearest_name("server", kServe, 1) == "serve");
    CHECK_FALSE(nearest_name("sever", kServe, 1));
}
