#include "common/ner/model.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <system_error>

#include "common/base/error.h"
#include "common/base/language_code.h"
#include "common/ner/features.h"
#include "common/ner/hashing.h"

namespace newsindex::ner {

static_assert(std::endian::native == std::endian::little,
              "the model file is little-endian and read with memcpy");

namespace {

constexpr char kMagic[8] = {'N', 'X', 'N', 'E', 'R', 'M', 'D', 'L'};
constexpr std::size_t kLanguageBytes = 8;
// Version 2's header; version 3 adds the language after the version.
constexpr std::size_t kHeaderBytesV2 = 8 + 8 * 4 + 4 + 4 * kNumTags + 4 * kNumTags * kNumTags;

Error model_error(const std::filesystem::path& file, const std::string& why,
                  ErrorKind kind = ErrorKind::corrupt) {
    return Error(kind, file.string() + ": " + why);
}

template <typename T>
void put(std::string& buf, const T& v) {
    buf.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
T get(const std::string& buf, std::size_t& at) {
    T v;
    std::memcpy(&v, buf.data() + at, sizeof(T));
    at += sizeof(T);
    return v;
}

}  // namespace

Model::Model(std::uint32_t hash_bits, float scale, std::vector<std::int16_t> weights,
             const Transitions& transitions, Gazetteer gazetteer, WordClusters clusters,
             std::string language)
    : hash_bits_(hash_bits),
      scale_(scale),
      weights_(std::move(weights)),
      transitions_(transitions),
      gazetteer_(std::move(gazetteer)),
      clusters_(std::move(clusters)),
      language_(std::move(language)) {
    if (!is_language_code(language_))
        throw Error(ErrorKind::bad_input, "not a language code: '" + language_ + "'");
}

void Model::save(const std::filesystem::path& file) const {
    std::string buf;
    buf.reserve(kHeaderBytesV2 + kLanguageBytes + weights_.size() * 2 + gazetteer_.size() * 9 + 8);
    buf.append(kMagic, 8);
    put(buf, kModelVersion);
    std::string language = language_;
    language.resize(kLanguageBytes, '\0');
    buf.append(language);
    put(buf, hash_bits_);
    put(buf, static_cast<std::uint32_t>(kNumTags));
    put(buf, static_cast<std::uint32_t>(kNumFeatures));
    put(buf, static_cast<std::uint32_t>(gazetteer_.size()));
    put(buf, static_cast<std::uint32_t>(clusters_.size()));
    put(buf, clusters_.num_fine());
    put(buf, static_cast<std::uint32_t>(clusters_.case_keys().size()));
    put(buf, scale_);
    for (const float s : transitions_.start) put(buf, s);
    for (const auto& row : transitions_.trans)
        for (const float s : row) put(buf, s);
    buf.append(reinterpret_cast<const char*>(weights_.data()), weights_.size() * 2);
    for (const auto k : gazetteer_.keys()) put(buf, k);
    for (const auto c : gazetteer_.classes()) put(buf, c);
    for (const auto k : clusters_.keys()) put(buf, k);
    for (const auto f : clusters_.fine()) put(buf, f);
    for (const auto m : clusters_.mid_of_fine()) put(buf, m);
    for (const auto c : clusters_.coarse_of_fine()) put(buf, c);
    for (const auto k : clusters_.case_keys()) put(buf, k);
    for (const auto b : clusters_.case_buckets()) put(buf, b);
    put(buf, checksum(buf.data(), buf.size()));

    // Write to a temporary and rename, so a crash never leaves a half-written model.
    const auto tmp = std::filesystem::path(file.string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw model_error(file, "cannot open for writing", ErrorKind::io);
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (!out) throw model_error(file, "write failed", ErrorKind::io);
    }
    std::filesystem::rename(tmp, file);
}

Model Model::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) {
        std::error_code ec;
        throw model_error(file, "cannot open NER model",
                          std::filesystem::exists(file, ec) ? ErrorKind::io : ErrorKind::not_found);
    }
    const auto size = static_cast<std::size_t>(in.tellg());
    std::string buf(size, '\0');
    in.seekg(0);
    if (!in.read(buf.data(), static_cast<std::streamsize>(size)))
        throw model_error(file, "cannot read NER model", ErrorKind::io);
    if (size < kHeaderBytesV2 + 8 || std::memcmp(buf.data(), kMagic, 8) != 0)
        throw model_error(file, "not a newsindex NER model (bad magic)");
    std::size_t at = 8;
    const auto version = get<std::uint32_t>(buf, at);
    if (version != kModelVersion && version != 2)
        throw model_error(file, "unsupported NER model version " + std::to_string(version),
                          ErrorKind::incompatible);
    std::string language = "en";
    std::size_t header_bytes = kHeaderBytesV2;
    if (version >= 3) {
        if (size < kHeaderBytesV2 + kLanguageBytes + 8)
            throw model_error(file, "truncated or corrupt NER model");
        language.assign(buf.data() + at, kLanguageBytes);
        language.resize(language.find('\0') == std::string::npos ? language.size()
                                                                 : language.find('\0'));
        at += kLanguageBytes;
        header_bytes += kLanguageBytes;
    }
    const auto hash_bits = get<std::uint32_t>(buf, at);
    const auto num_tags = get<std::uint32_t>(buf, at);
    const auto num_features = get<std::uint32_t>(buf, at);
    const auto gaz_size = get<std::uint32_t>(buf, at);
    const auto cluster_words = get<std::uint32_t>(buf, at);
    const auto fine_clusters = get<std::uint32_t>(buf, at);
    const auto case_words = get<std::uint32_t>(buf, at);
    if (fine_clusters >= ClusterIds::kNoCluster)
        throw model_error(file, "NER model header does not match this program");
    if (hash_bits < 8 || hash_bits > 26 || num_tags != kNumTags || num_features != kNumFeatures)
        throw model_error(file, "NER model header does not match this program");
    const std::size_t weight_count = (std::size_t{1} << hash_bits) * kTagStride;
    const std::size_t expected = header_bytes + weight_count * 2 + std::size_t{gaz_size} * 9 +
                                 std::size_t{cluster_words} * 10 + std::size_t{fine_clusters} * 4 +
                                 std::size_t{case_words} * 9 + 8;
    if (size != expected)
        throw model_error(file, "truncated or corrupt NER model (size " + std::to_string(size) +
                                    ", expected " + std::to_string(expected) + ")");
    std::uint64_t stored;
    std::memcpy(&stored, buf.data() + size - 8, 8);
    if (stored != checksum(buf.data(), size - 8))
        throw model_error(file, "corrupt NER model (checksum mismatch)");
    if (!is_language_code(language))
        throw model_error(file, "corrupt NER model (no language code)");

