#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "common/base/utf8.h"
#include "common/index/document_builder.h"
#include "common/search/query_parser.h"
#include "common/search/snippet.h"

using namespace newsindex;

namespace {

// The snippet of the best hit for `query` in an in-memory index of one article with
// `body`, made from the body as newssearch makes it.
Snippet snippet_of(const std::string& body, const std::string& query, std::size_t length = 240) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Article article;
    article.id = "a.txt";
    article.path = "/corpus/a.txt";
    article.title = "Title";
    article.body = body;
    ArticleOrigin origin;
    origin.root = "/corpus";
    origin.relative = article.id;
    const auto built = DocumentBuilder().build(article, origin);
    db.replace_document(built.id_term, built.document);
    db.commit();

    NewsQueryParser parser(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse(query, false));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    const SnippetTerms terms(enquire.get_query(), parser.stemmer());
    return make_snippet(terms, body, length);
}

// The highlighted words, as the snippet's text spells them.
std::vector<std::string> highlighted(const Snippet& snippet) {
    std::vector<std::string> words;
    for (const auto& span : snippet.highlights) {
        // A span off the text shows up in the compared value instead of stopping the test.
        if (span.begin >= span.end || span.end > snippet.text.size()) {
            words.push_back("<bad span>");
        } else {
            words.push_back(snippet.text.substr(span.begin, span.end - span.begin));
        }
    }
    return words;
}

bool valid_utf8(std::string text) {
    return utf8::repair(text) == 0;
}

// The text with the spans marked as newssearch's JSON shows them.
std::string marked(const Snippet& snippet) {
    std::string out;
    std::size_t copied = 0;
    for (const auto& span : snippet.highlights) {
        if (span.begin < copied || span.end > snippet.text.size()) return "<bad spans>";
        out += snippet.text.substr(copied, span.begin - copied) + "[[" +
               snippet.text.substr(span.begin, span.end - span.begin) + "]]";
        copied = span.end;
    }
    return out + snippet.text.substr(copied);
}

}  // namespace

TEST_CASE("snippet: the passage where the query words meet beats more mentions of one") {
    const std::string body =
        "Bakiyev spoke. Bakiyev left. Bakiyev fled north with his family.\n\n"
        "Belarus will not hand over Bakiyev, and his extradition is unlikely.\n\n"
        "Markets in Bishkek were calm.";
    const Snippet snippet = snippet_of(body, "Bakiyev extradition", 60);
    CHECK(snippet.text.find("extradition") != std::string::npos);
    CHECK(snippet.text.find("fled") == std::string::npos);
    CHECK(highlighted(snippet) == std::vector<std::string>{"Bakiyev", "extradition"});
}

TEST_CASE("snippet: a short passage goes on into the next, on one line") {
    const std::string body =
        "Nothing to see here.\n\nBakiyev arrived.\n\nHe was met\r\nat the\tairport.";
    const Snippet snippet = snippet_of(body, "Bakiyev");
    CHECK(snippet.text == "Bakiyev arrived. He was met at the airport.");
    CHECK(snippet.highlights == std::vector<HighlightSpan>{{0, 7}});
}

TEST_CASE("snippet: long text is trimmed to about the length asked for") {
    std::string body;
    for (int i = 0; i < 40; ++i)
        body += "The talks went on for hours and achieved nothing at all. ";
    body += "Then Bakiyev left. ";
    for (int i = 0; i < 40; ++i) body += "Reporters waited outside in the cold for any news. ";
    const Snippet snippet = snippet_of(body, "Bakiyev", 100);
    CHECK(snippet.text.size() <= 100 + 2 * std::string("…").size());
    CHECK(highlighted(snippet) == std::vector<std::string>{"Bakiyev"});
    CHECK(valid_utf8(snippet.text));
}

TEST_CASE("snippet: spans land on the words, stemmed forms and possessives included") {
    const Snippet snippet = snippet_of("Minsk said Mr. Bakiyev's extradition is not on the table.",
                                       "bakiyev extradite");
    CHECK(marked(snippet) == "Minsk said Mr. [[Bakiyev]]'s [[extradition]] is not on the table.");
    CHECK(snippet.highlights == std::vector<HighlightSpan>{{15, 22}, {25, 36}});
}

