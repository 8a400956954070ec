#include <doctest/doctest.h>

#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/cli/command_line.h"

namespace po = boost::program_options;
using newsindex::CommandSpec;

namespace {

const CommandSpec kSpec{"newsindex test", "FILE...", "Summary line.", "Epilog line.\n", "files"};

// argv as parse_command_line wants it, from owned strings.
struct Argv {
    explicit Argv(std::vector<std::string> words) : storage(std::move(words)) {
        for (auto& word : storage) pointers.push_back(word.data());
    }
    int argc() const { return static_cast<int>(pointers.size()); }
    char** argv() { return pointers.data(); }
    std::vector<std::string> storage;
    std::vector<char*> pointers;
};

// Redirects std::cout or std::cerr into a string for the lifetime of the object.
class Capture {
public:
    explicit Capture(std::ostream& stream) : stream_(stream), saved_(stream.rdbuf(text_.rdbuf())) {}
    ~Capture() { stream_.rdbuf(saved_); }
    std::string text() const { return text_.str(); }

private:
    std::ostream& stream_;
    std::ostringstream text_;
    std::streambuf* saved_;
};

struct Parsed {
    std::optional<int> stop;
    po::variables_map values;
    std::string out;
    std::string err;
};

Parsed parse(std::vector<std::string> words) {
    Argv args(std::move(words));
    po::options_description options("Options");
    options.add_options()("json", po::bool_switch(), "print JSON");
    Parsed parsed;
    Capture out(std::cout);
    Capture err(std::cerr);
    parsed.stop =
        newsindex::parse_command_line(args.argc(), args.argv(), kSpec, options, parsed.values);
    parsed.out = out.text();
    parsed.err = err.text();
    return parsed;
}

}  // namespace

TEST_CASE("operands are collected in order, options anywhere among them") {
    const auto parsed = parse({"newsindex", "a.txt", "--json", "b.txt"});
    REQUIRE_FALSE(parsed.stop);
    CHECK(newsindex::operands(kSpec, parsed.values) == std::vector<std::string>{"a.txt", "b.txt"});
    CHECK(parsed.values["json"].as<bool>());
}

TEST_CASE("no operands gives an empty list") {
    const auto parsed = parse({"newsindex", "--json"});
    REQUIRE_FALSE(parsed.stop);
    CHECK(newsindex::operands(kSpec, parsed.values).empty());
}

TEST_CASE("--help prints usage, summary, options and epilog, but not the operands option") {
    const auto parsed = parse({"newsindex", "--help"});
    REQUIRE(parsed.stop);
    CHECK(*parsed.stop == 0);
    CHECK(parsed.out.find("usage: newsindex test [OPTIONS] FILE...") == 0);
    CHECK(parsed.out.find("Summary line.") != std::string::npos);
    CHECK(parsed.out.find("--json") != std::string::npos);
    CHECK(parsed.out.find("Epilog line.") != std::string::npos);
    CHECK(parsed.out.find("--files") == std::string::npos);
}

TEST_CASE("an unknown option is a one-line usage error with exit code 2") {
    const auto parsed = parse({"newsindex", "--frobnicate"});
    REQUIRE(parsed.stop);
    CHECK(*parsed.stop == 2);
    CHECK(parsed.out.empty());
    CHECK(parsed.err.rfind("newsindex test: ", 0) == 0);
    CHECK(parsed.err.find("frobnicate") != std::string::npos);
    CHECK(std::count(parsed.err.begin(), parsed.err.end(), '\n') == 1);
}

TEST_CASE("printable escapes control characters and keeps UTF-8") {
    CHECK(newsindex::printable("a\nb\x7f") == "a\\x0ab\\x7f");
    CHECK(newsindex::printable("Minsk – Мінск") == "Minsk – Мінск");
}

TEST_CASE("from_printable reads back what printable wrote") {
    for (const std::string& text : {std::string("bad\xff\xfe.txt"), std::string("a\\x41\\b"),
                                    std::string("tab\there"), std::string("Мінск"), std::string()})
        CHECK(newsindex::from_printable(newsindex::printable(text)) == text);
    CHECK(newsindex::from_printable("bad\\xff\\xfe.txt") == std::string("bad\xff\xfe.txt"));
    // Backslash sequences printable never writes.
    CHECK_FALSE(newsindex::from_printable("a\\n"));
    CHECK_FALSE(newsindex::from_printable("a\\x4"));
    CHECK_FALSE(newsindex::from_printable("a\\xzz"));
    CHECK_FALSE(newsindex::from_printable("trailing\\"));
}
