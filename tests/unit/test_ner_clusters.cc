#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/model.h"
#include "common/ner/word_clusters.h"
#include "common/ner_train/trainer.h"
#include "common/ner_train/word_clustering.h"

using namespace newsindex::ner;

namespace {

// Determiners, nouns and verbs in every combination: a class bigram model fits the text
// best with exactly those three classes.
ClusterCorpus toy_corpus() {
    ClusterCorpus corpus;
    for (const std::string_view det : {"the", "a", "every"})
        for (const std::string_view noun : {"cat", "dog", "bird"})
            for (const std::string_view verb : {"runs", "sleeps", "sings"}) {
                const std::vector<std::string_view> s = {det, noun, verb};
                corpus.add_sentence(s);
            }
    return corpus;
}

const ClusteredWord& find(const std::vector<ClusteredWord>& words, std::string_view w) {
    for (const auto& cw : words)
        if (cw.word == w) return cw;
    throw std::runtime_error("missing " + std::string(w));
}

std::vector<ClusteredWord> toy_clusters() {
    ClusteringOptions opt;
    opt.clusters = 3;
    opt.mid_clusters = 2;
    opt.coarse_clusters = 1;
    opt.min_count = 1;
    return cluster_words(toy_corpus(), opt);
}

}  // namespace

TEST_CASE("clusters: the exchange algorithm groups words by their neighbours") {
    const auto words = toy_clusters();
    CHECK(words.size() == 9);
    auto fine = [&](std::string_view w) { return find(words, w).level[0]; };
    CHECK(fine("the") == fine("a"));
    CHECK(fine("a") == fine("every"));
    CHECK(fine("cat") == fine("dog"));
    CHECK(fine("dog") == fine("bird"));
    CHECK(fine("runs") == fine("sleeps"));
    CHECK(fine("sleeps") == fine("sings"));
    CHECK(fine("the") != fine("cat"));
    CHECK(fine("cat") != fine("runs"));
    CHECK(fine("the") != fine("runs"));
    // Levels nest: one coarse cluster for everything here.
    for (const auto& w : words) CHECK(w.level[2] == 0);
    CHECK(find(words, "cat").count == 9);
    CHECK(find(words, "cat").inner_count == 9);
    CHECK(find(words, "the").inner_count == 0);  // always opens the sentence
    // Deterministic.
    const auto again = toy_clusters();
    for (std::size_t i = 0; i < words.size(); ++i) {
        CHECK(words[i].word == again[i].word);
        CHECK(words[i].level[0] == again[i].level[0]);
    }
}

TEST_CASE("clusters: rare words get no cluster") {
    auto corpus = toy_corpus();
    const std::vector<std::string_view> s = {"the", "zebra", "runs"};
    corpus.add_sentence(s);
    ClusteringOptions opt;
    opt.clusters = 3;
    opt.mid_clusters = 2;
    opt.coarse_clusters = 1;
    opt.min_count = 2;
    const auto words = cluster_words(corpus, opt);
    CHECK_THROWS(find(words, "zebra"));
    CHECK(to_word_clusters(words).lookup("zebra").known() == false);
}

TEST_CASE("clusters: text form round trip and malformed lines") {
    const auto words = toy_clusters();
    std::stringstream text;
    write_clusters(text, words);
    const auto back = read_clusters(text);
    REQUIRE(back.size() == words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        CHECK(back[i].word == words[i].word);
        CHECK(back[i].count == words[i].count);
        CHECK(back[i].inner_count == words[i].inner_count);
        for (int l = 0; l < kClusterLevels; ++l) CHECK(back[i].level[l] == words[i].level[l]);
    }
    std::istringstream bad("cat\t9\t9\t1\n");
    CHECK_THROWS_AS(read_clusters(bad), std::runtime_error);
    std::istringstream nan("cat\tnine\t9\t1\t0\t0\n");
    CHECK_THROWS_AS(read_clusters(nan), std::runtime_error);
}