TEST_CASE("snippet: byte ranges in UTF-8 text") {
    const Snippet snippet = snippet_of(
        "Ünïcödé café owners in ZÜRICH met. Zürich’s mayor, Ελένη, said: \"Zürich\".", "zürich");
    CHECK(highlighted(snippet) == std::vector<std::string>{"ZÜRICH", "Zürich", "Zürich"});
    // "Ünïcödé café owners in " holds 5 two-byte letters.
    CHECK(snippet.highlights.front() == HighlightSpan{28, 35});
    CHECK(valid_utf8(snippet.text));
}

TEST_CASE("snippet: HTML-special characters come back as they were, offsets intact") {
    const std::string text =
        "AT&T said <b>a</b> < b && c > d about the \"merger\" & O'Brien's <merger> team.";
    // Whole, as it fits.
    Snippet snippet = snippet_of(text, "merger");
    CHECK(snippet.text == text);
    CHECK(highlighted(snippet) == std::vector<std::string>{"merger", "merger"});
    CHECK(snippet.highlights.front() == HighlightSpan{43, 49});
    // Trimmed: nothing is escaped, and the spans are measured on the text as shown.
    std::string padded = text;
    for (int i = 0; i < 20; ++i) padded += " Nothing else & <nothing> more happened that day.";
    snippet = snippet_of(padded, "merger", 60);
    CHECK(snippet.text.find("&amp;") == std::string::npos);
    CHECK(snippet.text.find("&lt;") == std::string::npos);
    CHECK(snippet.text.find("\"merger\" & O'Brien's <merger> team.") != std::string::npos);
    CHECK(highlighted(snippet) == std::vector<std::string>{"merger", "merger"});
}

TEST_CASE("snippet: an article without text has an empty snippet") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Article article;
    article.id = "a.txt";
    article.title = "Bakiyev";
    ArticleOrigin origin;
    origin.root = "/corpus";
    origin.relative = article.id;
    const auto built = DocumentBuilder().build(article, origin);
    db.replace_document(built.id_term, built.document);
    NewsQueryParser parser(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse("bakiyev", false));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    const SnippetTerms terms(enquire.get_query(), parser.stemmer());
    const Snippet snippet = make_snippet(terms, "", 240);
    CHECK(snippet.empty());
    CHECK(snippet.highlights.empty());
}

TEST_CASE("snippet: wildcards, negated and absent words") {
    const std::string body =
        "Kyrgyzstan seeks the extradition of Bakiyev. Officials said extraditing him is hard.";
    CHECK(highlighted(snippet_of(body, "extradit*")) ==
          std::vector<std::string>{"extradition", "extraditing"});
    // A word the article lacks marks nothing, whatever the query says of it.
    CHECK(highlighted(snippet_of(body, "bakiyev OR lukashenko")) ==
          std::vector<std::string>{"Bakiyev"});
    CHECK(highlighted(snippet_of(body, "bakiyev NOT minsk")) ==
          std::vector<std::string>{"Bakiyev"});
    // Field words are not words of the text.
    CHECK(highlighted(snippet_of(body, "title:title bakiyev")) ==
          std::vector<std::string>{"Bakiyev"});
}

TEST_CASE("snippet: a long passage is cut between words around its densest matches") {
    std::string body = "Opening words of a long paragraph that says nothing in particular";
    for (int i = 0; i < 12; ++i) body += " and then it goes on about the weather for a while";
    body += " until Bakiyev met the extradition judges and Bakiyev left";
    for (int i = 0; i < 12; ++i)
        body += " and afterwards the weather was discussed again at length";
    body += ".";
    const Snippet snippet = snippet_of(body, "Bakiyev extradition", 120);
    CHECK(snippet.text.starts_with("…"));
    CHECK(snippet.text.ends_with("…"));
    CHECK(snippet.text.size() <= 120 + 2 * std::string("…").size());
    CHECK(highlighted(snippet) == std::vector<std::string>{"Bakiyev", "extradition", "Bakiyev"});
    // Whole words at both cuts.
    const std::string inner = snippet.text.substr(3, snippet.text.size() - 6);
    CHECK(body.find(" " + inner + " ") != std::string::npos);
}
