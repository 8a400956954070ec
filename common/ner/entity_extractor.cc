#include "common/ner/entity_extractor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <span>
#include <system_error>

#include "common/base/data_files.h"
#include "common/base/entity_key.h"
#include "common/base/error.h"
#include "common/base/language_code.h"
#include "common/base/utf8.h"
#include "common/ner/conlleval.h"
#include "common/ner/document_pass.h"
#include "common/ner/model.h"
#include "common/ner/name_lists.h"
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

bool is_capitalised(std::string_view word) {
    return !word.empty() && std::isupper(static_cast<unsigned char>(word.front()));
}

// "ArrayBuffer", "PostgreSQL", "ScreamMyName": a capital inside a word, after a lower-case
// letter, writes an identifier, a product or a user name, not a person or a place. Surnames
// that are written so start with a particle ("McCarthy", "MacArthur", "DeSantis", "LaGuardia").
bool is_camel_case(std::string_view word) {
    static constexpr std::string_view kParticles[] = {"Mc", "Mac", "De",  "Di",  "Da",   "Du",
                                                      "La", "Le",  "Van", "Von", "Fitz", "St"};
    for (std::size_t i = 1; i < word.size(); ++i) {
        if (!std::isupper(static_cast<unsigned char>(word[i])) ||
            !std::islower(static_cast<unsigned char>(word[i - 1])))
            continue;
        const std::string_view head = word.substr(0, i);
        const bool particle =
            std::find(std::begin(kParticles), std::end(kParticles), head) != std::end(kParticles);
        if (!particle) return true;
    }
    return false;
}

bool is_possessive_token(std::string_view word) {
    return word == "'s" || word == "'S" || word == "\u2019s";
}

// Removes the chunks after chunks[k] that start before `end` (swallowed by chunks[k]).
void drop_swallowed(std::vector<ner::Chunk>& chunks, std::size_t k, std::uint32_t end) {
    while (k + 1 < chunks.size() && chunks[k + 1].begin < end)
        chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1);
}

// Companies named after people ("Merrill Lynch and Co Inc", "Smith Barney Inc", "Standard
// and Poor's Corp"): a name the tagger took for a person, followed by company forms, is an
// organisation with them.
void join_company_forms(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words) {
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        std::uint32_t end = c.end;
        if (end + 1 < words.size() && (words[end] == "and" || words[end] == "&")) {
            if (ner::is_corporate_suffix(words[end + 1])) {
                ++end;
            } else {
                // "and" + a partner's name (possessive or not) + company forms.
                std::uint32_t next = end + 1;
                while (next < words.size() && is_capitalised(words[next]) &&
                       !ner::is_corporate_suffix(words[next]) && next - end <= 3)
                    ++next;
                if (next < words.size() && next > end + 1 && is_possessive_token(words[next]))
                    ++next;
                if (next > end + 1 && next < words.size() && ner::is_corporate_suffix(words[next]))
                    end = next;
            }
        }
        while (end < words.size() && ner::is_corporate_suffix(words[end])) ++end;
        if (end == c.end || !ner::is_corporate_suffix(words[end - 1])) continue;
        c.end = end;
        c.type = 1;
        // The forms may have been tagged as a chunk of their own ("Co Inc"/ORG).
        drop_swallowed(chunks, k, end);
    }
}

// Partnerships written with a comma ("Goldman, Sachs and Co", "Kidder, Peabody and Co"):
// a capitalised name, a comma, and a company whose forms follow "and" are one firm.
void join_partnerships(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words) {
    for (std::size_t k = 1; k < chunks.size(); ++k) {
        auto& p = chunks[k - 1];
        const auto& c = chunks[k];
        if (c.type != 1 || p.end >= words.size() || words[p.end] != "," || c.begin != p.end + 1 ||
            p.end - p.begin > 2 || !ner::is_corporate_suffix(words[c.end - 1]))
            continue;
        const bool partners =
            std::any_of(words.begin() + c.begin, words.begin() + c.end,
                        [](std::string_view w) { return w == "and" || w == "&"; });
        if (!partners || !is_capitalised(words[p.begin])) continue;
        p.end = c.end;
        p.type = 1;
        chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(k));
        --k;
    }
}

