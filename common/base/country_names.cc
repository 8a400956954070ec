#include "common/base/country_names.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "common/base/entity_key.h"
#include "common/base/place_names.h"

namespace newsindex {

namespace {

// Where Debian's iso-codes puts its data and its translations.
const std::filesystem::path kIsoCodesJson = "/usr/share/iso-codes/json/iso_3166-1.json";
const std::filesystem::path kLocales = "/usr/share/locale";

// The languages whose country names are read: those the index stems, and the CJK ones.
constexpr std::string_view kLocaleNames[] = {
    "ar", "ca", "cs",    "da", "de", "el", "es", "eu", "fi", "fr",    "ga",
    "hu", "hy", "id",    "it", "ja", "ko", "lt", "nb", "ne", "nl",    "nn",
    "pl", "pt", "pt_BR", "ro", "ru", "sv", "ta", "tr", "uk", "zh_CN", "zh_TW"};

std::uint32_t word_at(const std::string& bytes, std::size_t offset, bool swapped) {
    std::uint32_t word = 0;
    if (offset + 4 > bytes.size()) return 0;
    std::memcpy(&word, bytes.data() + offset, 4);
    if (swapped)
        word = (word >> 24) | ((word >> 8) & 0xFF00) | ((word << 8) & 0xFF0000) | (word << 24);
    return word;
}

// English names as iso-codes spells them ("Korea, Republic of"), in the words news uses
// ("South Korea", and the project's own canonical names: "Britain").
std::unordered_map<std::string, std::string> english_names() {
    std::unordered_map<std::string, std::string> out;
    std::ifstream in(kIsoCodesJson);
    if (!in) return out;
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.contains("3166-1")) return out;
    for (const auto& country : json["3166-1"]) {
        std::string english = country.value("common_name", country.value("name", ""));
        if (const auto canonical = canonical_place_name(entity_key(english)))
            english = std::string(*canonical);
        for (const char* field : {"name", "official_name", "common_name"})
            if (country.contains(field) && country[field].is_string())
                out.emplace(country[field].get<std::string>(), english);
    }
    return out;
}

template <typename Add>
bool read_mo_catalogue(const std::filesystem::path& path, Add&& add);

std::unordered_map<std::string, std::string> load_translations() {
    std::unordered_map<std::string, std::string> out;
    const auto english = english_names();
    if (english.empty()) return out;
    std::unordered_map<std::string, bool> ambiguous;
    for (const auto locale : kLocaleNames) {
        read_mo_catalogue(kLocales / std::string(locale) / "LC_MESSAGES" / "iso_3166-1.mo",
                          [&](std::string_view msgid, std::string_view msgstr) {
                              const auto it = english.find(std::string(msgid));
                              if (it == english.end() || msgstr.empty()) return;
                              const std::string key = entity_key(msgstr);
                              if (key == entity_key(it->second)) return;
                              // One spelling for two countries names neither.
                              const auto [at, added] = out.emplace(key, it->second);
                              if (!added && at->second != it->second) ambiguous[key] = true;
                          });
    }
    for (const auto& [key, _] : ambiguous) out.erase(key);
    return out;
}

// The translations of one gettext catalogue (.mo): calls add(msgid, msgstr) for each.
// False when the file cannot be read or is no catalogue.
template <typename Add>
bool read_mo_catalogue(const std::filesystem::path& path, Add&& add) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    constexpr std::uint32_t kMagic = 0x950412de;
    const bool swapped = word_at(bytes, 0, false) != kMagic;
    if (word_at(bytes, 0, swapped) != kMagic) return false;
    const std::uint32_t count = word_at(bytes, 8, swapped);
    const std::uint32_t originals = word_at(bytes, 12, swapped);
    const std::uint32_t translations = word_at(bytes, 16, swapped);
    const auto string_at = [&](std::uint32_t table, std::uint32_t i) -> std::string_view {
        const std::size_t length = word_at(bytes, table + 8ULL * i, swapped);
        const std::size_t offset = word_at(bytes, table + 8ULL * i + 4, swapped);
        if (offset > bytes.size() || length > bytes.size() - offset) return {};
        return std::string_view(bytes).substr(offset, length);
    };
    for (std::uint32_t i = 0; i < count; ++i)
        add(string_at(originals, i), string_at(translations, i));
    return true;
}

}  // namespace

std::optional<std::string> english_country_name(std::string_view key) {
    static const std::unordered_map<std::string, std::string> translations = load_translations();
    const auto it = translations.find(std::string(key));
    if (it == translations.end()) return std::nullopt;
    return it->second;
}

}  // namespace newsindex
