#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/base/entity_key.h"
#include "common/ner/normalize.h"

using namespace newsindex;
using namespace newsindex::ner;

namespace {

// Builds mentions over one text: each (kind, substring) becomes one mention.
struct Builder {
    std::string text;
    std::vector<Mention> mentions;
    Builder(std::string t) : text(std::move(t)) {}
    Builder& add(EntityKind kind, std::string_view span, std::size_t from = 0,
                 bool headline = false) {
        const auto at = text.find(span, from);
        REQUIRE(at != std::string::npos);
        Mention m;
        m.kind = kind;
        m.source = text;
        m.needs_support = headline;
        for (auto t : tokenize(std::string_view(text).substr(at, span.size()))) {
            t.begin += static_cast<std::uint32_t>(at);
            t.end += static_cast<std::uint32_t>(at);
            m.tokens.push_back(t);
        }
        mentions.push_back(std::move(m));
        return *this;
    }
};

const Entity* find(const std::vector<Entity>& es, std::string_view name) {
    for (const auto& e : es)
        if (e.name == name) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("normalize: surname and titled mentions fold into the full name") {
    Builder b("Kurmanbek Bakiyev fled. Mr. Bakiyev left. Bakiyev's plane. President Bakiyev.");
    b.add(EntityKind::person, "Kurmanbek Bakiyev")
        .add(EntityKind::person, "Mr. Bakiyev")
        .add(EntityKind::person, "Bakiyev's")
        .add(EntityKind::person, "President Bakiyev");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].name == "Kurmanbek Bakiyev");
    CHECK(entity_key(es[0].name) == "kurmanbek bakiyev");
    CHECK(es[0].count == 4);
    CHECK(es[0].mentions == std::vector<std::string>{"Kurmanbek Bakiyev", "Mr. Bakiyev", "Bakiyev",
                                                     "President Bakiyev"});
}

TEST_CASE("normalize: possessives stripped, majority kind, sorted by count") {
    Builder b("Kyrgyzstan's leaders. Kyrgyzstan said. Kyrgyzstan again. Minsk. Minsk.");
    b.add(EntityKind::place, "Kyrgyzstan's")
        .add(EntityKind::org, "Kyrgyzstan", 15)
        .add(EntityKind::place, "Kyrgyzstan", 30)
        .add(EntityKind::place, "Minsk")
        .add(EntityKind::place, "Minsk", 58);
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 2);
    CHECK(es[0].name == "Kyrgyzstan");
    CHECK(es[0].kind == EntityKind::place);
    CHECK(es[0].count == 3);
    CHECK(es[1].name == "Minsk");
}

TEST_CASE("normalize: a lone title, punctuation and digits are not entities") {
    Builder b("President said 1987 -- fine");
    b.add(EntityKind::person, "President")
        .add(EntityKind::org, "1987")
        .add(EntityKind::place, "--");
    CHECK(normalize_mentions(b.mentions).empty());
}

TEST_CASE("normalize: acronyms join their expansion; kinds keep their order") {
    Builder b("The European Union said. EU chief Catherine Ashton. The EU.");
    b.add(EntityKind::org, "The European Union")
        .add(EntityKind::org, "EU")
        .add(EntityKind::person, "Catherine Ashton")
        .add(EntityKind::org, "EU", 50);
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 2);
    CHECK(es[0].kind == EntityKind::person);
    CHECK(es[1].name == "European Union");
    CHECK(es[1].count == 3);
}

TEST_CASE("normalize: headline-only mentions need support from the text") {
    Builder b("Ousted President Takes Refuge in Belarus\nBelarus took him in.");
    b.add(EntityKind::person, "Takes Refuge", 0, true)
        .add(EntityKind::place, "Belarus", 0, true)
        .add(EntityKind::place, "Belarus", 40);
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].name == "Belarus");
    CHECK(es[0].count == 2);
}