    const auto scale = get<float>(buf, at);
    Transitions t;
    for (float& s : t.start) s = get<float>(buf, at);
    for (auto& row : t.trans)
        for (float& s : row) s = get<float>(buf, at);
    std::vector<std::int16_t> weights(weight_count);
    std::memcpy(weights.data(), buf.data() + at, weight_count * 2);
    at += weight_count * 2;
    // The arrays after the weights; empty ones copy nothing (no memcpy to a null data()).
    auto array = [&]<typename T>(std::size_t count, T) {
        std::vector<T> v(count);
        if (count > 0) std::memcpy(v.data(), buf.data() + at, count * sizeof(T));
        at += count * sizeof(T);
        return v;
    };
    auto keys = array(gaz_size, std::uint64_t{});
    auto classes = array(gaz_size, std::uint8_t{});
    Gazetteer gaz;
    gaz.assign(std::move(keys), std::move(classes));
    auto cluster_keys = array(cluster_words, std::uint64_t{});
    auto fine = array(cluster_words, std::uint16_t{});
    auto mid = array(fine_clusters, std::uint16_t{});
    auto coarse = array(fine_clusters, std::uint16_t{});
    auto case_keys = array(case_words, std::uint64_t{});
    auto case_buckets = array(case_words, std::uint8_t{});
    WordClusters clusters;
    try {
        clusters.assign(std::move(cluster_keys), std::move(fine), fine_clusters, std::move(mid),
                        std::move(coarse));
        clusters.assign_case(std::move(case_keys), std::move(case_buckets));
    } catch (const std::invalid_argument& e) {
        throw model_error(file, std::string("corrupt NER model (") + e.what() + ")");
    }
    return Model(hash_bits, scale, std::move(weights), t, std::move(gaz), std::move(clusters),
                 std::move(language));
}

void Model::tag(std::span<const std::string_view> words, std::vector<Tag>& out) const {
    thread_local FeatureScratch scratch;
    thread_local std::vector<std::uint32_t> features;
    thread_local std::vector<float> emissions;
    thread_local std::vector<float> vscore;
    thread_local std::vector<std::uint8_t> vback;
    extract_features(words, gazetteer_, clusters_, hash_bits_, scratch, features);
    const std::size_t n = words.size();
    emissions.resize(n * kTagStride);
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t acc[kTagStride] = {};
        const std::uint32_t* f = &features[i * kNumFeatures];
        for (int k = 0; k < kNumFeatures; ++k) {
            const std::int16_t* row = &weights_[std::size_t{f[k]} * kTagStride];
            for (int y = 0; y < kTagStride; ++y) acc[y] += row[y];
        }
        for (int y = 0; y < kTagStride; ++y)
            emissions[i * kTagStride + y] = static_cast<float>(acc[y]) * scale_;
    }
    viterbi(emissions, transitions_, out, vscore, vback);
}

}  // namespace newsindex::ner
