#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/entity_extractor.h"

using namespace newsindex;

namespace {

const Entity* find(const std::vector<Entity>& es, EntityKind kind, std::string_view name) {
    for (const auto& e : es)
        if (e.kind == kind && e.name == name) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("entity extractor: the shipped model on the corpus example") {
    const auto model = default_model_path();
    if (!std::filesystem::exists(model)) {
        MESSAGE("skipped: no model at " << model.string());
        return;
    }
    const std::filesystem::path file =
        std::filesystem::path(NEWSINDEX_FIXTURES) / ".." / ".." / "corpus" /
        "2010-04-20-ousted-kyrgyz-president-takes-refuge-in-belarus.txt";
    std::ifstream in(file);
    REQUIRE(in);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    // Layout of the article text files: title, blank line, subtitle, blank line, body.
    Article a;
    const auto t = text.find("\n\n");
    a.title = text.substr(0, t);
    const auto s = text.find("\n\n", t + 2);
    a.subtitle = text.substr(t + 2, s - t - 2);
    a.body = text.substr(s + 2);

    const EntityExtractor extractor(model);
    const auto es = extractor.extract(a);
    const Entity* bakiyev = find(es, EntityKind::person, "Kurmanbek Bakiyev");
    REQUIRE(bakiyev != nullptr);
    CHECK(bakiyev->count >= 5);
    CHECK(find(es, EntityKind::person, "Alexander Lukashenko"));
    CHECK(find(es, EntityKind::place, "Minsk"));
    CHECK(find(es, EntityKind::place, "Belarus"));
    CHECK(find(es, EntityKind::org, "European Union"));
    // Each entity once: no name twice within a kind.
    for (std::size_t i = 0; i < es.size(); ++i)
        for (std::size_t j = i + 1; j < es.size(); ++j) CHECK(es[i].key != es[j].key);
}

TEST_CASE("entity extractor: a missing model is a one-line runtime_error naming the file") {
    try {
        EntityExtractor x("/nonexistent/dir/ner.model");
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("/nonexistent/dir/ner.model") != std::string::npos);
    }
}
