#include <doctest/doctest.h>

#include "common/base/error.h"
#include "common/index/alias_file.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_table.h"
#include "common/index/schema.h"

using namespace newsindex;

namespace {

constexpr auto P = EntityKind::person;
constexpr auto O = EntityKind::org;
constexpr auto L = EntityKind::place;

struct Evidence {
    EntityEvidence evidence;
    Evidence& name(EntityKind kind, std::string name, std::uint32_t articles) {
        evidence.names.push_back({{kind, std::move(name)}, articles});
        return *this;
    }
    Evidence& alias(EntityKind kind, std::string alias, std::string name, std::uint32_t articles) {
        evidence.aliases.push_back({kind, std::move(alias), std::move(name), articles});
        return *this;
    }
    EntityTable table(const std::vector<CuratedAlias>& curated = {}) const {
        return compute_entity_table(evidence, curated);
    }
};

NamedEntity resolve(const EntityTable& table, EntityKind kind, std::string name) {
    return table.resolve({kind, std::move(name)});
}

}  // namespace

TEST_CASE("entity table: a short form resolves to the one full name it stands for") {
    const auto table = Evidence()
                           .name(P, "Reagan", 400)
                           .name(P, "Ronald Reagan", 60)
                           .name(P, "Nancy Reagan", 3)
                           .alias(P, "Reagan", "Ronald Reagan", 50)
                           .table();
    CHECK(resolve(table, P, "Reagan") == NamedEntity{P, "Ronald Reagan"});
    CHECK(resolve(table, P, "Nancy Reagan") == NamedEntity{P, "Nancy Reagan"});
    CHECK(resolve(table, P, "Ronald Reagan") == NamedEntity{P, "Ronald Reagan"});
}

TEST_CASE("entity table: an ambiguous surname is left as written") {
    const auto table = Evidence()
                           .name(P, "Baker", 100)
                           .name(P, "James Baker", 40)
                           .name(P, "Howard Baker", 30)
                           .table();
    CHECK(resolve(table, P, "Baker") == NamedEntity{P, "Baker"});
    // A firm of the name competes with the one person of that surname: "Chase" is the bank.
    const auto firm = Evidence()
                          .name(P, "Chase", 19)
                          .name(P, "Rodney Chase", 1)
                          .name(O, "Chase Manhattan Bank", 30)
                          .table();
    CHECK(resolve(firm, P, "Chase").kind == O);
}

TEST_CASE("entity table: a short form joins the one full name of the archive, seen once") {
    const auto table = Evidence()
                           .name(P, "Reagan", 71)
                           .name(P, "Ronald Reagan", 1)
                           .name(P, "Bashir", 5)
                           .name(P, "Omar Hassan al-Bashir", 1)
                           .name(O, "Ford", 12)
                           .name(O, "Ford Motor Co", 14)
                           .table();
    CHECK(resolve(table, P, "Reagan") == NamedEntity{P, "Ronald Reagan"});
    CHECK(resolve(table, P, "Bashir") == NamedEntity{P, "Omar Hassan al-Bashir"});
    CHECK(resolve(table, O, "Ford") == NamedEntity{O, "Ford Motor Co"});
    // Two full names compete: the short form stays.
    const auto two = Evidence()
                         .name(P, "Baker", 10)
                         .name(P, "James Baker", 1)
                         .name(P, "Howard Baker", 1)
                         .table();
    CHECK(resolve(two, P, "Baker") == NamedEntity{P, "Baker"});
}

TEST_CASE("entity table: acronyms need capitals and more than two letters") {
    const auto table = Evidence()
                           .name(O, "Un", 5)
                           .name(O, "UN", 5)
                           .name(O, "AP", 4)
                           .name(O, "Amazon Prime", 2)
                           .name(O, "OS", 4)
                           .name(O, "Open Source", 3)
                           .table({{O, "UN", "United Nations"}});
    CHECK(resolve(table, O, "UN") == NamedEntity{O, "United Nations"});
    CHECK(resolve(table, O, "Un") == NamedEntity{O, "Un"});
    CHECK(resolve(table, O, "AP") == NamedEntity{O, "AP"});
    CHECK(resolve(table, O, "OS") == NamedEntity{O, "OS"});
}

