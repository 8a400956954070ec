#include "common/story/fingerprint.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace newsindex::stories {

namespace {

// FNV-1a, 64 bits: stable across machines and runs, which story ids and band terms
// stored in an index must be.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// SplitMix64's finaliser: turns one shingle hash into the kHashes independent ones.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// The hash functions of the MinHash: multiply-add by odd constants. A shingle's hash is
// already well mixed, so this cheap family (one multiplication, which the compiler runs
// on several lanes at once) orders shingles as independently as a full mix would.
struct HashFunctions {
    std::array<std::uint64_t, kHashes> multipliers{};
    std::array<std::uint64_t, kHashes> addends{};
};
const HashFunctions kHashFunctions = [] {
    HashFunctions functions;
    for (std::size_t i = 0; i < kHashes; ++i) {
        functions.multipliers[i] = mix(2 * i + 1) | 1;
        functions.addends[i] = mix(2 * i + 2);
    }
    return functions;
}();

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// Lower-cased words; a number keeps its point, comma, slash or hyphen ("17.30",
// "1986/87", "7-3/8"), so that two figures differ as wholes.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool in_number = (c == '.' || c == ',' || c == '/' || c == '-') && !word.empty() &&
                               is_digit(static_cast<unsigned char>(word.back())) &&
                               i + 1 < text.size() &&
                               is_digit(static_cast<unsigned char>(text[i + 1]));
        if (in_number) {
            word += static_cast<char>(c);
        } else if (is_word_byte(c)) {
            word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> starts) {
    std::string lower;
    for (const char c : text.substr(0, 40))
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view view = lower;
    while (!view.empty() && (view.front() == '(' || view.front() == '[')) view.remove_prefix(1);
    return std::any_of(starts.begin(), starts.end(),
                       [&](std::string_view start) { return view.starts_with(start); });
}

// Credits, copyright lines and site furniture: whole paragraphs that outlets add or
// drop without changing the story.
bool is_boilerplate(std::string_view paragraph) {
    return starts_with_any(
        paragraph,
        {"reporting by", "writing by", "editing by", "additional reporting", "compiled by",
         "edited by", "copyright", "(c) ", "\xc2\xa9", "all rights reserved", "click here",
         "follow us", "sign up", "share this", "read more", "related:", "photo:", "contact:"});
}

// A byline on its own: "By Jane Smith", "By Jane Smith and John Doe, Reuters".
bool is_byline(std::string_view paragraph) {
    return starts_with_any(paragraph, {"by "}) && words_of(paragraph).size() <= 8;
}

// The length of a dateline opening the paragraph ("WASHINGTON, Feb 26 - ", "LONDON
// (Reuters) - "): words that all start with a capital, a digit or a parenthesis, then a
// dash. 0 when there is none.
std::size_t dateline_length(std::string_view paragraph) {
    for (const std::string_view dash : {" - ", " -- ", " \xe2\x80\x94 ", " \xe2\x80\x93 "}) {
        const auto at = paragraph.find(dash);
        if (at == std::string_view::npos || at > 80) continue;
        const std::string_view head = paragraph.substr(0, at);
        bool dateline = !head.empty();
        bool word_start = true;
        for (const unsigned char c : head) {
            if (c == ' ' || c == ',' || c == '\n') {
                word_start = true;
                continue;
            }
            if (word_start && c >= 'a' && c <= 'z') dateline = false;
            word_start = false;
        }
        if (dateline) return at + dash.size();
    }
    return 0;
}

}  // namespace

std::vector<std::string> story_paragraphs(std::string_view body) {
    std::vector<std::string> paragraphs;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find("\n\n", start);
        if (end == std::string_view::npos) end = body.size();
        std::string paragraph = trim(body.substr(start, end - start));
        start = end + 2;
        if (paragraph.empty() || is_boilerplate(paragraph)) continue;
        if (paragraphs.empty()) {
            if (is_byline(paragraph)) continue;
            paragraph = trim(std::string_view(paragraph).substr(dateline_length(paragraph)));
            if (paragraph.empty()) continue;
        }
        paragraphs.push_back(std::move(paragraph));
    }
    // Trailing credits too short to be news: "Reuter", "(AP)", "Staff".
    while (!paragraphs.empty() && words_of(paragraphs.back()).size() <= 3) paragraphs.pop_back();
    // Reuters' closing signature inside the last paragraph.
    if (!paragraphs.empty()) {
        std::string& last = paragraphs.back();
        for (const std::string_view sign : {"Reuters", "REUTER", "Reuter"})
            if (last.ends_with(sign)) {
                last.resize(last.size() - sign.size());
                last = trim(last);
                break;
            }
    }
    return paragraphs;
}

