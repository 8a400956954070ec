#include "common/index/facet_columns.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>
#include <unordered_map>

#include "common/base/atomic_file.h"
#include "common/base/error.h"
#include "common/index/facet_values.h"
#include "common/index/schema.h"
#include "common/index/value_stream.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

// "NIFACET" and the format's version; a file of another version reads as stale.
constexpr std::uint64_t kMagic = 0x0254454341464e49ULL;  // "NIFACET\x02", little-endian

// The fixed start of the file. Positions are byte offsets from the start of the file,
// each a multiple of 8, so that the arrays they point to are aligned.
struct Header {
    std::uint64_t magic = kMagic;
    std::uint64_t file_size = 0;
    std::uint64_t revision = 0;
    std::uint64_t last_docid = 0;
    char uuid[64] = {};
    struct Dictionary {
        std::uint64_t count = 0;
        std::uint64_t offsets = 0;  // count + 1 u32
        std::uint64_t names = 0;
        std::uint64_t names_size = 0;
        std::uint64_t article_counts = 0;  // count u32
    } dictionaries[kEntityKinds.size()];
    std::uint64_t value_offsets = 0;  // last_docid + 2 u32
    std::uint64_t values = 0;         // values_size u32
    std::uint64_t values_size = 0;
    std::uint64_t days = 0;  // last_docid + 1 u32
    std::uint64_t first_day = 0;
    std::uint64_t last_day = 0;
};

std::string uuid_of(const Xapian::Database& db) {
    std::string uuid = db.get_uuid();
    if (uuid.size() >= sizeof Header::uuid) uuid.resize(sizeof Header::uuid - 1);
    return uuid;
}

// --- Writing ---------------------------------------------------------------------------

// The file's bytes, section after section, each section starting at a multiple of 8.
class FileImage {
public:
    FileImage() : bytes_(sizeof(Header), '\0') {}

    template <typename T>
    std::uint64_t append(std::span<const T> items) {
        return append_bytes(items.data(), items.size_bytes());
    }
    std::uint64_t append_bytes(const void* data, std::size_t size) {
        bytes_.resize((bytes_.size() + 7) & ~std::size_t{7}, '\0');
        const std::uint64_t at = bytes_.size();
        bytes_.append(static_cast<const char*>(data), size);
        return at;
    }
    std::string finish(Header header) {
        bytes_.resize((bytes_.size() + 7) & ~std::size_t{7}, '\0');
        header.file_size = bytes_.size();
        std::memcpy(bytes_.data(), &header, sizeof header);
        return std::move(bytes_);
    }

private:
    std::string bytes_;
};

// A kind's names as they are met, then sorted: ordinals are handed out in order of first
// appearance and renumbered into name order at the end.
struct DictionaryBuilder {
    std::unordered_map<std::string, std::uint32_t> ordinals;
    std::vector<std::string_view> names;  // by first-appearance ordinal
    std::vector<std::uint32_t> article_counts;