TEST_CASE("entity table: company forms make an organisation, one per name") {
    const auto table = Evidence()
                           .name(P, "Merrill Lynch", 60)
                           .name(O, "Merrill Lynch and Co Inc", 50)
                           .name(O, "Merrill Lynch", 20)
                           .name(P, "Goldman", 66)
                           .name(O, "Goldman Sachs and Co", 100)
                           .name(L, "Japan", 900)
                           .name(O, "Japan Inc", 3)
                           .table();
    const auto merrill = resolve(table, P, "Merrill Lynch");
    CHECK(merrill.kind == O);
    CHECK(resolve(table, O, "Merrill Lynch and Co Inc") == merrill);
    CHECK(resolve(table, O, "Merrill Lynch") == merrill);
    CHECK(resolve(table, P, "Goldman") == NamedEntity{O, "Goldman Sachs and Co"});
    // A rare company form does not make a place a company.
    CHECK(resolve(table, L, "Japan") == NamedEntity{L, "Japan"});
}

TEST_CASE("entity table: the kind most articles give wins") {
    const auto table = Evidence().name(P, "Manila", 30).name(L, "Manila", 200).table();
    CHECK(resolve(table, P, "Manila") == NamedEntity{L, "Manila"});
    const auto split = Evidence().name(P, "Jordan", 10).name(L, "Jordan", 10).table();
    CHECK(resolve(split, P, "Jordan") == NamedEntity{P, "Jordan"});
}

TEST_CASE("entity table: acronyms learned from the text and from the curated list") {
    const auto table = Evidence()
                           .name(O, "SEC", 80)
                           .name(O, "Securities and Exchange Commission", 300)
                           .alias(O, "SEC", "Securities and Exchange Commission", 70)
                           .name(O, "GATT", 45)
                           .name(O, "General Agreement on Tariffs and Trade", 95)
                           .name(P, "Fed", 5)
                           .name(O, "Fed", 160)
                           .name(O, "Federal Reserve Board", 110)
                           .name(O, "Federal Reserve", 170)
                           .table({{O, "Fed", "Federal Reserve Board"},
                                   {O, "Federal Reserve Board", "Federal Reserve"}});
    CHECK(resolve(table, O, "SEC") == NamedEntity{O, "Securities and Exchange Commission"});
    // No article spells GATT out beside it, but its letters start the words of one name.
    CHECK(resolve(table, O, "GATT") == NamedEntity{O, "General Agreement on Tariffs and Trade"});
    // Links are followed to their end, whatever kind the tagger gave the alias.
    CHECK(resolve(table, O, "Fed") == NamedEntity{O, "Federal Reserve"});
    CHECK(resolve(table, P, "Fed") == NamedEntity{O, "Federal Reserve"});
    CHECK(resolve(table, O, "Federal Reserve Board") == NamedEntity{O, "Federal Reserve"});
    // Curated aliases no article uses still link, so that filters follow them.
    const auto unused =
        Evidence().name(O, "Federal Reserve", 10).table({{O, "Fed", "Federal Reserve"}});
    CHECK(resolve(unused, O, "Fed") == NamedEntity{O, "Federal Reserve"});
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    update_entity_lookup(db, EntityTable(), unused);
    const EntityLookup lookup(db);
    CHECK(lookup.find(O, "FED") == NamedEntity{O, "Federal Reserve"});
    CHECK_FALSE(lookup.find(P, "Fed"));
    // A table without the link removes its entry.
    update_entity_lookup(db, unused, EntityTable());
    CHECK_FALSE(lookup.find(O, "Fed"));
    CHECK(db.get_metadata(std::string(schema::kEntityLookupPrefix) + "Ofed").empty());
}

