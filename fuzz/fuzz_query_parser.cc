// libFuzzer target: NewsQueryParser on arbitrary query strings, each parsed query then
// run against a small in-memory index shaped like a real one (fields, entities, dates,
// sources). Every input is tried as a whole query and as the value of a date: filter.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "common/base/article.h"
#include "common/index/document_builder.h"
#include "common/index/schema.h"
#include "common/search/query_parser.h"

namespace {

using newsindex::Article;
using newsindex::Entity;
using newsindex::EntityKind;

Entity entity(EntityKind kind, std::string name) {
    Entity e;
    e.kind = kind;
    e.name = std::move(name);
    e.count = 1;
    e.mentions = {e.name};
    return e;
}

Article article(std::string id, std::string title, std::string body, newsindex::Date date,
                std::string source, std::vector<Entity> entities) {
    Article a;
    a.id = id;
    a.path = "/corpus/" + id;
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = date;
    a.source = std::move(source);
    a.entities = std::move(entities);
    return a;
}

// Built once: the queries only read it.
Xapian::WritableDatabase& database() {
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        const std::vector<Article> articles = {
            article("kyrgyz.txt", "Ousted Kyrgyz President Takes Refuge in Belarus",
                    "Kurmanbek Bakiyev has taken refuge in Belarus.\n\nThe interim government "
                    "will seek Mr. Bakiyev's extradition from Minsk.",
                    {2010, 4, 20}, "VOA",
                    {entity(EntityKind::person, "Kurmanbek Bakiyev"),
                     entity(EntityKind::place, "Minsk"), entity(EntityKind::place, "Belarus")}),
            article(
                "eu.txt", "European Union Ministers Meet in Geneva",
                "Catherine Ashton met ministers of the European Union.\n\nTalks covered "
                "trade, border crossings and extradition treaties.",
                {2011, 12, 31}, "Reuters",
                {entity(EntityKind::person, "Catherine Ashton"),
                 entity(EntityKind::org, "European Union"), entity(EntityKind::place, "Geneva")}),
            article("undated.txt", "Späte Nachrichten — ünïcödé",
                    "Roza Otunbayeva spoke in Bishkek. Ελληνικά 中文 кириллица.", {1999, 1, 1}, "",
                    {entity(EntityKind::person, "Roza Otunbayeva")}),
        };
        std::vector<Article> in_languages = articles;
        // Articles in other languages, so that queries are read in several.
        in_languages[2].language = "de";
        Article french = article("fr.txt", "Les députés à São Paulo",
                                 "Les députés ont voté. 人工智能研究。", {2012, 5, 1}, "", {});
        french.language = "fr";
        in_languages.push_back(std::move(french));
        newsindex::DocumentBuilder builder;
        for (const auto& a : in_languages) {
            newsindex::ArticleOrigin origin;
            origin.root = "/corpus";
            origin.relative = a.id;
            origin.size = 100;
            auto built = builder.build(a, origin);
            db.replace_document(built.id_term, built.document);
        }
        db.commit();
        return db;
    }();
    return db;
}

[[noreturn]] void bug(const std::string& what, const std::string& query) {
    // Printed before aborting so the report says which query and why, not just "abort".
    std::fprintf(stderr, "fuzz: %s\nquery (%zu bytes): %s\n", what.c_str(), query.size(),
                 query.c_str());
    std::abort();
}

// A query NewsQueryParser accepts must run: a Xapian::Error at search time would reach
// the user as an internal error instead of a "bad query" message.
void parse_and_run(newsindex::NewsQueryParser& parser, const Xapian::Database& db,
                   const std::string& text, bool match_any, bool by_date) {
    Xapian::Query query;
    try {
        query = parser.parse(text, match_any);
    } catch (const newsindex::Error& e) {
        if (e.kind() == newsindex::ErrorKind::bad_input) return;
        bug(std::string("parse: unexpected error: ") + e.what(), text);
    } catch (const Xapian::Error& e) {
        bug("parse: Xapian::Error escaped NewsQueryParser: " + e.get_description(), text);
    } catch (const std::exception& e) {
        bug(std::string("parse: unexpected exception: ") + e.what(), text);
    }
    try {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        if (by_date) enquire.set_sort_by_value_then_relevance(newsindex::schema::kDateSlot, true);
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
        (void)query.get_description();
    } catch (const Xapian::Error& e) {
        bug("run: " + e.get_description(), text);
    } catch (const std::exception& e) {
        bug(std::string("run: unexpected exception: ") + e.what(), text);
    }
}

}  // namespace

// Xapian 1.4's QueryParser leaks its pending term (72 bytes) whenever a FieldProcessor
// throws, which ours do for every bad date: or empty entity filter. That is upstream and
// harmless for a one-shot newssearch, but would stop every run at once; leaks with our
// own frames outside libxapian are still reported.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libxapian.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Xapian::Database db = database();
    static newsindex::NewsQueryParser parser(db);
    const std::string text(reinterpret_cast<const char*>(data), size);
    // The low bit of the length picks AND or OR, so both default operators get coverage
    // without another target.
    const bool match_any = size % 2 == 1;
    parse_and_run(parser, db, text, match_any, false);
    parse_and_run(parser, db, "date:" + text, match_any, true);
    return 0;
}