    std::uint32_t intern(std::string_view name) {
        const auto [it, added] =
            ordinals.try_emplace(std::string(name), static_cast<std::uint32_t>(names.size()));
        if (added) {
            names.push_back(it->first);
            article_counts.push_back(0);
        }
        ++article_counts[it->second];
        return it->second;
    }
    // sorted_ordinal[first-appearance ordinal]
    std::vector<std::uint32_t> sort_order() const {
        std::vector<std::uint32_t> by_name(names.size());
        std::iota(by_name.begin(), by_name.end(), 0);
        std::sort(by_name.begin(), by_name.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
        std::vector<std::uint32_t> sorted(names.size());
        for (std::uint32_t i = 0; i < by_name.size(); ++i) sorted[by_name[i]] = i;
        return sorted;
    }
};

// Each document's ordinals (first-appearance numbering), per kind.
struct DocumentValues {
    Xapian::docid did = 0;
    std::array<std::vector<std::uint32_t>, kEntityKinds.size()> ordinals;
};

std::string columns_image(const Xapian::Database& db) {
    const Xapian::docid last = db.get_lastdocid();
    std::array<DictionaryBuilder, kEntityKinds.size()> dictionaries;
    std::vector<DocumentValues> documents;
    documents.reserve(db.get_doccount());
    for (auto it = db.valuestream_begin(schema::kEntityFacetsSlot);
         it != db.valuestream_end(schema::kEntityFacetsSlot); ++it) {
        DocumentValues& doc = documents.emplace_back();
        doc.did = it.get_docid();
        for_each_packed_facet(*it, [&](EntityKind kind, std::string_view name) {
            const auto k = static_cast<std::size_t>(kind);
            doc.ordinals[k].push_back(dictionaries[k].intern(name));
        });
    }

    FileImage image;
    Header header;
    header.revision = db.get_revision();
    header.last_docid = last;
    const std::string uuid = uuid_of(db);
    std::memcpy(header.uuid, uuid.data(), uuid.size());

    std::array<std::vector<std::uint32_t>, kEntityKinds.size()> renumber;
    for (const EntityKind kind : kEntityKinds) {
        const auto k = static_cast<std::size_t>(kind);
        const DictionaryBuilder& dictionary = dictionaries[k];
        renumber[k] = dictionary.sort_order();
        const std::size_t count = dictionary.names.size();
        std::vector<std::string_view> sorted(count);
        std::vector<std::uint32_t> counts(count);
        for (std::size_t i = 0; i < count; ++i) {
            sorted[renumber[k][i]] = dictionary.names[i];
            counts[renumber[k][i]] = dictionary.article_counts[i];
        }
        std::string names;
        std::vector<std::uint32_t> offsets{0};
        for (const std::string_view name : sorted) {
            names += name;
            offsets.push_back(static_cast<std::uint32_t>(names.size()));
        }
        auto& entry = header.dictionaries[k];
        entry.count = count;
        entry.offsets = image.append(std::span<const std::uint32_t>(offsets));
        entry.names = image.append_bytes(names.data(), names.size());
        entry.names_size = names.size();
        entry.article_counts = image.append(std::span<const std::uint32_t>(counts));
    }

    // Values in one numbering: each kind's ordinals follow the kinds before it.
    std::array<std::uint32_t, kEntityKinds.size()> base{};
    for (std::size_t k = 1; k < kEntityKinds.size(); ++k)
        base[k] = base[k - 1] + static_cast<std::uint32_t>(dictionaries[k - 1].names.size());
    std::vector<std::uint32_t> values;
    std::vector<std::uint32_t> value_offsets(std::size_t{last} + 2, 0);
    std::size_t next = 0;
    for (Xapian::docid did = 1; did <= last; ++did) {
        value_offsets[did] = static_cast<std::uint32_t>(values.size());
        if (next < documents.size() && documents[next].did == did) {
            for (std::size_t k = 0; k < kEntityKinds.size(); ++k)
                for (const std::uint32_t ordinal : documents[next].ordinals[k])
                    values.push_back(base[k] + renumber[k][ordinal]);
            ++next;
        }
    }
    value_offsets[std::size_t{last} + 1] = static_cast<std::uint32_t>(values.size());
    if (values.size() >= UINT32_MAX)
        throw Error(ErrorKind::io, "too many facet values for facet columns");
    header.value_offsets = image.append(std::span<const std::uint32_t>(value_offsets));
    header.values = image.append(std::span<const std::uint32_t>(values));
    header.values_size = values.size();

    std::vector<std::uint32_t> days(std::size_t{last} + 1, 0);
    std::uint32_t first_day = UINT32_MAX, last_day = 0;
    for (auto it = db.valuestream_begin(schema::kDateSlot);
         it != db.valuestream_end(schema::kDateSlot); ++it) {
        const auto date = parse_compact_date(*it);
        if (!date || it.get_docid() > last) continue;
        const std::uint32_t day = day_number(*date);
        days[it.get_docid()] = day;
        first_day = std::min(first_day, day);
        last_day = std::max(last_day, day);
    }
    header.days = image.append(std::span<const std::uint32_t>(days));
    header.first_day = first_day == UINT32_MAX ? 0 : first_day;
    header.last_day = last_day;
    return image.finish(header);
}

// --- Reading ---------------------------------------------------------------------------

// A read-only mapping of a whole file, unmapped with its owner.
struct Mapping {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    static std::optional<Mapping> of(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return std::nullopt;
        struct stat st {};
        std::optional<Mapping> mapping;
        if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(sizeof(Header))) {
            void* data =
                ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
            if (data != MAP_FAILED)
                mapping = Mapping{static_cast<const std::uint8_t*>(data),
                                  static_cast<std::size_t>(st.st_size)};
        }
        ::close(fd);
        return mapping;
    }
};

