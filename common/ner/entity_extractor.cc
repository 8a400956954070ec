#include "common/ner/entity_extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <system_error>

#include "common/base/utf8.h"
#include "common/ner/conlleval.h"
#include "common/ner/document_pass.h"
#include "common/ner/model.h"
#include "common/ner/normalize.h"
#include "common/ner/tokenizer.h"

namespace newsindex {

namespace {

constexpr EntityKind kTypeKinds[3] = {EntityKind::person, EntityKind::org, EntityKind::place};

// Headlines in title case ("Ousted Kyrgyz President Takes Refuge") or upper case, and
// upper-case datelines ("SALVADOR, Feb 26"): capitals do not mark names there.
bool is_headline_case(std::span<const ner::Token> tokens) {
    int words = 0, capitalised = 0, upper = 0;
    for (const auto& t : tokens) {
        if (t.text.size() < 2 || !std::isalpha(static_cast<unsigned char>(t.text[0]))) continue;
        const bool all_upper = std::none_of(t.text.begin(), t.text.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c));
        });
        if (all_upper) ++upper;
        if (t.text.size() < 4) continue;
        ++words;
        if (std::isupper(static_cast<unsigned char>(t.text[0]))) ++capitalised;
    }
    if (upper > 0 && upper * 2 >= words) return true;
    return words >= 2 && capitalised * 10 >= words * 7;
}

// GMB, the largest training set, often tags "Mr." on its own as a person and the name
// after it as something else ("Mr./B-PER Bakiyev/B-ORG"); the tagger learnt that. A
// person chunk made only of titles takes over the chunk right after it.
void join_title_chunks(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words) {
    for (std::size_t k = 0; k + 1 < chunks.size(); ++k) {
        auto& c = chunks[k];
        if (c.type != 0 || chunks[k + 1].begin != c.end) continue;
        bool all_titles = true;
        for (std::uint32_t i = c.begin; i < c.end; ++i)
            all_titles = all_titles && ner::is_title_word(words[i]);
        if (!all_titles) continue;
        c.end = chunks[k + 1].end;
        chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    }
}

// GMB (and so the tagger) cuts "Organization for Security and Cooperation in Europe" into
// an ORG and a LOC. An organisation name that already has a connector inside ("for",
// "of", "and") and continues with "in"/"of" + place is one name.
void join_organisation_places(std::vector<ner::Chunk>& chunks,
                              std::span<const std::string_view> words) {
    for (std::size_t k = 0; k + 1 < chunks.size(); ++k) {
        auto& c = chunks[k];
        const auto& next = chunks[k + 1];
        if (c.type != 1 || next.type != 2 || next.begin != c.end + 1 || c.end - c.begin < 3)
            continue;
        if (words[c.end] != "in" && words[c.end] != "of") continue;
        bool connector = false;
        for (std::uint32_t i = c.begin + 1; i + 1 < c.end; ++i)
            connector = connector || words[i] == "for" || words[i] == "of" || words[i] == "and";
        if (!connector) continue;
        c.end = next.end;
        chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    }
}

// Companies named after people ("Merrill Lynch and Co Inc", "Smith Barney Inc"): a name
// the tagger took for a person, followed by company forms, is an organisation with them.
void join_company_forms(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words) {
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        std::uint32_t end = c.end;
        if (end + 1 < words.size() && (words[end] == "and" || words[end] == "&") &&
            ner::is_corporate_suffix(words[end + 1]))
            ++end;
        while (end < words.size() && ner::is_corporate_suffix(words[end])) ++end;
        if (end == c.end || !ner::is_corporate_suffix(words[end - 1])) continue;
        c.end = end;
        c.type = 1;
        // The forms may have been tagged as a chunk of their own ("Co Inc"/ORG).
        while (k + 1 < chunks.size() && chunks[k + 1].begin < end)
            chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    }
}

// One article's sentences, tagged together so the document pass sees all of them.
struct TaggedArticle {
    std::vector<std::vector<ner::Token>> tokens;  // per text: title, subtitle, body
    std::vector<std::string_view> texts;
    std::vector<bool> headline;  // per text: in headline case
    struct Sentence {
        std::size_t text;
        std::uint32_t begin;  // token range within that text
    };
    std::vector<Sentence> sentences;
    std::vector<std::vector<std::string_view>> words;
    std::vector<std::vector<ner::Tag>> tags;
};

void add_text(const ner::Model& model, std::string_view text, bool is_headline, TaggedArticle& a) {
    const std::size_t k = a.texts.size();
    a.texts.push_back(text);
    a.tokens.push_back(ner::tokenize(text));
    const auto& tokens = a.tokens.back();
    a.headline.push_back(is_headline && is_headline_case(tokens));
    for (const auto& s : ner::split_sentences(text, tokens)) {
        a.sentences.push_back({k, s.begin});
        auto& words = a.words.emplace_back();
        for (std::uint32_t i = s.begin; i < s.end; ++i) words.push_back(tokens[i].text);
        model.tag(words, a.tags.emplace_back());
    }
}

}  // namespace

EntityExtractor::EntityExtractor(const std::filesystem::path& model_file)
    : model_(std::make_unique<const ner::Model>(ner::Model::load(model_file))) {}

EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

std::vector<Entity> EntityExtractor::extract(const Article& article) const {
    TaggedArticle a;
    add_text(*model_, article.title, true, a);
    add_text(*model_, article.subtitle, true, a);
    add_text(*model_, article.body, false, a);
    ner::propagate_person_names(a.words, a.tags);
    // Headline mentions need the text to name them too, unless there is no text: a wire
    // brief is a headline alone ("TREASURY'S BAKER REITERATES OPPOSITION ...").
    const bool has_body = utf8::has_alnum(article.body);

    std::vector<ner::Mention> mentions;
    for (std::size_t s = 0; s < a.sentences.size(); ++s) {
        const auto& sent = a.sentences[s];
        auto chunks = ner::chunks(a.tags[s]);
        join_title_chunks(chunks, a.words[s]);
        join_organisation_places(chunks, a.words[s]);
        join_company_forms(chunks, a.words[s]);
        const auto& tokens = a.tokens[sent.text];
        for (const auto& c : chunks) {
            ner::Mention m;
            m.kind = kTypeKinds[c.type];
            m.source = a.texts[sent.text];
            m.needs_support = a.headline[sent.text] && has_body;
            m.tokens.assign(tokens.begin() + sent.begin + c.begin,
                            tokens.begin() + sent.begin + c.end);
            mentions.push_back(std::move(m));
        }
    }
    return ner::normalize_mentions(mentions);
}

std::filesystem::path default_model_path() {
    if (const char* env = std::getenv("NEWSINDEX_MODEL"); env && *env) return env;
    // Installed: <prefix>/bin/newsindex finds <prefix>/share/newsindex/ner.model, wherever
    // the prefix is. NEWSINDEX_INSTALLED_MODEL_DIR is relative to the binary's folder.
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path() / NEWSINDEX_INSTALLED_MODEL_DIR / "ner.model";
        if (std::filesystem::is_regular_file(installed, ec)) return installed.lexically_normal();
    }
    // Run from the build folder: the model in the source tree.
    return std::filesystem::path(NEWSINDEX_MODEL_DIR) / "ner.model";
}

}  // namespace newsindex