// Words that end a name even when written in capitals: "the Commission on Monday".
bool is_calendar_word(std::string_view word) {
    static constexpr std::array<std::string_view, 19> kWords = {
        "Monday",  "Tuesday",   "Wednesday", "Thursday", "Friday",  "Saturday", "Sunday",
        "January", "February",  "March",     "April",    "May",     "June",     "July",
        "August",  "September", "October",   "November", "December"};
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// Names with lower-case connectors that the tagger cut: "General Agreement" + "on Tariffs
// and Trade", "Ministry of International Trade and Industry". An organisation followed by
// "of", "on" or "for" and capitalised words takes them in, and then "and" + capitalised
// words too; whatever was tagged there joins it.
void join_connected_names(std::vector<ner::Chunk>& chunks,
                          std::span<const std::string_view> words) {
    const auto capitalised_run = [&](std::uint32_t from) {
        std::uint32_t to = from;
        while (to < words.size() && is_capitalised(words[to]) && !is_calendar_word(words[to]) &&
               !ner::is_corporate_suffix(words[to]))
            ++to;
        return to;
    };
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        if (c.type != 1 || c.end + 1 >= words.size()) continue;
        const std::string_view connector = words[c.end];
        if (connector != "of" && connector != "on" && connector != "for") continue;
        std::uint32_t end = capitalised_run(c.end + 1);
        if (end == c.end + 1) continue;
        if (end + 1 < words.size() && (words[end] == "and" || words[end] == "&")) {
            const std::uint32_t more = capitalised_run(end + 1);
            if (more > end + 1) end = more;
        }
        c.end = end;
        drop_swallowed(chunks, k, end);
    }
}

// Two bodies tagged as one: "International Monetary Fund and World Bank". A name of two
// or more capitalised words, "and", and another such name that does not end in company
// forms is two organisations; "Securities and Exchange Commission", "General Agreement on
// Tariffs and Trade" and "Merrill Lynch and Co" stay whole.
void split_joined_bodies(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words) {
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        if (c.type != 1) continue;
        for (std::uint32_t a = c.begin + 2; a + 2 < c.end + 1 && a + 2 <= c.end; ++a) {
            if (words[a] != "and" && words[a] != "&") continue;
            const bool left_names =
                std::all_of(words.begin() + c.begin, words.begin() + a,
                            [](std::string_view w) { return is_capitalised(w); });
            const bool right_names = a + 2 < c.end + 1 && is_capitalised(words[a + 1]) &&
                                     c.end - a - 1 >= 2 &&
                                     !ner::is_corporate_suffix(words[c.end - 1]);
            if (!left_names || !right_names) continue;
            // "U.S. Food and Drug Administration" is one body: the words before "and" name
            // no body of their own, and the whole ends as a body's name does.
            const bool left_is_body =
                std::any_of(words.begin() + c.begin, words.begin() + a, [](std::string_view w) {
                    return ner::is_organisation_head(w) || ner::is_corporate_suffix(w);
                });
            if (!left_is_body && ner::is_organisation_head(words[c.end - 1])) continue;
            const ner::Chunk second{a + 1, c.end, 1};
            c.end = a;
            chunks.insert(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1, second);
            break;
        }
    }
}

// "Bank of Japan Governor Satoshi Sumita" tagged as one organisation: a title inside an
// organisation's name, followed by two capitalised words, starts a person.
void split_office_holders(std::vector<ner::Chunk>& chunks,
                          std::span<const std::string_view> words) {
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        if (c.type != 1 || c.end - c.begin < 4) continue;
        for (std::uint32_t t = c.begin + 1; t + 2 < c.end; ++t) {
            if (!ner::is_title_word(words[t]) || !is_capitalised(words[t + 1]) ||
                !is_capitalised(words[t + 2]))
                continue;
            const ner::Chunk person{t + 1, c.end, 0};
            c.end = t;
            chunks.insert(chunks.begin() + static_cast<std::ptrdiff_t>(k) + 1, person);
            break;
        }
    }
}