// The `count` u32 at `position`, if they lie inside the file.
std::optional<std::span<const std::uint32_t>> u32s(const Mapping& file, std::uint64_t position,
                                                   std::uint64_t count) {
    if (position % 8 != 0 || position > file.size || count > (file.size - position) / 4)
        return std::nullopt;
    return std::span(reinterpret_cast<const std::uint32_t*>(file.data + position),
                     static_cast<std::size_t>(count));
}

std::optional<std::string_view> bytes_at(const Mapping& file, std::uint64_t position,
                                         std::uint64_t size) {
    if (position > file.size || size > file.size - position) return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(file.data + position),
                            static_cast<std::size_t>(size));
}

}  // namespace

std::uint32_t day_number(const Date& date) {
    return static_cast<std::uint32_t>(days_between(kFirstDay, date) + 1);
}

std::optional<Date> date_of_day_number(std::uint32_t day) {
    if (day == 0) return std::nullopt;
    return add_days(kFirstDay, static_cast<long>(day) - 1);
}

std::shared_ptr<const FacetColumns> FacetColumns::open(const std::filesystem::path& folder,
                                                       const Xapian::Database& db) {
    const auto file = Mapping::of(folder / kFacetColumnsFile);
    if (!file) return nullptr;
    auto columns = std::make_shared<FacetColumns>(Private{});
    columns->data_ = file->data;
    columns->size_ = file->size;
    Header header;
    std::memcpy(&header, file->data, sizeof header);
    columns->revision_ = header.revision;
    columns->uuid_.assign(header.uuid, strnlen(header.uuid, sizeof header.uuid));
    columns->last_docid_ = static_cast<Xapian::docid>(header.last_docid);
    if (header.magic != kMagic || header.file_size != file->size ||
        header.last_docid != columns->last_docid_ || !columns->current_for(db))
        return nullptr;
    for (const EntityKind kind : kEntityKinds) {
        const auto& entry = header.dictionaries[static_cast<std::size_t>(kind)];
        const auto offsets = u32s(*file, entry.offsets, entry.count + 1);
        const auto names = bytes_at(*file, entry.names, entry.names_size);
        const auto counts = u32s(*file, entry.article_counts, entry.count);
        if (!offsets || !names || !counts) return nullptr;
        columns->dictionaries_[static_cast<std::size_t>(kind)] = {*offsets, *names, *counts};
        columns->first_ordinal_[static_cast<std::size_t>(kind)] = columns->ordinal_count_;
        if (entry.count > UINT32_MAX - columns->ordinal_count_) return nullptr;
        columns->ordinal_count_ += static_cast<std::uint32_t>(entry.count);
    }
    const auto value_offsets = u32s(*file, header.value_offsets, header.last_docid + 2);
    const auto values = u32s(*file, header.values, header.values_size);
    const auto days = u32s(*file, header.days, header.last_docid + 1);
    if (!value_offsets || !values || !days) return nullptr;
    columns->value_offsets_ = *value_offsets;
    columns->values_ = *values;
    columns->days_ = *days;
    columns->first_day_ = static_cast<std::uint32_t>(header.first_day);
    columns->last_day_ = static_cast<std::uint32_t>(header.last_day);
    return columns;
}

bool FacetColumns::current_for(const Xapian::Database& db) const {
    return revision_ == db.get_revision() && last_docid_ == db.get_lastdocid() &&
           uuid_ == uuid_of(db);
}

