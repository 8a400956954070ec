// Queries Xapian's parser would read silently in a way no one meant: mended, with a
// warning, before parsing; and its syntax errors said in newssearch's words.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/search/query_parser.h"
#include "common/search/query_warnings.h"
#include "common/search/search.h"
#include "tests/unit/in_memory_db.h"

using namespace newsindex;

TEST_CASE("query warnings: a well-formed query passes unchanged and quiet") {
    for (const std::string query :
         {"oil prices", "\"oil prices\"", "(oil OR gas) AND prices", "person:Bakiyev",
          "org:\"European Union\" title:refuge", "personal", "+place:Minsk -source:VOA", ""}) {
        const QueryReading reading = read_query(query);
        CHECK(reading.query == query);
        CHECK(reading.warnings.empty());
    }
}

TEST_CASE("query warnings: a field with nothing after it is left out") {
    QueryReading reading = read_query("person:");
    CHECK(reading.query.empty());
    REQUIRE(reading.warnings.size() == 1);
    CHECK(reading.warnings[0] == "'person:' has nothing after it and was left out");
    reading = read_query("oil title: prices");
    CHECK(reading.query == "oil  prices");
    CHECK(reading.warnings.size() == 1);
    reading = read_query("oil +org: (place:)");
    CHECK(reading.query == "oil  ()");
    CHECK(reading.warnings.size() == 2);
    // Inside a phrase it is a word and a colon.
    CHECK(read_query("\"person: of the year\"").warnings.empty());
}

TEST_CASE("query warnings: unbalanced quotes and parentheses say how they were read") {
    QueryReading reading = read_query("\"oil prices");
    CHECK(reading.query == "\"oil prices\"");
    REQUIRE(reading.warnings.size() == 1);
    CHECK(reading.warnings[0].find("read as a phrase up to the end") != std::string::npos);

    reading = read_query("(oil AND prices");
    CHECK(reading.query == "(oil AND prices)");
    REQUIRE(reading.warnings.size() == 1);
    CHECK(reading.warnings[0].find("read as closed at the end") != std::string::npos);

    reading = read_query("oil AND prices)");
    CHECK(reading.query == "oil AND prices ");
    REQUIRE(reading.warnings.size() == 1);
    CHECK(reading.warnings[0].find("')' without a '('") != std::string::npos);

    // A parenthesis inside a phrase is no group.
    CHECK(read_query("\"a (b\" c").warnings.empty());
}

TEST_CASE("query warnings: Xapian's syntax errors in our words") {
    CHECK(query_syntax_message("Syntax: <expression> AND <expression>") ==
          "the operator AND needs a word or a group on each side (to search for the word, "
          "write it in lower case: and)");
    CHECK(query_syntax_message("Syntax: <expression> NOT <expression>").find("after it") !=
          std::string::npos);
    CHECK(query_syntax_message("Unknown range operation") == "Unknown range operation");
}

TEST_CASE("query warnings: the parser and the searcher carry them") {
    Xapian::WritableDatabase db = testing::in_memory_db();
    Xapian::Document doc;
    doc.add_term("Zperson");
    doc.add_posting("personal", 1);
    db.add_document(doc);
    NewsQueryParser parser(db);
    // "person:" would otherwise search the stem of "person", matching "personal".
    CHECK(parser.parse("person:", false).get_type() == Xapian::Query::LEAF_MATCH_ALL);
    CHECK(parser.warnings().size() == 1);
    parser.parse("oil", false);
    CHECK(parser.warnings().empty());
    // A stray ')' would make Xapian drop the operators and search "and" as a word.
    CHECK(parser.parse("oil AND prices)", false).get_description() ==
          parser.parse("oil AND prices", false).get_description());
    CHECK_THROWS_WITH_AS(parser.parse("oil AND", false),
                         doctest::Contains("the operator AND needs a word"), Error);

    NewsSearcher searcher(db);
    SearchRequest request;
    request.query = "\"oil prices";
    request.spelling = Spelling::off;
    const SearchResponse response = searcher.search(request);
    REQUIRE(response.warnings.size() == 1);
    CHECK(response.warnings[0].find("phrase") != std::string::npos);
}