TEST_CASE("entity table: one display name per entity, the one most articles use") {
    const auto table = Evidence()
                           .name(P, "Paul Volcker", 90)
                           .name(P, "PAUL VOLCKER", 95)
                           .name(P, "Paul volcker", 1)
                           .table();
    CHECK(resolve(table, P, "PAUL VOLCKER") == NamedEntity{P, "Paul Volcker"});
    CHECK(resolve(table, P, "Paul volcker") == NamedEntity{P, "Paul Volcker"});
}

TEST_CASE("entity table: a first name alone names nobody") {
    const auto table = Evidence()
                           .name(P, "Bill", 19)
                           .name(P, "Bill Sullivan", 2)
                           .name(P, "Bill Saxon", 1)
                           .name(P, "Bill Emerson", 3)
                           .table();
    CHECK(resolve(table, P, "Bill").name.empty());
}

TEST_CASE("entity table: links survive serialisation; the curated hash follows the list") {
    const auto table = Evidence()
                           .name(P, "Reagan", 400)
                           .name(P, "Ronald Reagan", 60)
                           .alias(P, "Reagan", "Ronald Reagan", 50)
                           .table({{O, "Fed", "Federal Reserve"}});
    const auto copy = EntityTable::unserialise(table.serialise());
    CHECK(copy.links() == table.links());
    CHECK(table.serialise() == copy.serialise());
    CHECK(EntityTable::unserialise("garbage\nX\x1fY\n").links().empty());
    const std::vector<CuratedAlias> a{{O, "Fed", "Federal Reserve"}};
    const std::vector<CuratedAlias> b{{O, "Fed", "Federal Reserve Board"}};
    CHECK(curated_aliases_hash(a) != curated_aliases_hash(b));
    CHECK(curated_aliases_hash(a) == curated_aliases_hash(a));
}

TEST_CASE("alias file: lines, comments and errors") {
    const auto aliases = parse_aliases(
        "# comment\n\norg\tFed\tFederal Reserve\r\n"
        "person\tThe Gipper\tRonald Reagan\n",
        "aliases.tsv");
    REQUIRE(aliases.size() == 2);
    CHECK(aliases[0].alias.kind == O);
    CHECK(aliases[0].alias.alias == "Fed");
    CHECK(aliases[0].alias.name == "Federal Reserve");
    CHECK(aliases[0].line == 3);
    CHECK(aliases[1].alias.kind == P);
    CHECK_THROWS_WITH_AS(parse_aliases("org\tFed\n", "a.tsv"),
                         "a.tsv:1: expected KIND<TAB>ALIAS<TAB>NAME", Error);
    CHECK_THROWS_WITH_AS(parse_aliases("\nthing\tA\tB\n", "a.tsv"),
                         "a.tsv:2: kind must be person, org or place", Error);
    CHECK_THROWS_AS(read_alias_file("/nonexistent/aliases.tsv"), Error);
    // The shipped list parses.
    CHECK_FALSE(read_alias_file(NEWSINDEX_MODELS "/aliases.tsv").empty());
}

