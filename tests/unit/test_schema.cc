#include <doctest/doctest.h>

#include <set>

#include "common/base/entity_key.h"
#include "common/index/entity_terms.h"
#include "common/index/facet_values.h"
#include "common/index/schema.h"

using namespace newsindex;

TEST_CASE("schema: prefixes and slots are distinct") {
    const std::set<std::string_view> prefixes = {
        schema::kIdPrefix,         schema::kTitlePrefix,         schema::kPersonPrefix,
        schema::kOrgPrefix,        schema::kPlacePrefix,         schema::kPersonWordPrefix,
        schema::kSourcePrefix,     schema::kYearPrefix,          schema::kMonthPrefix,
        schema::kRawEntityPrefix,  schema::kAliasEvidencePrefix, schema::kOmegaDayPrefix,
        schema::kOmegaMonthPrefix, schema::kOmegaYearPrefix};
    CHECK(prefixes.size() == 14);
    // Xapian reads a capitalised term's prefix up to its first lower-case letter, so no
    // multi-letter prefix may extend another one.
    for (const auto a : prefixes)
        for (const auto b : prefixes)
            if (a != b && a.size() > 1 && b.size() > 1) CHECK_FALSE(b.starts_with(a));
    std::set<Xapian::valueno> slots = {schema::kDateSlot, schema::kFileSizeSlot,
                                       schema::kFileMtimeSlot, schema::kFileHashSlot,
                                       schema::kFileKeySlot};
    slots.insert(schema::kEntityFacetsSlot);
    slots.insert(schema::kRecordSlot);
    CHECK(slots.size() == 7);
}

TEST_CASE("schema: id terms stay under Xapian's term limit and unique") {
    CHECK(schema::id_term("/news/a/b.txt") == "Q/news/a/b.txt");
    const std::string long_a(400, 'a');
    std::string long_b = long_a;
    long_b.back() = 'b';
    const auto term_a = schema::id_term(long_a);
    const auto term_b = schema::id_term(long_b);
    CHECK(term_a.size() <= schema::kMaxIdTermBytes);
    CHECK(term_a != term_b);
    CHECK(term_a == schema::id_term(long_a));
}

TEST_CASE("schema: entity keys fold case and whitespace") {
    CHECK(entity_key("Kurmanbek  Bakiyev") == "kurmanbek bakiyev");
    CHECK(entity_key("  ÉMILE Zola\t") == "émile zola");
    CHECK(entity_key("") == "");
    std::vector<std::string> words;
    for_each_name_word("kurmanbek bakiyev", [&](std::string_view w) { words.emplace_back(w); });
    CHECK(words == std::vector<std::string>{"kurmanbek", "bakiyev"});
}

TEST_CASE("schema: facet values are packed in one slot, and a rewrite clears it") {
    Xapian::Document doc;
    FacetNames names;
    for (int i = 0; i < 70; ++i) names[0].push_back("Person " + std::to_string(i));
    names[2] = {"Minsk"};
    set_facet_values(doc, names);
    const auto stored = facet_values(doc, EntityKind::person);
    REQUIRE(stored.size() == schema::kMaxFacetValuesPerKind);
    CHECK(stored.front() == "Person 0");
    CHECK(facet_values(doc, EntityKind::org).empty());
    CHECK(facet_values(doc, EntityKind::place) == std::vector<std::string>{"Minsk"});
    std::vector<std::pair<EntityKind, std::string>> packed;
    for_each_packed_facet(doc.get_value(schema::kEntityFacetsSlot),
                          [&](EntityKind kind, std::string_view name) {
                              packed.emplace_back(kind, std::string(name));
                          });
    REQUIRE(packed.size() == schema::kMaxFacetValuesPerKind + 1);
    CHECK(packed.front() == std::pair{EntityKind::person, std::string("Person 0")});
    CHECK(packed.back() == std::pair{EntityKind::place, std::string("Minsk")});

    // A damaged packed value yields what it can and skips the rest.
    std::vector<std::pair<EntityKind, std::string>> salvaged;
    for_each_packed_facet("X\nP\n\nPKurmanbek Bakiyev\nLMinsk",
                          [&](EntityKind kind, std::string_view name) {
                              salvaged.emplace_back(kind, std::string(name));
                          });
    CHECK(salvaged == std::vector<std::pair<EntityKind, std::string>>{
                          {EntityKind::person, "Kurmanbek Bakiyev"}, {EntityKind::place, "Minsk"}});

    // A line break inside a name cannot split it in the packed value.
    set_facet_values(doc, {std::vector<std::string>{"Roza\nOtunbayeva"}, {}, {}});
    CHECK(facet_values(doc, EntityKind::person) == std::vector<std::string>{"Roza Otunbayeva"});
    CHECK(doc.get_value(schema::kEntityFacetsSlot) == "PRoza Otunbayeva\n");
    CHECK(doc.values_count() == 1);
    set_facet_values(doc, {});
    CHECK(doc.values_count() == 0);
}

TEST_CASE("schema: entity terms are the one rule for builder, filters and facets") {
    const auto person = entity_terms(EntityKind::person, "Kurmanbek  BAKIYEV");
    CHECK(person.name == "Kurmanbek  BAKIYEV");
    CHECK(person.term == "XPkurmanbek bakiyev");
    CHECK(person.word_terms == std::vector<std::string>{"XNkurmanbek", "XNbakiyev"});
    // Places and organisations take a country's one name; people never do.
    const auto place = entity_terms(EntityKind::place, "U.S.");
    CHECK(place.name == "United States");
    CHECK(place.term == "XLunited states");
    CHECK(place.word_terms.empty());
    CHECK(entity_terms(EntityKind::org, "US").term == "XOunited states");
    CHECK(entity_terms(EntityKind::person, "US").term == "XPus");
    CHECK(entity_terms(EntityKind::org, " ").term.empty());
    CHECK(source_term("Voice of America") == "XSvoice of america");
    CHECK(source_term("").empty());
}
