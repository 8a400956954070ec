#include <doctest/doctest.h>
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "common/search/article_view.h"
#include "common/search/mentions.h"

using namespace newsindex;

namespace {

// The mentions as "kind:text=entity", the text as `body` spells it.
std::vector<std::string> shown(const std::string& body, const std::vector<MentionSpan>& spans) {
    std::vector<std::string> out;
    for (const auto& span : spans)
        out.push_back(std::string(entity_kind_name(span.kind)) + ":" +
                      body.substr(span.begin, span.end - span.begin) + "=" + span.entity);
    return out;
}

}  // namespace

TEST_CASE("find_mentions: whole words, case and all, the longest form first") {
    const std::string body =
        "Kurmanbek Bakiyev fled to Minsk. Mr. Bakiyev's family, not the Bakiyevs' cousins, "
        "met the Bank of England and the bank.";
    const auto forms =
        mention_forms({{EntityKind::person, "Kurmanbek Bakiyev", "Kurmanbek Bakiyev"},
                       {EntityKind::place, "Minsk", "Minsk"},
                       {EntityKind::org, "Bank of England", "Bank of England"},
                       {EntityKind::org, "Bank", "Bank"}});
    CHECK(shown(body, find_mentions(body, forms)) ==
          std::vector<std::string>{"person:Kurmanbek Bakiyev=Kurmanbek Bakiyev",
                                   "place:Minsk=Minsk", "person:Bakiyev=Kurmanbek Bakiyev",
                                   "org:Bank of England=Bank of England"});
}

TEST_CASE("mention_forms: a name of the article's tagging stands for its archive entity") {
    const std::string body = "Reagan spoke. Ronald Reagan left.";
    const auto forms = mention_forms({{EntityKind::person, "Reagan", "Ronald Reagan"}});
    CHECK(shown(body, find_mentions(body, forms)) ==
          std::vector<std::string>{"person:Reagan=Ronald Reagan",
                                   "person:Ronald Reagan=Ronald Reagan"});
}

TEST_CASE("mention_forms: a family name two people share marks neither alone") {
    const std::string body = "James Baker and Howard Baker met; Baker said no.";
    const auto forms = mention_forms({{EntityKind::person, "James Baker", "James Baker"},
                                      {EntityKind::person, "Howard Baker", "Howard Baker"}});
    CHECK(shown(body, find_mentions(body, forms)) ==
          std::vector<std::string>{"person:James Baker=James Baker",
                                   "person:Howard Baker=Howard Baker"});
}

TEST_CASE("find_mentions: spans stay on UTF-8 word bounds") {
    const std::string body = "Zürich and Zürichsee, Zürich.";
    const auto spans =
        find_mentions(body, mention_forms({{EntityKind::place, "Zürich", "Zürich"}}));
    CHECK(shown(body, spans) ==
          std::vector<std::string>{"place:Zürich=Zürich", "place:Zürich=Zürich"});
}

TEST_CASE("make_article_view: mentions of entities the archive keeps, the query's words") {
    Article article;
    article.id = "voa/2010/bakiyev.txt";
    article.title = "Bakiyev in Minsk";
    article.body = "Mr. Bakiyev arrived in Minsk with Joe Bloggs.";
    article.raw_entities = {{EntityKind::person, "Kurmanbek Bakiyev"},
                            {EntityKind::place, "Minsk"},
                            {EntityKind::person, "Joe Bloggs"}};
    // The archive merged one name into another entity and dropped the third.
    for (const auto& [kind, name] : std::vector<std::pair<EntityKind, std::string>>{
             {EntityKind::person, "Kurmanbek S. Bakiyev"}, {EntityKind::place, "Minsk"}}) {
        Entity entity;
        entity.kind = kind;
        entity.name = name;
        article.entities.push_back(entity);
    }
    const Xapian::Stem stemmer("english");
    const SnippetTerms terms(Xapian::Query("minsk"), stemmer);
    const auto view = make_article_view(
        article, terms, [](EntityKind, const std::string& name) -> std::optional<std::string> {
            if (name == "Kurmanbek Bakiyev") return "Kurmanbek S. Bakiyev";
            return std::nullopt;
        });
    CHECK(view.folder == "voa");
    CHECK(shown(view.article.body, view.mentions) ==
          std::vector<std::string>{"person:Bakiyev=Kurmanbek S. Bakiyev", "place:Minsk=Minsk"});
    REQUIRE(view.body_highlights.size() == 1);
    CHECK(view.article.body.substr(view.body_highlights[0].begin, 5) == "Minsk");
    REQUIRE(view.title_highlights.size() == 1);
    CHECK(view.title_highlights[0].begin == 11);
}

TEST_CASE("top_folder: the first folder of an id, none for a file at the root") {
    CHECK(top_folder("reuters/1987/03/reut.txt#2") == "reuters");
    CHECK(top_folder("story.txt") == "");
    CHECK(top_folder("/abs") == "");
}