FacetColumns::~FacetColumns() {
    if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

std::uint32_t FacetColumns::name_count(EntityKind kind) const {
    return static_cast<std::uint32_t>(
        dictionaries_[static_cast<std::size_t>(kind)].article_counts.size());
}

std::string_view FacetColumns::name(EntityKind kind, std::uint32_t ordinal) const {
    const Dictionary& dictionary = dictionaries_[static_cast<std::size_t>(kind)];
    if (ordinal + 1 >= dictionary.offsets.size()) return {};
    const std::uint32_t begin = dictionary.offsets[ordinal];
    const std::uint32_t end = dictionary.offsets[ordinal + 1];
    if (begin > end || end > dictionary.names.size()) return {};
    return dictionary.names.substr(begin, end - begin);
}

std::uint32_t FacetColumns::article_count(EntityKind kind, std::uint32_t ordinal) const {
    const Dictionary& dictionary = dictionaries_[static_cast<std::size_t>(kind)];
    return ordinal < dictionary.article_counts.size() ? dictionary.article_counts[ordinal] : 0;
}

void write_facet_columns(const Xapian::Database& db, const std::filesystem::path& folder) {
    replace_file(folder / kFacetColumnsFile,
                 xapian_guard("index " + folder.string(), [&] { return columns_image(db); }));
}

bool restamp_facet_columns(const Xapian::Database& db, const std::filesystem::path& folder,
                           Xapian::rev from) {
    std::ifstream in(folder / kFacetColumnsFile, std::ios::binary);
    std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() || image.size() < sizeof(Header)) return false;
    Header header;
    std::memcpy(&header, image.data(), sizeof header);
    const std::string uuid = uuid_of(db);
    if (header.magic != kMagic || header.file_size != image.size() || header.revision != from ||
        header.last_docid != db.get_lastdocid() ||
        std::string_view(header.uuid, strnlen(header.uuid, sizeof header.uuid)) != uuid)
        return false;
    header.revision = db.get_revision();
    std::memcpy(image.data(), &header, sizeof header);
    replace_file(folder / kFacetColumnsFile, image);
    return true;
}

FacetColumnsCheck check_facet_columns(const Xapian::Database& db,
                                      const std::filesystem::path& folder) {
    FacetColumnsCheck check;
    std::error_code ec;
    if (!std::filesystem::exists(folder / kFacetColumnsFile, ec)) {
        check.notes.push_back("no facet columns in " + folder.string() +
                              " (searches count from the documents until the next build)");
        return check;
    }
    const auto columns = FacetColumns::open(folder, db);
    if (!columns) {
        check.notes.push_back("the facet columns in " + folder.string() +
                              " are of another revision or unreadable (searches count from the "
                              "documents until the next build)");
        return check;
    }
    std::size_t wrong_values = 0, wrong_days = 0, example = 0;
    ValueStream packed(db, schema::kEntityFacetsSlot);
    ValueStream dates(db, schema::kDateSlot);
    for (Xapian::docid did = 1; did <= columns->last_docid(); ++did) {
        FacetNames stored;
        for_each_packed_facet(packed.at(did), [&](EntityKind kind, std::string_view name) {
            stored[static_cast<std::size_t>(kind)].emplace_back(name);
        });
        FacetNames columned;
        columns->for_each_value(did, [&](EntityKind kind, std::uint32_t ordinal) {
            columned[static_cast<std::size_t>(kind)].emplace_back(columns->name(kind, ordinal));
        });
        if (stored != columned && wrong_values++ == 0) example = did;
        const auto date = parse_compact_date(dates.at(did));
        if ((date ? day_number(*date) : 0) != columns->day(did)) ++wrong_days;
    }
    if (wrong_values > 0)
        check.problems.push_back("facet columns in " + folder.string() + " disagree with " +
                                 std::to_string(wrong_values) + " article(s), e.g. document " +
                                 std::to_string(example));
    if (wrong_days > 0)
        check.problems.push_back("facet columns in " + folder.string() + " give " +
                                 std::to_string(wrong_days) + " article(s) another day");
    return check;
}

}  // namespace newsindex