// Wire headlines in capitals name who speaks as "BODY'S NAME SAYS" ("TREASURY'S BAKER
// SAYS ...", "JAPAN'S NAKASONE URGES ..."): the word between the possessive and a
// reporting verb is a person the tagger, reading capitals, mostly misses.
void add_headline_speakers(std::vector<ner::Chunk>& chunks,
                           std::span<const std::string_view> words) {
    static constexpr std::array<std::string_view, 24> kVerbs = {
        "SAYS",      "SAID",  "URGES",    "SEES",     "WARNS",      "EXPECTS",
        "FORECASTS", "CALLS", "DENIES",   "OPPOSES",  "REITERATES", "PREDICTS",
        "ASKS",      "BACKS", "REJECTS",  "PLEDGES",  "DEFENDS",    "SUPPORTS",
        "PROPOSES",  "VOWS",  "PROMISES", "STRESSES", "RULES",      "HOPES"};
    const auto is_verb = [](std::string_view w) {
        return std::find(kVerbs.begin(), kVerbs.end(), w) != kVerbs.end();
    };
    for (std::uint32_t i = 1; i + 2 < words.size(); ++i) {
        if (!is_possessive_token(words[i])) continue;
        const std::uint32_t name = i + 1;
        std::uint32_t verb = name + 1;
        if (verb + 1 < words.size() && words[verb].ends_with("LY")) ++verb;  // FULLY EXPECTS
        const std::string_view w = words[name];
        if (!is_verb(words[verb]) || w.size() < 3 || ner::is_title_word(w) ||
            !std::all_of(w.begin(), w.end(),
                         [](char c) { return std::isupper(static_cast<unsigned char>(c)); }))
            continue;
        const bool covered = std::any_of(chunks.begin(), chunks.end(), [&](const ner::Chunk& c) {
            return c.begin <= name && name < c.end;
        });
        if (covered) continue;
        const auto at = std::find_if(chunks.begin(), chunks.end(),
                                     [&](const ner::Chunk& c) { return c.begin > name; });
        chunks.insert(at, ner::Chunk{name, name + 1, 0});
    }
}

// A chunk that starts a gazetteer place the tagger cut short ("Sri"/PER "Lanka's") is
// that place, whole.
void join_gazetteer_places(std::vector<ner::Chunk>& chunks, std::span<const std::string_view> words,
                           const ner::Gazetteer& gazetteer, std::vector<std::uint8_t>& codes) {
    gazetteer.match(words, codes);
    const auto inside = [&](std::uint32_t i) { return i < codes.size() && (codes[i] & 1) != 0; };
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        auto& c = chunks[k];
        if (codes[c.begin] == 0 || inside(c.begin) || !inside(c.end)) continue;
        std::uint32_t end = c.end;
        while (inside(end)) ++end;
        c.end = end;
        c.type = 2;
        drop_swallowed(chunks, k, end);
    }
}

// `words` are one gazetteer name, whole: a start code, then "inside" codes.
bool is_gazetteer_name(std::span<const std::string_view> words, const ner::Gazetteer& gazetteer,
                       std::vector<std::uint8_t>& codes) {
    if (words.empty()) return false;
    gazetteer.match(words, codes);
    bool whole = codes[0] != 0 && (codes[0] & 1) == 0;
    for (std::size_t i = 1; whole && i < codes.size(); ++i) whole = (codes[i] & 1) != 0;
    return whole;
}