TEST_CASE("normalize: names seen only in capitals are shown in title case") {
    Builder b("U.N.'S LAWSON PRAISES VOLCKER, BANK OF JAPAN AND IMF. PRESIDENT REAGAN SAYS");
    b.add(EntityKind::org, "U.N.'S")
        .add(EntityKind::person, "LAWSON")
        .add(EntityKind::person, "VOLCKER")
        .add(EntityKind::org, "BANK OF JAPAN")
        .add(EntityKind::org, "IMF")
        .add(EntityKind::person, "PRESIDENT REAGAN");
    const auto es = normalize_mentions(b.mentions);
    CHECK(find(es, "Lawson"));
    CHECK(find(es, "Volcker"));
    CHECK(find(es, "Bank of Japan"));
    CHECK(find(es, "IMF"));     // short enough to be an acronym
    CHECK(find(es, "U.N."));    // dotted: kept, possessive gone
    CHECK(find(es, "Reagan"));  // "PRESIDENT" is a title in capitals too
    CHECK(es.size() == 6);
}

TEST_CASE("normalize: a country's spellings are one place; longer names are left alone") {
    Builder b("The U.S. and US officials. United States aid. U.S. Treasury. UK and Britain.");
    b.add(EntityKind::place, "U.S.")
        .add(EntityKind::org, "US")
        .add(EntityKind::place, "United States")
        .add(EntityKind::org, "U.S. Treasury")
        .add(EntityKind::place, "UK")
        .add(EntityKind::place, "Britain");
    const auto es = normalize_mentions(b.mentions);
    const Entity* us = find(es, "United States");
    REQUIRE(us != nullptr);
    CHECK(us->kind == EntityKind::place);  // 2 place votes to 1
    CHECK(us->count == 3);
    CHECK(us->mentions == std::vector<std::string>{"U.S.", "US", "United States"});
    CHECK(find(es, "U.S. Treasury"));
    const Entity* britain = find(es, "Britain");
    REQUIRE(britain != nullptr);
    CHECK(britain->count == 2);
    CHECK(es.size() == 3);
}

TEST_CASE("normalize: months, weekdays, initials, company forms and table units name nobody") {
    Builder b("Shr 1.20 dlrs vs U.S. Dlrs. L said Jan. Monday Co Inc. May spoke. Volcker.");
    b.add(EntityKind::person, "Shr")
        .add(EntityKind::org, "U.S. Dlrs")
        .add(EntityKind::person, "L")
        .add(EntityKind::person, "Jan")
        .add(EntityKind::place, "Monday")
        .add(EntityKind::org, "Co Inc")
        .add(EntityKind::person, "May")
        .add(EntityKind::person, "Volcker");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 2);
    CHECK(find(es, "May"));  // a name as well as a month
    CHECK(find(es, "Volcker"));
}

TEST_CASE("normalize: a written form beats the same name in capitals") {
    Builder b("BAKER SEES ACCORD\nMr. Baker said.");
    b.add(EntityKind::person, "BAKER").add(EntityKind::person, "Mr. Baker");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].name == "Baker");
    CHECK(es[0].count == 2);
}

TEST_CASE("normalize: same surname, two people -> the more frequent one") {
    Builder b("George Bush and Laura Bush. George Bush. Bush said.");
    b.add(EntityKind::person, "George Bush")
        .add(EntityKind::person, "Laura Bush")
        .add(EntityKind::person, "George Bush", 20)
        .add(EntityKind::person, "Bush", 40);
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 2);
    CHECK(find(es, "George Bush")->count == 3);
    CHECK(find(es, "Laura Bush")->count == 1);
}

TEST_CASE("normalize: company suffixes make organisations and join the bare name") {
    Builder b("Standard Oil said. Standard Oil Co will buy. Co. too. New York Dec futures.");
    b.add(EntityKind::place, "Standard Oil")
        .add(EntityKind::person, "Standard Oil Co")
        .add(EntityKind::place, "Co.")
        .add(EntityKind::place, "New York Dec");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 2);
    CHECK(es[0].kind == EntityKind::org);
    CHECK(es[0].name == "Standard Oil Co");
    CHECK(es[0].count == 2);
    CHECK(es[1].name == "New York");
}