namespace {

// The words of a paragraph as hashes (FNV-1a of the lower-cased word, as words_of splits
// it), and whether each holds a digit: the fingerprint's hot loop, with no strings made.
struct WordHashes {
    std::vector<std::uint64_t> hashes;
    std::vector<bool> figures;
};

void hash_words(std::string_view text, WordHashes& out) {
    out.hashes.clear();
    out.figures.clear();
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    bool in_word = false, digit = false;
    unsigned char last = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        const bool in_number = (c == '.' || c == ',' || c == '/' || c == '-') && in_word &&
                               is_digit(last) && i + 1 < text.size() &&
                               is_digit(static_cast<unsigned char>(text[i + 1]));
        if (in_number || is_word_byte(c)) {
            if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
            hash = (hash ^ c) * 0x100000001b3ULL;
            digit = digit || is_digit(c);
            in_word = true;
            last = c;
        } else if (in_word) {
            out.hashes.push_back(hash);
            out.figures.push_back(digit);
            hash = 0xcbf29ce484222325ULL;
            in_word = digit = false;
        }
    }
    if (in_word) {
        out.hashes.push_back(hash);
        out.figures.push_back(digit);
    }
}

}  // namespace

std::optional<Fingerprint> fingerprint(std::string_view body) {
    std::vector<std::uint64_t> shingles;
    std::vector<std::uint16_t> figure_hashes;
    WordHashes words;
    for (const auto& paragraph : story_paragraphs(body)) {
        hash_words(paragraph, words);
        const auto& hashes = words.hashes;
        for (std::size_t i = 0; i < hashes.size(); ++i)
            if (words.figures[i])
                figure_hashes.push_back(static_cast<std::uint16_t>(mix(hashes[i])));
        // A paragraph shorter than a shingle is one shingle of its own.
        const std::size_t count = hashes.size() < kShingleWords ? (hashes.empty() ? 0 : 1)
                                                                : hashes.size() - kShingleWords + 1;
        for (std::size_t i = 0; i < count; ++i) {
            std::uint64_t hash = 0x9e3779b97f4a7c15ULL;
            for (std::size_t j = i; j < std::min(hashes.size(), i + kShingleWords); ++j)
                hash = mix(hash ^ hashes[j]);
            shingles.push_back(hash);
        }
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    std::sort(figure_hashes.begin(), figure_hashes.end());
    figure_hashes.erase(std::unique(figure_hashes.begin(), figure_hashes.end()),
                        figure_hashes.end());
    if (shingles.size() < kMinShingles) return std::nullopt;
    std::array<std::uint64_t, kHashes> mins;
    std::array<std::uint64_t, kKeys> argmins{};
    mins.fill(std::numeric_limits<std::uint64_t>::max());
    for (const std::uint64_t shingle : shingles) {
        for (std::size_t i = 0; i < kHashes; ++i)
            mins[i] = std::min(mins[i],
                               kHashFunctions.multipliers[i] * shingle + kHashFunctions.addends[i]);
    }
    // The shingles that are the first kKeys minima: found again, not tracked in the loop
    // above, so that it stays branch-free.
    for (const std::uint64_t shingle : shingles)
        for (std::size_t i = 0; i < kKeys; ++i)
            if (kHashFunctions.multipliers[i] * shingle + kHashFunctions.addends[i] == mins[i])
                argmins[i] = shingle;
    Fingerprint result;
    for (std::size_t i = 0; i < kHashes; ++i) result.mins[i] = static_cast<std::uint16_t>(mins[i]);
    for (const std::uint64_t shingle : argmins)
        result.keys.push_back(static_cast<std::uint32_t>(shingle >> 32));
    std::sort(result.keys.begin(), result.keys.end());
    result.keys.erase(std::unique(result.keys.begin(), result.keys.end()), result.keys.end());
    result.shingles = static_cast<std::uint16_t>(std::min<std::size_t>(shingles.size(), 0xffff));
    result.figures = std::move(figure_hashes);
    if (result.figures.size() > kFigures) {
        result.figures.resize(kFigures);
        result.all_figures = false;
    }
    return result;
}

double similarity(const Fingerprint& a, const Fingerprint& b) {
    std::size_t equal = 0;
    for (std::size_t i = 0; i < kHashes; ++i) equal += a.mins[i] == b.mins[i] ? 1 : 0;
    return static_cast<double>(equal) / static_cast<double>(kHashes);
}

double containment(const Fingerprint& a, const Fingerprint& b) {
    // |A ∩ B| = J (|A| + |B|) / (1 + J), of the smaller set.
    const double jaccard = similarity(a, b);
    const double shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard);
    return std::min(1.0, shared / std::max<double>(1, std::min(a.shingles, b.shingles)));
}