// Given names say "person" where the tagger does not know. A given name alone names
// nobody (normalize_mentions has already joined one the article defines, "Max" of "Max
// Verstappen"), unless it is a place ("Georgia", "Charlotte"). A place or body of two
// words that starts with a given name and does not end as places and bodies do is a
// person ("Alex Heath").
//
// A name that starts with a word of another language ("En Canadá") is none, and so is a
// one-word name the article also writes in lower case ("Control", "control"), unless it
// is a gazetteer place: a common word at the start of a sentence or in a heading. A word
// the dictionary writes only in lower case ("Rhino") is no person or place either, unless the
// article writes it as part of a longer name (`name_parts`: "Standard and Poor's", whose "Poor" the
// archive joins to the firm). Nor is a one-word name written in camel case ("PostgreSQL").
void apply_name_lists(std::vector<Entity>& entities, const ner::Gazetteer& gazetteer,
                      const std::set<std::string, std::less<>>& lower_case_words,
                      const std::set<std::string, std::less<>>& name_parts) {
    std::vector<std::uint8_t> codes;
    std::erase_if(entities, [&](Entity& e) {
        const auto tokens = ner::tokenize(e.name);
        std::vector<std::string_view> words;
        for (const auto& t : tokens) words.push_back(t.text);
        if (words.empty() || ner::known_name(e.name)) return false;
        const bool given = ner::is_given_name(words.front());
        const bool foreign = ner::is_foreign_word(words.front());
        // "Rhino", "Executor": a word the dictionary knows only in lower case; a person
        // named by such words alone ("Public License", "Mossy Cobblestone") is none either.
        // Organisations are left to the archive, which joins a firm's first word to the
        // firm ("Coastal" -> "Coastal Corp").
        const bool dictionary_word =
            e.kind != EntityKind::org && (words.size() == 1 || e.kind == EntityKind::person) &&
            !(words.size() == 1 && name_parts.contains(entity_key(words[0]))) &&
            std::all_of(words.begin(), words.end(),
                        [](std::string_view w) { return ner::is_common_word(w); });
        const bool code_word =
            e.kind != EntityKind::org && words.size() == 1 && is_camel_case(words[0]);
        const bool common_word = dictionary_word || code_word ||
                                 (words.size() == 1 && e.count <= 2 &&
                                  std::any_of(words[0].begin() + 1, words[0].end(),
                                              [](char c) { return c >= 'a' && c <= 'z'; }) &&
                                  lower_case_words.contains(entity_key(words[0])));
        if (!given && !foreign && !common_word) return false;
        if (is_gazetteer_name(words, gazetteer, codes)) return false;
        if (foreign || common_word) return true;
        if (words.size() == 1) return true;
        const std::string_view last = words.back();
        // "Paris Club": a place's name first is no given name.
        if (words.size() == 2 && e.kind != EntityKind::person && is_capitalised(last) &&
            !is_gazetteer_name(std::span(words).first(1), gazetteer, codes) &&
            !ner::is_organisation_head(last) && !ner::is_place_head(last) &&
            !ner::is_corporate_suffix(last) && !ner::is_given_name(last))
            e.kind = EntityKind::person;
        return false;
    });
}

// "AP" is the Associated Press where the article carries its credit ("(AP)", "AP Photo",
// a dateline's "AP —"); elsewhere it is left as written, never a guess ("Amazon Prime").
void expand_news_credits(std::vector<Entity>& entities, std::span<const std::string_view> texts) {
    const bool credit = std::any_of(texts.begin(), texts.end(), [](std::string_view t) {
        return t.find("(AP)") != std::string_view::npos ||
               t.find("AP Photo") != std::string_view::npos ||
               t.find("AP \u2014") != std::string_view::npos;
    });
    if (!credit) return;
    for (auto& e : entities)
        if (e.kind == EntityKind::org && e.name == "AP") {
            e.name = "Associated Press";
            e.aliases.push_back("AP");
        }
}

// Names of the gazetteer's countries and cities are places, whatever the tagger said in
// one sentence ("Japan said", "MANILA, March 3"); several entities may then be one place.
// A person named with a title or as "the X administration" (`strong_people`, keys) stays a
// person even where a city has the name ("Obama", Japan).
void retype_places(std::vector<Entity>& entities, const ner::Gazetteer& gazetteer,
                   const std::set<std::string, std::less<>>& strong_people) {
    std::vector<std::uint8_t> codes;
    for (auto& e : entities) {
        if (e.kind == EntityKind::place) continue;
        if (e.kind == EntityKind::person && strong_people.contains(entity_key(e.name))) continue;
        const auto tokens = ner::tokenize(e.name);
        if (tokens.empty() || (e.kind == EntityKind::person && tokens.size() > 2)) continue;
        std::vector<std::string_view> words;
        for (const auto& t : tokens) words.push_back(t.text);
        if (is_gazetteer_name(words, gazetteer, codes) && !ner::known_name(e.name))
            e.kind = EntityKind::place;
    }
    // Merge entities that now share kind and name.
    std::vector<Entity> merged;
    for (auto& e : entities) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&](const Entity& m) {
            return m.kind == e.kind && entity_key(m.name) == entity_key(e.name);
        });
        if (same == merged.end()) {
            merged.push_back(std::move(e));
            continue;
        }
        same->count += e.count;
        for (auto& mention : e.mentions)
            if (std::find(same->mentions.begin(), same->mentions.end(), mention) ==
                same->mentions.end())
                same->mentions.push_back(std::move(mention));
        for (auto& alias : e.aliases)
            if (std::find(same->aliases.begin(), same->aliases.end(), alias) == same->aliases.end())
                same->aliases.push_back(std::move(alias));
    }
    std::stable_sort(merged.begin(), merged.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.count > b.count;
    });
    entities = std::move(merged);
}