TEST_CASE("normalize: the bare name joins a company named with 'and Co Inc'") {
    Builder b("Merrill Lynch and Co Inc said. A Merrill Lynch analyst. MERRILL LYNCH AND CO.");
    b.add(EntityKind::org, "Merrill Lynch and Co Inc")
        .add(EntityKind::person, "Merrill Lynch")
        .add(EntityKind::org, "MERRILL LYNCH AND CO");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].kind == EntityKind::org);
    CHECK(es[0].name == "Merrill Lynch and Co Inc");
    CHECK(es[0].count == 3);
}

TEST_CASE("normalize: a lone given name joins the article's one full name of it") {
    Builder b("Max Verstappen won. Max was happy. Fiona waved.");
    b.add(EntityKind::person, "Max Verstappen")
        .add(EntityKind::place, "Max", 10)
        .add(EntityKind::person, "Fiona");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(find(es, "Max Verstappen"));
    CHECK(find(es, "Max Verstappen")->count == 2);
    CHECK(!find(es, "Max"));
    // Not defined by the article: left for the extractor to drop.
    CHECK(find(es, "Fiona"));
    // Two full names compete: "Max" joins neither.
    Builder two("Max Verstappen won. Max Mosley spoke. Max was happy.");
    two.add(EntityKind::person, "Max Verstappen")
        .add(EntityKind::person, "Max Mosley")
        .add(EntityKind::person, "Max", 30);
    const auto es2 = normalize_mentions(two.mentions);
    CHECK(find(es2, "Max Verstappen")->count == 1);
    CHECK(find(es2, "Max Mosley")->count == 1);
}

TEST_CASE("normalize: strong mentions decide a name's kind in the document") {
    Builder b("Obama said. Obama left. Obama won. President Obama spoke.");
    b.add(EntityKind::place, "Obama")
        .add(EntityKind::place, "Obama", 10)
        .add(EntityKind::place, "Obama", 20)
        .add(EntityKind::person, "President Obama");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].kind == EntityKind::person);
    CHECK(es[0].count == 4);
    // A name the word lists know keeps its kind; bodies stay bodies.
    Builder c("Britain said. The African Union met.");
    c.add(EntityKind::org, "Britain").add(EntityKind::place, "African Union");
    const auto ec = normalize_mentions(c.mentions);
    CHECK(find(ec, "Britain")->kind == EntityKind::place);
    CHECK(find(ec, "African Union")->kind == EntityKind::org);
}

TEST_CASE("normalize: software, periods, demonyms and other-language words are no entities") {
    Builder b("The GUI and PDF files. In the mid-1990s Americans said. Un jour. JavaScript.");
    b.add(EntityKind::org, "GUI")
        .add(EntityKind::org, "PDF")
        .add(EntityKind::org, "mid-1990s")
        .add(EntityKind::person, "Americans")
        .add(EntityKind::place, "Un")
        .add(EntityKind::org, "JavaScript");
    CHECK(normalize_mentions(b.mentions).empty());
}

TEST_CASE("normalize: headline verbs and a trailing period are no part of a name") {
    Builder b("Reagan Renews Pledge. Dow Sinks. Salomon Brothers Inc. bought it.");
    b.add(EntityKind::person, "Reagan Renews")
        .add(EntityKind::org, "Dow Sinks")
        .add(EntityKind::org, "Salomon Brothers Inc.");
    b.mentions[0].headline = true;
    b.mentions[1].headline = true;
    const auto es = normalize_mentions(b.mentions);
    CHECK(find(es, "Reagan"));
    CHECK(find(es, "Dow"));
    CHECK(find(es, "Salomon Brothers Inc"));
    // Outside a headline, a capitalised verb-like word may be part of a name.
    Builder body("Sears Says is a shop.");
    body.add(EntityKind::org, "Sears Says");
    CHECK(find(normalize_mentions(body.mentions), "Sears Says"));
}

TEST_CASE("normalize: a surname joins the full name that glues an article to it") {
    Builder b("Omar Hassan al-Bashir ruled. Bashir left.");
    b.add(EntityKind::person, "Omar Hassan al-Bashir").add(EntityKind::person, "Bashir");
    const auto es = normalize_mentions(b.mentions);
    REQUIRE(es.size() == 1);
    CHECK(es[0].name == "Omar Hassan al-Bashir");
    CHECK(es[0].count == 2);
}
