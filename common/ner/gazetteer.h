// Place-name gazetteer: lower-cased token sequences ("bosnia and herzegovina") with the
// lists they come from. Baked into the model file, so tagging needs no package data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace newsindex::ner {

// Bit flags: one name can be a country and a city ("Singapore").
enum GazetteerClass : std::uint8_t {
    kGazCountry = 1,
    kGazSubdivision = 2,
    kGazCity = 4,
};

class Gazetteer {
public:
    static constexpr std::size_t kMaxPhraseTokens = 6;

    // Tokenises `name` like running text and adds it. Names longer than
    // kMaxPhraseTokens tokens are skipped.
    void add(std::string_view name, std::uint8_t classes);
    // Sorts and merges; call once after the last add().
    void finalize();

    // Per word: 0 when no match covers it, else (classes << 1) | inside, where inside is
    // 0 on the first word of the match. Longest match wins, left to right; matches start
    // only at capitalised words.
    void match(std::span<const std::string_view> words, std::vector<std::uint8_t>& codes) const;

    std::span<const std::uint64_t> keys() const { return keys_; }
    std::span<const std::uint8_t> classes() const { return classes_; }
    std::size_t size() const { return keys_.size(); }
    void assign(std::vector<std::uint64_t> keys, std::vector<std::uint8_t> classes);

    // Countries (ISO 3166-1 and -3), subdivisions (ISO 3166-2) from iso-codes JSON, and
    // city names from the English GeoNames catalogue shipped by libgeonames-common.
    // Missing sources are skipped; returns how many names were read from each.
    struct SourceCounts {
        std::size_t countries = 0, subdivisions = 0, cities = 0;
    };
    SourceCounts add_system_sources(const std::filesystem::path& iso_codes_json_dir,
                                    const std::filesystem::path& geonames_mo_file);

private:
    std::uint8_t lookup(std::uint64_t key) const;
    std::vector<std::uint64_t> keys_;  // sorted, unique
    std::vector<std::uint8_t> classes_;
};

// Hash of one lower-cased token sequence, continued word by word.
std::uint64_t gazetteer_key_start();
std::uint64_t gazetteer_key_add(std::uint64_t key, std::string_view word, bool first);

}  // namespace newsindex::ner
