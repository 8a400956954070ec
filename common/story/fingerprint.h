// The fingerprint that tells versions of one story apart from different stories:
// MinHash over word shingles of the body, with a few of its minima as the keys that find
// candidate versions cheaply.
//
// Two bodies are versions of one story when the shorter one's shingles are mostly in
// the longer one (containment, estimated from the MinHash values and the two shingle
// counts) and the figures they quote agree. Containment, not Jaccard similarity: a
// version that adds or drops paragraphs keeps its story. Shingles never cross a
// paragraph boundary, so moving paragraphs changes nothing; boilerplate (a dateline such
// as "WASHINGTON, Feb 26 -", a byline, "Reporting by ..." and other credits, copyright
// lines, a closing "Reuter") is left out first. The title is not part of it: a new
// headline never splits a story.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::stories {

// Words per shingle: long enough that the common phrases of a topic ("oil prices rose
// on") are not shared by its different stories, short enough that rewording a sentence
// keeps most of an article's shingles.
inline constexpr std::size_t kShingleWords = 4;
// MinHash values kept per article: what similarity is estimated from (the standard
// error at containment 0.5 is about 0.07).
inline constexpr std::size_t kHashes = 48;
// Candidate keys per article: the shingles that are the minima of the first kKeys hash
// functions. Two bodies whose shingle sets have Jaccard similarity J share a key with
// probability 1 - (1 - J)^kKeys: 0.83 at J = 0.2 (containment 0.33 between bodies of one
// length), 0.94 at J = 0.3, 0.03 at J = 0.004; a chain of versions finds its story
// through any of them. Fewer keys make a smaller index and a faster build; more find
// versions that share less.
inline constexpr std::size_t kKeys = 8;
// The containment (the share of the shorter body's shingles the other one holds) from
// which two bodies are one story. Versions with a new headline, paragraphs added, dropped
// or moved and up to 30% of their words rewritten stay above it; two reports on one
// topic, even of one place and week, share far fewer shingles (bench/RESULTS.md).
inline constexpr double kContainmentThreshold = 0.3;
// The share of the longer body's shingles the shorter one must hold too: a long article
// that quotes a paragraph of a short one is not a version of it.
inline constexpr double kLongerShareThreshold = 0.25;
// Short bodies must agree more: notices worded alike for every company (dividends,
// contract awards, a central bank's daily forecast) differ in a name or a figure, a few
// shingles of the shorter body. Below kShortShingles shingles the threshold is
// kShortContainmentThreshold.
inline constexpr std::size_t kShortShingles = 40;
inline constexpr double kShortContainmentThreshold = 0.6;
// Bodies with fewer distinct shingles than this (about 23 words) are too short to tell a
// version from a look-alike; they get no fingerprint and each stays a story of its own.
inline constexpr std::size_t kMinShingles = 20;
// Figures (words with a digit) kept per article, the lowest by hash: two bodies whose
// figures mostly differ are different stories however alike their words (templates).
inline constexpr std::size_t kFigures = 12;
inline constexpr double kFigureAgreement = 0.6;

struct Fingerprint {
    // The lowest 16 bits of each MinHash value: what the index stores, and all that
    // comparing needs (two different values agree by chance once in 65,536).
    std::array<std::uint16_t, kHashes> mins{};
    // The candidate keys: the top 32 bits of the shingle that is the minimum of each of
    // the first kKeys hash functions, sorted, without repeats. Not in the signature.
    std::vector<std::uint32_t> keys;
    // Distinct shingles of the body (at most 65,535 counted).
    std::uint16_t shingles = 0;
    // Hashes of the body's distinct figures, the kFigures lowest, ascending.
    std::vector<std::uint16_t> figures;
    // Whether `figures` holds every figure of the body.
    bool all_figures = true;
};

// The body's paragraphs with boilerplate left out, as the fingerprint reads them.
std::vector<std::string> story_paragraphs(std::string_view body);

// The fingerprint of an article body; none when it is too short (kMinShingles).
std::optional<Fingerprint> fingerprint(std::string_view body);

// The estimated Jaccard similarity of the shingle sets of two bodies, from 0 to 1.
double similarity(const Fingerprint& a, const Fingerprint& b);
// The estimated share of the smaller shingle set that the other one holds, from 0 to 1.
double containment(const Fingerprint& a, const Fingerprint& b);
// The share of the figures of the body with fewer of them that the other quotes too
// (1 when either quotes fewer than two).
double figure_agreement(const Fingerprint& a, const Fingerprint& b);
// How alike two bodies are as versions of one story: their containment, or 0 when they
// are not versions (below the threshold for their length, or figures that disagree).
double story_score(const Fingerprint& a, const Fingerprint& b);
inline bool same_story(const Fingerprint& a, const Fingerprint& b) {
    return story_score(a, b) > 0;
}

// The candidate keys as text: 6 hex digits each (the top 24 bits of the key).
std::vector<std::string> key_terms(const Fingerprint& fingerprint);

// The fingerprint as the index stores it (the shingle count, the MinHash values and the
// figures, 2 bytes each, big-endian), and back; decoding anything else gives none. The
// keys are not stored: comparing needs none.
std::string encode_signature(const Fingerprint& fingerprint);
std::optional<Fingerprint> decode_signature(std::string_view bytes);

// A story id for a story that starts with an article: 16 hex digits hashed from the
// article's unique term, so it depends on nothing else in the index.
std::string story_id_for(std::string_view id_term);

}  // namespace newsindex::stories
