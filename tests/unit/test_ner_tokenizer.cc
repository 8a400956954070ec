#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/ner/tokenizer.h"

using newsindex::ner::split_sentences;
using newsindex::ner::tokenize;

namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text)) out.emplace_back(t.text);
    return out;
}

using W = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenizer: abbreviations and titles keep their period") {
    CHECK(words("Mr. Bakiyev met Gen. Smith and Dr. Who.") ==
          W{"Mr.", "Bakiyev", "met", "Gen.", "Smith", "and", "Dr.", "Who", "."});
    CHECK(words("Acme Inc. said") == W{"Acme", "Inc.", "said"});
}

TEST_CASE("tokenizer: acronyms and initials") {
    CHECK(words("the U.S. and U.N. forces") == W{"the", "U.S.", "and", "U.N.", "forces"});
    CHECK(words("J. R. R. Tolkien wrote") == W{"J.", "R.", "R.", "Tolkien", "wrote"});
    CHECK(words("at 5 p.m. today") == W{"at", "5", "p.m.", "today"});
}

TEST_CASE("tokenizer: possessives and clitics split off") {
    CHECK(words("Kyrgyzstan's president") == W{"Kyrgyzstan", "'s", "president"});
    CHECK(words("Kyrgyzstan\u2019s president") == W{"Kyrgyzstan", "\u2019s", "president"});
    CHECK(words("they don't know") == W{"they", "do", "n't", "know"});
    CHECK(words("O'Brien said") == W{"O'Brien", "said"});
    CHECK(words("the countries' leaders") == W{"the", "countries", "'", "leaders"});
}

TEST_CASE("tokenizer: quotes, hyphens, numbers") {
    CHECK(words("\"bloody crimes.\"") == W{"\"", "bloody", "crimes", ".", "\""});
    CHECK(words("\u201Chello\u201D") == W{"\u201C", "hello", "\u201D"});
    CHECK(words("anti-government protests") == W{"anti-government", "protests"});
    CHECK(words("war -- again") == W{"war", "--", "again"});
    CHECK(words("1,000 people, 3.5 percent") == W{"1,000", "people", ",", "3.5", "percent"});
    CHECK(words("Bishkek\u2014the capital") == W{"Bishkek", "\u2014", "the", "capital"});
}

TEST_CASE("tokenizer: tokens carry byte offsets into the source") {
    const std::string text = "  Mr. Bakiyev\u2019s flight";
    const auto tokens = tokenize(text);
    REQUIRE(tokens.size() == 4);
    for (const auto& t : tokens) CHECK(text.substr(t.begin, t.end - t.begin) == t.text);
    CHECK(tokens[0].begin == 2);
    CHECK(tokens[2].text == "\u2019s");
}

TEST_CASE("sentence splitter") {
    const std::string text =
        "Mr. Bakiyev fled to the U.S. President Obama said \"no.\" He left. "
        "Then 5 p.m. came.\n\nNew paragraph without a period\n\nLast one";
    const auto tokens = tokenize(text);
    const auto sentences = split_sentences(text, tokens);
    std::vector<std::string> firsts;
    for (const auto& s : sentences) firsts.emplace_back(tokens[s.begin].text);
    // No split after "Mr." or before "President"; the closing quote stays with its sentence.
    CHECK(firsts == W{"Mr.", "He", "Then", "New", "Last"});
    CHECK(tokens[sentences[0].end - 1].text == "\"");
}
