#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/base/entity_key.h"
#include "common/ner/conlleval.h"
#include "common/ner/entity_extractor.h"
#include "common/ner/model.h"
#include "common/ner/normalize.h"
#include "common/ner_train/conll.h"
#include "tests/unit/shared_data.h"

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
        for (std::size_t j = i + 1; j < es.size(); ++j)
            CHECK(entity_key(es[i].name) != entity_key(es[j].name));
}

TEST_CASE("entity extractor: a headline with no text is taken on its own") {
    const auto model = default_model_path();
    if (!std::filesystem::exists(model)) {
        MESSAGE("skipped: no model at " << model.string());
        return;
    }
    const EntityExtractor extractor(model);
    Article brief;
    brief.title = "BANK OF JAPAN GOVERNOR SUMITA SAYS TOKYO MARKETS STABLE";
    const auto alone = extractor.extract(brief);
    CHECK(find(alone, EntityKind::place, "Tokyo"));  // shown as written in text, not "TOKYO"
    CHECK(find(alone, EntityKind::place, "Japan"));

    // With text, the headline's names count only where the text names them too.
    Article story = brief;
    story.body = "The markets in Tokyo were calm on Monday, traders said.";
    const auto with_text = extractor.extract(story);
    CHECK(find(with_text, EntityKind::place, "Tokyo"));
    CHECK_FALSE(find(with_text, EntityKind::place, "Japan"));

    // Text in another script is text too.
    Article cyrillic = brief;
    cyrillic.body = "Рынки спокойны, сообщили трейдеры.";
    CHECK_FALSE(find(extractor.extract(cyrillic), EntityKind::place, "Japan"));
}

TEST_CASE("entity extractor: a name followed by company forms is an organisation") {
    const auto model = default_model_path();
    if (!std::filesystem::exists(model)) {
        MESSAGE("skipped: no model at " << model.string());
        return;
    }
    Article a;
    a.title = "Brokers expand";
    a.body = "Merrill Lynch and Co Inc said on Monday it would hire 200 brokers in London.";
    const auto es = EntityExtractor(model).extract(a);
    CHECK(find(es, EntityKind::org, "Merrill Lynch and Co Inc"));
    CHECK_FALSE(find(es, EntityKind::person, "Merrill Lynch"));
}

TEST_CASE("entity extractor: a title of a work in italics is no entity, a newspaper is") {
    const auto model = default_model_path();
    if (!std::filesystem::exists(model)) {
        MESSAGE("skipped: no model at " << model.string());
        return;
    }
    Article a;
    a.title = "Films of the year";
    a.body =
        "Ingrid Goes West opened in Toronto, The Boston Globe said. Ingrid Goes West's "
        "director, Matt Spicer, said Ingrid Goes West was shot in Los Angeles.";
    const EntityExtractor extractor(model);
    const auto named = [&](std::string_view name) {
        const auto es = extractor.extract(a);
        return std::any_of(es.begin(), es.end(), [&](const Entity& e) { return e.name == name; });
    };
    REQUIRE(named("Ingrid Goes West"));
    a.italic_phrases = {"Ingrid Goes West", "The Boston Globe", "Los Angeles"};
    CHECK_FALSE(named("Ingrid Goes West"));
    CHECK(named("Matt Spicer"));
    CHECK(named("Los Angeles"));  // a gazetteer place stays
    CHECK(named("Boston Globe"));
}

TEST_CASE("entity extractor: a missing model is a one-line runtime_error naming the file") {
    try {
        EntityExtractor x("/nonexistent/dir/ner.model");
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("/nonexistent/dir/ner.model") != std::string::npos);
    }
}

TEST_CASE("shipped model: held-out GMB documents score as reported") {
    const std::filesystem::path gold =
        shared_data_dir() / "datasets" / "gmb-sentences" / "ner.conll";
    const auto model_file = default_model_path();
    if (!std::filesystem::exists(gold) || !std::filesystem::exists(model_file)) {
        MESSAGE("skipped: needs " << gold.string() << " and " << model_file.string());
        return;
    }
    std::ifstream in(gold);
    std::vector<ner::LabeledSentence> data;
    // The documents bench/train_model.sh holds out of training.
    ner::read_conll(in, ner::DocSelection{10, 3, false}, data);
    REQUIRE(data.size() > 100);
    const auto model = ner::Model::load(model_file);
    // Person names are scored without leading titles (ner-eval --ignore-titles): the model
    // leaves titles out, as the extractor does; GMB's gold puts them in, inconsistently.
    auto drop_leading_titles = [](const std::vector<std::string>& words,
                                  std::vector<ner::Tag>& tags) {
        for (const auto& c : ner::chunks(tags)) {
            if (c.type != 0) continue;
            auto b = c.begin;
            while (b < c.end && ner::is_title_word(words[b])) tags[b++] = ner::Tag::O;
            if (b < c.end) tags[b] = ner::Tag::B_PER;
        }
    };
    ner::Scorer scorer;
    std::vector<ner::Tag> predicted;
    for (const auto& s : data) {
        const std::vector<std::string_view> words(s.words.begin(), s.words.end());
        model.tag(words, predicted);
        auto gold = s.tags;
        drop_leading_titles(s.words, gold);
        drop_leading_titles(s.words, predicted);
        scorer.add(gold, predicted);
    }
    // Sentence-level, 5 documents: a regression guard well below the measured ~0.81.
    CHECK(scorer.overall().f1() > 0.72);
    CHECK(scorer.by_type(2).f1() > 0.80);
}
