#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/ner/entity_extractor.h"
#include "common/ner/hashing.h"
#include "common/ner/model.h"
#include "common/ner_train/trainer.h"

using namespace newsindex::ner;

namespace {

LabeledSentence sentence(std::vector<std::pair<std::string, Tag>> tagged) {
    LabeledSentence s;
    for (auto& [w, t] : tagged) {
        s.words.push_back(w);
        s.tags.push_back(t);
    }
    return s;
}

std::vector<LabeledSentence> tiny_corpus() {
    return {
        sentence(
            {{"Bakiyev", Tag::B_PER}, {"fled", Tag::O}, {"to", Tag::O}, {"Minsk", Tag::B_LOC}}),
        sentence({{"Kurmanbek", Tag::B_PER}, {"Bakiyev", Tag::I_PER}, {"left", Tag::O}}),
        sentence(
            {{"The", Tag::O}, {"European", Tag::B_ORG}, {"Union", Tag::I_ORG}, {"said", Tag::O}}),
        sentence({{"He", Tag::O}, {"went", Tag::O}, {"to", Tag::O}, {"Moscow", Tag::B_LOC}}),
    };
}

std::filesystem::path temp_file(const char* name) {
    return std::filesystem::temp_directory_path() / (std::string("newsindex-test-") + name);
}

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_all(const std::filesystem::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

std::vector<Tag> tag(const Model& m, std::vector<std::string_view> words) {
    std::vector<Tag> out;
    m.tag(words, out);
    return out;
}

}  // namespace

TEST_CASE("model: training learns the data, save/load round trip keeps the tags") {
    Gazetteer gaz;
    gaz.add("Minsk", kGazCity);
    gaz.finalize();
    TrainOptions opt;
    opt.hash_bits = 14;
    opt.epochs = 5;
    const Model m = train(tiny_corpus(), gaz, opt);
    const std::vector<std::string_view> s = {"Kurmanbek", "Bakiyev", "fled", "to", "Minsk"};
    const auto before = tag(m, s);
    CHECK(before == std::vector<Tag>{Tag::B_PER, Tag::I_PER, Tag::O, Tag::O, Tag::B_LOC});

    const auto path = temp_file("roundtrip.model");
    m.save(path);
    const Model loaded = Model::load(path);
    CHECK(tag(loaded, s) == before);
    CHECK(loaded.hash_bits() == 14);
    CHECK(loaded.gazetteer().size() == 1);
    // Same seed, same data: byte-identical model.
    const auto path2 = temp_file("roundtrip2.model");
    train(tiny_corpus(), gaz, opt).save(path2);
    CHECK(read_all(path) == read_all(path2));
    std::filesystem::remove(path);
    std::filesystem::remove(path2);
}

TEST_CASE("model: truncated, corrupt or missing files are rejected naming the file") {
    TrainOptions opt;
    opt.hash_bits = 12;
    opt.epochs = 1;
    const auto path = temp_file("corrupt.model");
    train(tiny_corpus(), Gazetteer{}, opt).save(path);
    const std::string good = read_all(path);

    auto message = [&](const std::string& content) -> std::string {
        write_all(path, content);
        try {
            Model::load(path);
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "";
    };
    const std::string truncated = message(good.substr(0, good.size() / 2));
    CHECK(truncated.find(path.string()) != std::string::npos);
    CHECK(truncated.find('\n') == std::string::npos);
    std::string flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x40);
    CHECK(message(flipped).find("checksum") != std::string::npos);
    CHECK(message("not a model at all, just text").find("magic") != std::string::npos);
    std::filesystem::remove(path);
    CHECK_THROWS_AS(Model::load(path), std::runtime_error);
}

namespace {

// A French corpus as small as tiny_corpus(): what a model for another language learns.
std::vector<LabeledSentence> tiny_french_corpus() {
    return {
        sentence({{"Emmanuel", Tag::B_PER},
                  {"Macron", Tag::I_PER},
                  {"est", Tag::O},
                  {"arrivé", Tag::O},
                  {"à", Tag::O},
                  {"Marseille", Tag::B_LOC}}),
        sentence({{"Le", Tag::O},
                  {"président", Tag::O},
                  {"Macron", Tag::B_PER},
                  {"a", Tag::O},
                  {"parlé", Tag::O}}),
        sentence({{"Il", Tag::O}, {"a", Tag::O}, {"visité", Tag::O}, {"Lyon", Tag::B_LOC}}),
    };
}

Model tiny_model(std::vector<LabeledSentence> corpus, const std::string& language) {
    TrainOptions opt;
    opt.hash_bits = 12;
    opt.epochs = 5;
    opt.language = language;
    return train(corpus, Gazetteer{}, opt);
}

}  // namespace

TEST_CASE("model: the language it was trained on is kept; a version 2 file is English") {
    const auto path = temp_file("language.model");
    tiny_model(tiny_french_corpus(), "fr").save(path);
    const Model french = Model::load(path);
    CHECK(french.language() == "fr");
    const std::vector<std::string_view> words = {"Emmanuel", "Macron", "est",
                                                 "arrivé",   "à",      "Marseille"};
    // Version 2 had no language: the same file without it, its checksum made again.
    std::string v3 = read_all(path);
    std::string v2 = v3.substr(0, 8) + std::string("\x02\0\0\0", 4) + v3.substr(20, v3.size() - 28);
    const std::uint64_t sum = checksum(v2.data(), v2.size());
    v2.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    write_all(path, v2);
    const Model old = Model::load(path);
    CHECK(old.language() == "en");
    CHECK(tag(old, words) == tag(french, words));  // the same weights
    CHECK(tag(old, words).front() == Tag::B_PER);
    std::filesystem::remove(path);
    CHECK_THROWS_AS(tiny_model(tiny_french_corpus(), "French"), newsindex::Error);
}

TEST_CASE("extractor: the models beside the main one read the articles in their language") {
    const auto folder = temp_file("models");
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    tiny_model(tiny_corpus(), "en").save(folder / "ner.model");
    tiny_model(tiny_french_corpus(), "fr").save(folder / "ner.fr.model");
    const newsindex::EntityExtractor extractor(folder / "ner.model");
    CHECK(extractor.languages() == std::vector<std::string>{"en", "fr"});
    CHECK(extractor.tags(""));
    CHECK(extractor.tags("en"));
    CHECK(extractor.tags("fr"));
    CHECK_FALSE(extractor.tags("de"));

    newsindex::Article article;
    article.body = "Emmanuel Macron est arrivé à Marseille.";
    article.language = "fr";
    const auto entities = extractor.extract(article);
    std::vector<std::string> names;
    for (const auto& e : entities) names.push_back(e.name);
    CHECK(std::find(names.begin(), names.end(), "Emmanuel Macron") != names.end());
    article.language = "de";  // no model reads German
    CHECK(extractor.extract(article).empty());

    // A file whose name says another language than its model, or a second model for a
    // language, stops the extractor, naming the file.
    std::filesystem::copy_file(folder / "ner.fr.model", folder / "ner.de.model");
    try {
        newsindex::EntityExtractor wrong(folder / "ner.model");
        FAIL("a French model was taken for German");
    } catch (const newsindex::Error& e) {
        CHECK(std::string(e.what()).find("ner.de.model: holds a model for 'fr', not 'de'") !=
              std::string::npos);
    }
    std::filesystem::rename(folder / "ner.de.model", folder / "ner.en.model");
    tiny_model(tiny_corpus(), "en").save(folder / "ner.en.model");
    CHECK_THROWS_AS(newsindex::EntityExtractor(folder / "ner.model"), newsindex::Error);
    std::filesystem::remove_all(folder);
}

TEST_CASE("training data: titles before a person become latent in title-less sets") {
    auto s = sentence({{"said", Tag::O},
                       {"Prime", Tag::O},
                       {"Minister", Tag::O},
                       {"Ehud", Tag::B_PER},
                       {"Olmert", Tag::I_PER},
                       {"and", Tag::O},
                       {"Foreign", Tag::B_ORG},
                       {"Office", Tag::I_ORG}});
    CHECK(free_title_labels(s) == 2);
    REQUIRE(s.allowed.size() == s.words.size());
    const auto bit = [](Tag t) { return static_cast<std::uint8_t>(1u << static_cast<int>(t)); };
    CHECK(s.allowed[0] == bit(Tag::O));
    CHECK(s.allowed[1] == (bit(Tag::O) | bit(Tag::B_PER) | bit(Tag::I_PER)));
    CHECK(s.allowed[2] == (bit(Tag::O) | bit(Tag::B_PER) | bit(Tag::I_PER)));
    CHECK(s.allowed[3] == (bit(Tag::B_PER) | bit(Tag::I_PER)));
    CHECK(s.allowed[4] == bit(Tag::I_PER));
    CHECK(s.allowed[6] == bit(Tag::B_ORG));  // "Foreign" inside an ORG stays as it is
    // Gold tags themselves are unchanged.
    CHECK(s.tags[1] == Tag::O);
    CHECK(s.tags[3] == Tag::B_PER);

    auto none = sentence({{"Olmert", Tag::B_PER}, {"spoke", Tag::O}});
    CHECK(free_title_labels(none) == 0);
    CHECK(none.allowed.empty());
}

TEST_CASE("training data: a lone honorific before an ORG/LOC-typed name becomes one person") {
    auto s = sentence({{"Mr.", Tag::B_PER},
                       {"Haradinaj", Tag::B_ORG},
                       {"and", Tag::O},
                       {"Mr.", Tag::B_PER},
                       {"Lopez", Tag::B_LOC},
                       {"Obrador", Tag::I_LOC},
                       {"met", Tag::O},
                       {"President", Tag::B_PER},
                       {"Bush", Tag::B_ORG}});
    CHECK(merge_honorific_chunks(s) == 2);
    CHECK(s.tags == std::vector<Tag>{Tag::B_PER, Tag::I_PER, Tag::O, Tag::B_PER, Tag::I_PER,
                                     Tag::I_PER, Tag::O, Tag::B_PER, Tag::B_ORG});
}

TEST_CASE("training data: an upper-cased copy keeps tags, latent labels and document") {
    auto s = sentence({{"Mr.", Tag::O}, {"Müller", Tag::B_PER}, {"'s", Tag::O}, {"visit", Tag::O}});
    s.doc = 7;
    free_title_labels(s);
    const auto upper = upper_cased(s);
    CHECK(upper.words == std::vector<std::string>{"MR.", "MÜLLER", "'S", "VISIT"});
    CHECK(upper.tags == s.tags);
    CHECK(upper.allowed == s.allowed);
    CHECK(upper.doc == 7);
    CHECK(s.words[1] == "Müller");  // the original is untouched
}

TEST_CASE("training: latent title labels train and stay deterministic") {
    auto data = tiny_corpus();
    data.push_back(sentence({{"President", Tag::O},
                             {"Kurmanbek", Tag::B_PER},
                             {"Bakiyev", Tag::I_PER},
                             {"left", Tag::O}}));
    free_title_labels(data.back());
    TrainOptions opt;
    opt.hash_bits = 12;
    opt.epochs = 3;
    const auto a = temp_file("latent1.model");
    const auto b = temp_file("latent2.model");
    train(data, Gazetteer{}, opt).save(a);
    train(data, Gazetteer{}, opt).save(b);
    CHECK(read_all(a) == read_all(b));
    std::filesystem::remove(a);
    std::filesystem::remove(b);
}