TEST_CASE("clusters: lookup by spelling, capitals fall back to title case") {
    std::vector<ClusteredWord> words(4);
    words[0] = {"Reagan", 10, 8, {1, 0, 0}};
    words[1] = {"reagan", 1, 1, {1, 0, 0}};  // rare lower-case spelling
    words[2] = {"said", 20, 20, {0, 1, 0}};
    words[3] = {"IBM", 5, 5, {2, 1, 0}};
    // A fine cluster on two coarser clusters is refused.
    auto broken = words;
    broken[3].level[0] = 1;
    CHECK_THROWS_AS(to_word_clusters(broken), std::invalid_argument);

    const WordClusters clusters = to_word_clusters(words);
    CHECK(clusters.size() == 4);
    CHECK(clusters.num_fine() == 3);
    CHECK(clusters.lookup("Reagan").level[0] == 1);
    CHECK(clusters.lookup("REAGAN").level[0] == 1);  // headline capitals
    CHECK(clusters.lookup("IBM").level[0] == 2);     // known as written: no fallback
    CHECK(clusters.lookup("said").level[1] == 1);
    CHECK_FALSE(clusters.lookup("Said").known());  // lower case has no fallback
    CHECK_FALSE(clusters.lookup("Gorbachev").known());
    // Case profile of the lower-cased word: "reagan" capitalised 8 of 9 times.
    CHECK(clusters.case_bucket_of(lower_word_key("REAGAN")) == 5);
    CHECK(clusters.case_bucket_of(lower_word_key("said")) == 1);
    CHECK(clusters.case_bucket_of(lower_word_key("ibm")) == 6);
    CHECK(clusters.case_bucket_of(lower_word_key("gorbachev")) == 0);
    CHECK(case_bucket(0, 2) == 0);  // too few to tell
    CHECK(case_bucket(50, 50) == 4);
}

TEST_CASE("clusters: baked into the model file and used by the tagger") {
    std::vector<LabeledSentence> data(2);
    data[0].words = {"Reagan", "said", "so"};
    data[0].tags = {Tag::B_PER, Tag::O, Tag::O};
    data[1].words = {"IBM", "said", "no"};
    data[1].tags = {Tag::B_ORG, Tag::O, Tag::O};
    std::vector<ClusteredWord> words(3);
    words[0] = {"Reagan", 10, 8, {1, 0, 0}};
    words[1] = {"Volcker", 10, 8, {1, 0, 0}};
    words[2] = {"said", 20, 20, {0, 1, 0}};
    TrainOptions opt;
    opt.hash_bits = 12;
    opt.epochs = 3;
    const Model m = train(data, Gazetteer{}, opt, to_word_clusters(words));
    const auto path = std::filesystem::temp_directory_path() / "newsindex-test-clusters.model";
    m.save(path);
    const Model loaded = Model::load(path);
    CHECK(loaded.clusters().size() == 3);
    CHECK(loaded.clusters().lookup("Volcker").level[0] == 1);
    CHECK(loaded.clusters().case_bucket_of(lower_word_key("said")) == 1);
    std::vector<Tag> a, b;
    const std::vector<std::string_view> s = {"Volcker", "said", "so"};
    m.tag(s, a);
    loaded.tag(s, b);
    CHECK(a == b);
    std::filesystem::remove(path);
}

TEST_CASE("training data: leading titles leave person names") {
    LabeledSentence s;
    s.words = {"President", "George", "Bush", "and", "Prime", "Minister", "Blair", "met", "Mr."};
    s.tags = {Tag::B_PER, Tag::I_PER, Tag::I_PER, Tag::O,    Tag::B_PER,
              Tag::O,     Tag::B_PER, Tag::O,     Tag::B_PER};
    CHECK(strip_leading_titles(s) == 3);
    CHECK(s.tags == std::vector<Tag>{Tag::O, Tag::B_PER, Tag::I_PER, Tag::O, Tag::O, Tag::O,
                                     Tag::B_PER, Tag::O, Tag::O});
}