TEST_CASE("alias file: suppression, length cap, later lines and loops") {
    // "-" suppresses; a name over the cap is refused, naming the line.
    const auto lines = parse_aliases("person\tMax\t-\n", "a.tsv");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].alias.name.empty());
    CHECK_THROWS_WITH_AS(parse_aliases("org\t" + std::string(201, 'x') + "\tX\n", "a.tsv"),
                         "a.tsv:1: name longer than 200 bytes", Error);

    // A later line about the same alias replaces the earlier, quietly.
    auto list = resolve_aliases(
        parse_aliases("org\tAP\tAmazon Prime\norg\tAP\tAssociated Press\n", "a.tsv"));
    REQUIRE(list.aliases.size() == 1);
    CHECK(list.aliases[0].name == "Associated Press");
    CHECK(list.warnings.empty());

    // The user's file reversing the shipped one is an override: no loop, no warning.
    auto shipped = parse_aliases("org\tFed\tFederal Reserve\n", "shipped.tsv");
    const auto user = parse_aliases("org\tfederal reserve\tFed\n", "user.tsv");
    shipped.insert(shipped.end(), user.begin(), user.end());
    list = resolve_aliases(shipped);
    REQUIRE(list.aliases.size() == 1);
    CHECK(list.aliases[0].alias == "federal reserve");
    CHECK(list.warnings.empty());

    // A loop within one file is broken at its earliest line and reported.
    list = resolve_aliases(
        parse_aliases("place\tJapan\tUnited States\nplace\tUnited States\tJapan\n", "a.tsv"));
    REQUIRE(list.aliases.size() == 1);
    CHECK(list.aliases[0].alias == "United States");
    REQUIRE(list.warnings.size() == 1);
    CHECK(list.warnings[0] ==
          "a.tsv:1: \"Japan\" -> \"United States\" loops back through a.tsv:2; this line is "
          "ignored");
    // Three lines round: one goes; a chain without a loop stays whole.
    list = resolve_aliases(parse_aliases("org\tA\tB\norg\tB\tC\norg\tC\tA\n", "a.tsv"));
    CHECK(list.aliases.size() == 2);
    CHECK(list.warnings.size() == 1);
    list = resolve_aliases(parse_aliases("org\tA\tB\norg\tB\tC\norg\tX\tX\n", "a.tsv"));
    CHECK(list.aliases.size() == 3);
    CHECK(list.warnings.empty());
}

TEST_CASE("entity table: suppressed and reversed curated aliases") {
    const auto table = compute_entity_table(Evidence()
                                                .name(P, "Max", 3)
                                                .name(O, "Fed", 5)
                                                .name(O, "Federal Reserve", 4)
                                                .alias(O, "Fed", "Federal Reserve", 2)
                                                .evidence,
                                            {{P, "Max", ""}, {O, "Federal Reserve", "Fed"}});
    CHECK(table.resolve({P, "Max"}).name.empty());
    CHECK(table.resolve({O, "Federal Reserve"}) == NamedEntity{O, "Fed"});
    CHECK(table.resolve({O, "Fed"}) == NamedEntity{O, "Fed"});
}

TEST_CASE("entity table: its source changes with any evidence or curated alias") {
    const auto base = [] {
        return Evidence()
            .name(P, "Reagan", 3)
            .name(P, "Ronald Reagan", 1)
            .alias(P, "Reagan", "Ronald Reagan", 1);
    };
    const std::vector<CuratedAlias> curated = {{O, "Fed", "Federal Reserve"}};
    const std::string source = entity_table_source(base().evidence, curated);
    CHECK(source == entity_table_source(base().evidence, curated));
    // One article more, another name, another kind, another alias, another list.
    CHECK(source != entity_table_source(Evidence()
                                            .name(P, "Reagan", 4)
                                            .name(P, "Ronald Reagan", 1)
                                            .alias(P, "Reagan", "Ronald Reagan", 1)
                                            .evidence,
                                        curated));
    CHECK(source != entity_table_source(base().name(P, "Nancy Reagan", 1).evidence, curated));
    CHECK(source != entity_table_source(Evidence()
                                            .name(O, "Reagan", 3)
                                            .name(P, "Ronald Reagan", 1)
                                            .alias(P, "Reagan", "Ronald Reagan", 1)
                                            .evidence,
                                        curated));
    CHECK(source !=
          entity_table_source(base().alias(P, "Ron", "Ronald Reagan", 1).evidence, curated));
    CHECK(source != entity_table_source(base().evidence, {}));
    // A name moved from one list to the other is other evidence too.
    CHECK(entity_table_source(Evidence().name(P, "A", 1).evidence, {}) !=
          entity_table_source(Evidence().alias(P, "A", "", 1).evidence, {}));
}