double figure_agreement(const Fingerprint& a, const Fingerprint& b) {
    // Both lists are the lowest hashes of their sets: compared up to the lower of their
    // last values, they are samples of one range.
    constexpr std::uint32_t kAll = 0x10000;
    const std::uint32_t limit =
        std::min(a.all_figures || a.figures.empty() ? kAll : a.figures.back(),
                 b.all_figures || b.figures.empty() ? kAll : b.figures.back());
    const auto in_range = [&](const std::vector<std::uint16_t>& figures) {
        return static_cast<std::size_t>(std::upper_bound(figures.begin(), figures.end(), limit) -
                                        figures.begin());
    };
    const std::size_t count_a = in_range(a.figures), count_b = in_range(b.figures);
    if (count_a == 0 || count_b == 0) return 1;
    std::size_t shared = 0;
    for (std::size_t i = 0, j = 0; i < count_a && j < count_b;) {
        if (a.figures[i] == b.figures[j]) {
            ++shared;
            ++i;
            ++j;
        } else if (a.figures[i] < b.figures[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return static_cast<double>(shared) / static_cast<double>(std::min(count_a, count_b));
}

double story_score(const Fingerprint& a, const Fingerprint& b) {
    const double score = containment(a, b);
    const bool short_body = std::min(a.shingles, b.shingles) < kShortShingles;
    if (score < (short_body ? kShortContainmentThreshold : kContainmentThreshold)) return 0;
    const double smaller = std::min(a.shingles, b.shingles),
                 larger = std::max(a.shingles, b.shingles);
    if (score * smaller < kLongerShareThreshold * larger) return 0;
    if (figure_agreement(a, b) < kFigureAgreement) return 0;
    return score;
}

std::vector<std::string> key_terms(const Fingerprint& fingerprint) {
    std::vector<std::string> keys;
    keys.reserve(fingerprint.keys.size());
    for (const std::uint32_t key : fingerprint.keys) {
        char text[7];
        std::snprintf(text, sizeof text, "%06x", static_cast<unsigned>(key >> 8));
        keys.emplace_back(text);
    }
    return keys;
}

namespace {

void put16(std::string& bytes, std::uint16_t value) {
    bytes += static_cast<char>(value >> 8);
    bytes += static_cast<char>(value & 0xff);
}

std::uint16_t get16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[at]) << 8) |
                                      static_cast<unsigned char>(bytes[at + 1]));
}

// The figure count's byte: the count, and this bit when the list is all of them.
constexpr unsigned char kAllFiguresBit = 0x80;

}  // namespace

std::string encode_signature(const Fingerprint& fingerprint) {
    std::string bytes;
    bytes.reserve(3 + 2 * (kHashes + fingerprint.figures.size()));
    put16(bytes, fingerprint.shingles);
    for (const std::uint16_t value : fingerprint.mins) put16(bytes, value);
    bytes += static_cast<char>(fingerprint.figures.size() |
                               (fingerprint.all_figures ? kAllFiguresBit : 0));
    for (const std::uint16_t figure : fingerprint.figures) put16(bytes, figure);
    return bytes;
}

std::optional<Fingerprint> decode_signature(std::string_view bytes) {
    constexpr std::size_t kFixed = 2 + 2 * kHashes + 1;
    if (bytes.size() < kFixed) return std::nullopt;
    const auto flags = static_cast<unsigned char>(bytes[kFixed - 1]);
    const std::size_t figures = flags & ~kAllFiguresBit;
    if (figures > kFigures || bytes.size() != kFixed + 2 * figures) return std::nullopt;
    Fingerprint result;
    result.shingles = get16(bytes, 0);
    for (std::size_t i = 0; i < kHashes; ++i) result.mins[i] = get16(bytes, 2 + 2 * i);
    result.all_figures = (flags & kAllFiguresBit) != 0;
    for (std::size_t i = 0; i < figures; ++i)
        result.figures.push_back(get16(bytes, kFixed + 2 * i));
    return result;
}

std::string story_id_for(std::string_view id_term) {
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(fnv1a(id_term)));
    return id;
}

}  // namespace newsindex::stories
