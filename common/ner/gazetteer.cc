#include "common/ner/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>

#include "common/ner/hashing.h"
#include "common/ner/text_norm.h"
#include "common/ner/tokenizer.h"

namespace newsindex::ner {

std::uint64_t gazetteer_key_start() {
    return kFnvOffset;
}

std::uint64_t gazetteer_key_add(std::uint64_t key, std::string_view word, bool first) {
    if (!first) key = fnv1a_byte(' ', key);
    for (const char c : word) key = fnv1a_byte(static_cast<unsigned char>(lower_ascii(c)), key);
    return key;
}

void Gazetteer::add(std::string_view name, std::uint8_t cls) {
    const auto tokens = tokenize(name);
    if (tokens.empty() || tokens.size() > kMaxPhraseTokens) return;
    std::uint64_t key = gazetteer_key_start();
    for (std::size_t i = 0; i < tokens.size(); ++i)
        key = gazetteer_key_add(key, tokens[i].text, i == 0);
    keys_.push_back(key);
    classes_.push_back(cls);
}

void Gazetteer::finalize() {
    std::vector<std::size_t> order(keys_.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
    std::vector<std::uint64_t> keys;
    std::vector<std::uint8_t> classes;
    for (const std::size_t i : order) {
        if (!keys.empty() && keys.back() == keys_[i]) {
            classes.back() |= classes_[i];
        } else {
            keys.push_back(keys_[i]);
            classes.push_back(classes_[i]);
        }
    }
    keys_ = std::move(keys);
    classes_ = std::move(classes);
}

void Gazetteer::assign(std::vector<std::uint64_t> keys, std::vector<std::uint8_t> classes) {
    keys_ = std::move(keys);
    classes_ = std::move(classes);
}

std::uint8_t Gazetteer::lookup(std::uint64_t key) const {
    const auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (it == keys_.end() || *it != key) return 0;
    return classes_[static_cast<std::size_t>(it - keys_.begin())];
}

void Gazetteer::match(std::span<const std::string_view> words,
                      std::vector<std::uint8_t>& codes) const {
    codes.assign(words.size(), 0);
    if (keys_.empty()) return;
    std::size_t i = 0;
    while (i < words.size()) {
        if (!looks_capitalized(words[i])) {
            ++i;
            continue;
        }
        std::uint64_t key = gazetteer_key_start();
        std::size_t best_len = 0;
        std::uint8_t best_cls = 0;
        const std::size_t max_len = std::min(kMaxPhraseTokens, words.size() - i);
        for (std::size_t len = 1; len <= max_len; ++len) {
            key = gazetteer_key_add(key, words[i + len - 1], len == 1);
            if (const std::uint8_t cls = lookup(key)) {
                best_len = len;
                best_cls = cls;
            }
        }
        if (best_len == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < best_len; ++k)
            codes[i + k] = static_cast<std::uint8_t>((best_cls << 1) | (k > 0 ? 1 : 0));
        i += best_len;
    }
}

namespace {

// Names like "Korea, Republic of" are catalogue forms nobody writes in running text.
bool usable_name(const std::string& name) {
    return !name.empty() && name.find(',') == std::string::npos;
}

std::size_t add_json_names(Gazetteer& gaz, const std::filesystem::path& file, const char* root,
                           std::uint8_t cls) {
    std::ifstream in(file);
    if (!in) return 0;
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.contains(root)) return 0;
    std::size_t n = 0;
    for (const auto& entry : doc[root]) {
        for (const char* field : {"name", "common_name", "official_name"}) {
            if (!entry.contains(field) || !entry[field].is_string()) continue;
            const auto name = entry[field].get<std::string>();
            if (!usable_name(name)) continue;
            gaz.add(name, cls);
            ++n;
        }
    }
    return n;
}

std::uint32_t read_u32(const std::string& data, std::size_t at) {
    if (at + 4 > data.size()) return 0;
    return static_cast<std::uint32_t>(static_cast<unsigned char>(data[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 3])) << 24;
}

// The English geonames.mo maps GeoNames ids to English names: numeric ids are cities,
// "XX" country codes are countries, "XX.NN" admin codes are subdivisions.
Gazetteer::SourceCounts add_geonames(Gazetteer& gaz, const std::filesystem::path& file) {
    Gazetteer::SourceCounts counts;
    std::ifstream in(file, std::ios::binary);
    if (!in) return counts;
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string data = ss.str();
    if (read_u32(data, 0) != 0x950412deu) return counts;  // little-endian .mo magic
    const std::uint32_t n = read_u32(data, 8);
    const std::uint32_t ids = read_u32(data, 12);
    const std::uint32_t strs = read_u32(data, 16);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t ilen = read_u32(data, ids + 8 * i);
        const std::uint32_t ioff = read_u32(data, ids + 8 * i + 4);
        const std::uint32_t slen = read_u32(data, strs + 8 * i);
        const std::uint32_t soff = read_u32(data, strs + 8 * i + 4);
        if (static_cast<std::size_t>(ioff) + ilen > data.size() ||
            static_cast<std::size_t>(soff) + slen > data.size() || ilen == 0)
            continue;
        const std::string id = data.substr(ioff, ilen);
        const std::string name = data.substr(soff, slen);
        if (!usable_name(name)) continue;
        if (std::all_of(id.begin(), id.end(), digit_ascii)) {
            gaz.add(name, kGazCity);
            ++counts.cities;
        } else if (id.find('.') == std::string::npos) {
            gaz.add(name, kGazCountry);
            ++counts.countries;
        } else {
            gaz.add(name, kGazSubdivision);
            ++counts.subdivisions;
        }
    }
    return counts;
}

}  // namespace

Gazetteer::SourceCounts Gazetteer::add_system_sources(const std::filesystem::path& iso_dir,
                                                      const std::filesystem::path& geonames_mo) {
    SourceCounts counts = add_geonames(*this, geonames_mo);
    counts.countries += add_json_names(*this, iso_dir / "iso_3166-1.json", "3166-1", kGazCountry);
    counts.countries += add_json_names(*this, iso_dir / "iso_3166-3.json", "3166-3", kGazCountry);
    counts.subdivisions +=
        add_json_names(*this, iso_dir / "iso_3166-2.json", "3166-2", kGazSubdivision);
    finalize();
    return counts;
}

}  // namespace newsindex::ner