// The words of an italic phrase as a name would be written: "The Big Sick" -> "Big Sick",
// "Ingrid Goes West's" (a possessive glued on) -> "Ingrid Goes West".
std::string italic_name_key(std::string_view phrase) {
    for (const std::string_view article : {"The ", "A ", "An "})
        if (phrase.starts_with(article)) phrase.remove_prefix(article.size());
    for (const std::string_view tail : {"\u2019s", "'s", ",", ".", ":", ";"})
        if (phrase.ends_with(tail)) phrase.remove_suffix(tail.size());
    return entity_key(phrase);
}

// Pages set titles of films, books, games and ships in italics ("<em>The Florida
// Project</em>", "<i>Whale Rider</i>"), and their capitals read as names. A name that is
// one such phrase, whole, is a work and no entity, unless a list knows it (a gazetteer
// place, a known name) or it names a publication, which is a body ("The New York Times",
// "Brooklyn Daily Eagle").
void drop_italic_titles(std::vector<Entity>& entities, std::span<const std::string> phrases,
                        const ner::Gazetteer& gazetteer) {
    if (phrases.empty()) return;
    std::set<std::string, std::less<>> titles;
    for (const auto& p : phrases) titles.insert(italic_name_key(p));
    std::vector<std::uint8_t> codes;
    std::erase_if(entities, [&](const Entity& e) {
        if (!titles.contains(entity_key(e.name)) || ner::known_name(e.name)) return false;
        const auto tokens = ner::tokenize(e.name);
        std::vector<std::string_view> words;
        for (const auto& t : tokens) words.push_back(t.text);
        if (is_gazetteer_name(words, gazetteer, codes)) return false;
        return e.kind != EntityKind::org ||
               std::none_of(words.begin(), words.end(), ner::is_publication_word);
    });
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

namespace {

// The models for other languages beside `main`: "ner.fr.model" beside "ner.model", in
// name order, each with the language its name gives.
std::vector<std::pair<std::filesystem::path, std::string>> language_models(
    const std::filesystem::path& main) {
    std::vector<std::pair<std::filesystem::path, std::string>> found;
    const std::string stem = main.stem().string() + '.';
    const std::string extension = main.extension().string();
    std::error_code ec;
    const auto folder = main.has_parent_path() ? main.parent_path() : ".";
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= stem.size() + extension.size() || !name.starts_with(stem) ||
            !name.ends_with(extension))
            continue;
        std::string language =
            name.substr(stem.size(), name.size() - stem.size() - extension.size());
        if (is_language_code(language)) found.emplace_back(it->path(), std::move(language));
    }
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

EntityExtractor::EntityExtractor(const std::filesystem::path& model_file) {
    models_.push_back(std::make_unique<const ner::Model>(ner::Model::load(model_file)));
    for (const auto& [file, language] : language_models(model_file)) {
        auto model = std::make_unique<const ner::Model>(ner::Model::load(file));
        if (model->language() != language)
            throw Error(ErrorKind::incompatible, file.string() + ": holds a model for '" +
                                                     model->language() + "', not '" + language +
                                                     "' as its name says");
        if (tags(language))
            throw Error(ErrorKind::incompatible,
                        file.string() + ": a second model for '" + language + "'");
        models_.push_back(std::move(model));
    }
}

const ner::Model* EntityExtractor::model_for(std::string_view language) const {
    if (language.empty()) return models_.front().get();
    for (const auto& model : models_)
        if (model->language() == language) return model.get();
    return nullptr;
}

bool EntityExtractor::tags(std::string_view language) const {
    return model_for(language) != nullptr;
}

std::vector<std::string> EntityExtractor::languages() const {
    std::vector<std::string> languages;
    for (const auto& model : models_) languages.push_back(model->language());
    return languages;
}

EntityExtractor::~EntityExtractor() = default;

const EntityExtractor& LazyEntityExtractor::get() const {
    std::call_once(loaded_, [this] { extractor_.emplace(file_); });
    return *extractor_;
}

EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

std::vector<Entity> EntityExtractor::extract(const Article& article) const {
    const ner::Model* model = model_for(article.language);
    if (model == nullptr) return {};
    const bool english = model->language() == "en";
    TaggedArticle a;
    add_text(*model, article.title, true, a);
    add_text(*model, article.subtitle, true, a);
    add_text(*model, article.body, false, a);
    ner::propagate_person_names(a.words, a.tags);
    // Headline mentions need the text to name them too, unless there is no text: a wire
    // brief is a headline alone ("TREASURY'S BAKER REITERATES OPPOSITION ...").
    const bool has_body = utf8::has_alnum(article.body);

    std::vector<ner::Mention> mentions;
    std::vector<std::uint8_t> codes;
    std::set<std::string, std::less<>> strong_people;
    std::set<std::string, std::less<>> name_parts;
    for (std::size_t s = 0; s < a.sentences.size(); ++s) {
        const auto& sent = a.sentences[s];
        auto chunks = ner::chunks(a.tags[s]);
        if (english) {
            join_title_chunks(chunks, a.words[s]);
            join_organisation_places(chunks, a.words[s]);
            join_company_forms(chunks, a.words[s]);
            join_partnerships(chunks, a.words[s]);
            join_connected_names(chunks, a.words[s]);
            split_joined_bodies(chunks, a.words[s]);
            split_office_holders(chunks, a.words[s]);
            if (a.headline[sent.text]) add_headline_speakers(chunks, a.words[s]);
        }
        join_gazetteer_places(chunks, a.words[s], model->gazetteer(), codes);
        const auto& tokens = a.tokens[sent.text];
        const auto& words = a.words[s];
        for (const auto& c : chunks) {
            ner::Mention m;
            m.kind = kTypeKinds[c.type];
            m.source = a.texts[sent.text];
            m.needs_support = a.headline[sent.text] && has_body;
            m.headline = a.headline[sent.text];
            // "President Obama" with the title left out of the chunk is a strong person
            // mention; so is "the Obama administration" (not "the Kabul administration").
            if (c.type == 0 && c.begin > 0 && ner::is_title_word(words[c.begin - 1]))
                m.strong = true;
            // A country's or province's name is no president's.
            constexpr std::uint8_t kRegion = (ner::kGazCountry | ner::kGazSubdivision) << 1;
            if (c.end - c.begin == 1 && c.end < words.size() && (codes[c.begin] & kRegion) == 0 &&
                (words[c.end] == "administration" || words[c.end] == "Administration")) {
                m.kind = EntityKind::person;
                m.strong = true;
            }
            m.tokens.assign(tokens.begin() + sent.begin + c.begin,
                            tokens.begin() + sent.begin + c.end);
            if (m.strong && m.kind == EntityKind::person) {
                std::uint32_t b = c.begin;
                while (b + 1 < c.end && ner::is_title_word(words[b])) ++b;
                strong_people.insert(entity_key(words[c.end - 1]));
                std::string full(words[b]);
                for (std::uint32_t i = b + 1; i < c.end; ++i) full.append(" ").append(words[i]);
                strong_people.insert(entity_key(full));
            }
            // "Standard and Poor's", "Duff and Phelps": a word followed by a possessive
            // or by "and" and a capitalised word is part of a longer name.
            if (c.end < words.size() &&
                (is_possessive_token(words[c.end]) ||
                 ((words[c.end] == "and" || words[c.end] == "&") && c.end + 1 < words.size() &&
                  is_capitalised(words[c.end + 1]))))
                name_parts.insert(entity_key(words[c.end - 1]));
            if (c.end - c.begin >= 2 && is_possessive_token(words[c.end - 1]))
                name_parts.insert(entity_key(words[c.end - 2]));
            mentions.push_back(std::move(m));
        }
    }
    auto entities = ner::normalize_mentions(mentions);
    if (english) {
        std::set<std::string, std::less<>> lower_case_words;
        for (const auto& sentence : a.words)
            for (const std::string_view w : sentence)
                if (!w.empty() && w.front() >= 'a' && w.front() <= 'z') lower_case_words.emplace(w);
        apply_name_lists(entities, model->gazetteer(), lower_case_words, name_parts);
        drop_italic_titles(entities, article.italic_phrases, model->gazetteer());
        expand_news_credits(entities, a.texts);
    }
    retype_places(entities, model->gazetteer(), strong_people);
    return entities;
}

std::filesystem::path default_model_path() {
    if (const char* env = std::getenv("NEWSINDEX_MODEL"); env && *env) return env;
    return shipped_data_file("ner.model");
}

}  // namespace newsindex
