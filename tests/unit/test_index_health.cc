#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/index/document_builder.h"
#include "common/index/index_health.h"
#include "common/index/index_writer.h"
#include "common/index/schema.h"
#include "tests/unit/sample_articles.h"
#include "tests/unit/temp_dir.h"

using namespace newsindex;
using namespace newsindex::testing;

namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& words) {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& problem) {
        return problem.find(words) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("index check: packed facet names and entity lookups agree with what they repeat") {
    const TempDir dir;
    const auto path = dir.path() / "index";
    {
        IndexWriter writer(path);
        ArticleOrigin origin;
        origin.root = "/news";
        origin.relative = "a.txt";
        origin.size = 1;
        origin.mtime_ns = 1;
        const Article article = make_article("a.txt", "Talks", "Bakiyev spoke.", std::nullopt,
                                             {person("Kurmanbek Bakiyev"), place("Minsk")});
        writer.add_file({DocumentBuilder().build(article, origin)});
        EntityTable table;
        table.add_link({EntityKind::person, "Bakiyev"}, {EntityKind::person, "Kurmanbek Bakiyev"});
        writer.rewrite_entities(table, {});
        writer.commit();
    }
    CHECK(check_index(path).problems.empty());

    {
        Xapian::WritableDatabase db(path.string());
        Xapian::Document doc = db.get_document(1);
        doc.add_value(schema::kEntityFacetsSlot, "PSomeone Else\n");
        db.replace_document(1, doc);
        db.set_metadata(std::string(schema::kEntityLookupPrefix) + "Pbakiyev", "PAskar Akayev");
        db.commit();
    }
    const auto problems = check_index(path).problems;
    CHECK(problems.size() == 2);
    CHECK(mentions(problems, "packed facet names that differ from its facet slots"));
    CHECK(mentions(problems, "entity lookups of the database differ from its entity table"));
}
