// Facet columns: each database's facet values as small integers, in a file beside its
// tables, so that counting a match's facets reads a few bytes and adds into dense arrays
// (Lucene's doc values, in spirit).
//
// The columns are derived data. The index itself keeps every name in its documents
// (facet_values.h), which is what compaction, merging and remote servers see; the file
// holds, for one revision of one database:
//  - per entity kind, a dictionary of the names its articles give, sorted bytewise, so
//    that ordinal order is name order, with each name's article count;
//  - per document id, that document's ordinals (one numbering for all kinds, each a u32);
//  - per document id, its day (days since kFirstDay; 0 for none).
// It is stamped with the database's UUID, revision and last document id. A reader that
// finds it missing, stale or malformed counts from the documents instead: slower, never
// wrong. The writer rewrites it once a run has committed its last change (and compaction
// for the copy it makes); `newsindex check` verifies it against the documents.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/date.h"
#include "common/base/entity.h"

namespace newsindex {

// The file's name inside a database's folder.
inline constexpr std::string_view kFacetColumnsFile = "newsindex-facets";

// Day numbers count from the day before this one; 0 means "no date".
inline constexpr Date kFirstDay{1000, 1, 1};
std::uint32_t day_number(const Date& date);
std::optional<Date> date_of_day_number(std::uint32_t day);

class FacetColumns {
public:
    // The columns of `db` (a single database) in `folder`, if the file there belongs to
    // the revision `db` is at; nothing when it is missing, stale or malformed.
    static std::shared_ptr<const FacetColumns> open(const std::filesystem::path& folder,
                                                    const Xapian::Database& db);
    ~FacetColumns();
    FacetColumns(const FacetColumns&) = delete;
    FacetColumns& operator=(const FacetColumns&) = delete;

    Xapian::rev revision() const { return revision_; }
    // Whether these are still the columns of `db`'s revision.
    bool current_for(const Xapian::Database& db) const;
    Xapian::docid last_docid() const { return last_docid_; }

    // Names of a kind, by ordinal.
    std::uint32_t name_count(EntityKind kind) const;
    std::string_view name(EntityKind kind, std::uint32_t ordinal) const;
    // Articles of the database naming it.
    std::uint32_t article_count(EntityKind kind, std::uint32_t ordinal) const;

    // Ordinals of all kinds in one numbering: a kind's names are first_ordinal(kind) ...
    // first_ordinal(kind) + name_count(kind) - 1, in kEntityKinds order; ordinal_count()
    // in all.
    std::uint32_t first_ordinal(EntityKind kind) const {
        return first_ordinal_[static_cast<std::size_t>(kind)];
    }
    std::uint32_t ordinal_count() const { return ordinal_count_; }
    // The facet values of document `did`, as ordinals of that one numbering. Each may be
    // ordinal_count() or more in a damaged file: callers check.
    std::span<const std::uint32_t> values(Xapian::docid did) const {
        if (did > last_docid_) return {};
        const std::uint32_t begin = value_offsets_[did];
        const std::uint32_t end = value_offsets_[did + 1];
        if (begin >= end || end > values_.size()) return {};
        return values_.subspan(begin, end - begin);
    }
    // Calls fn(kind, ordinal within the kind) for every facet value of document `did`.
    template <typename Fn>
    void for_each_value(Xapian::docid did, Fn&& fn) const;
    // The day number of document `did` (0: none).
    std::uint32_t day(Xapian::docid did) const { return did <= last_docid_ ? days_[did] : 0; }
    std::uint32_t first_day() const { return first_day_; }
    std::uint32_t last_day() const { return last_day_; }

private:
    struct Private {};

public:
    explicit FacetColumns(Private) {}

private:
    struct Dictionary {
        std::span<const std::uint32_t> offsets;  // count + 1 offsets into names
        std::string_view names;
        std::span<const std::uint32_t> article_counts;
    };
    const std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    Xapian::rev revision_ = 0;
    std::string uuid_;
    Xapian::docid last_docid_ = 0;
    std::array<Dictionary, kEntityKinds.size()> dictionaries_;
    std::array<std::uint32_t, kEntityKinds.size()> first_ordinal_{};
    std::uint32_t ordinal_count_ = 0;
    std::span<const std::uint32_t> value_offsets_;  // last_docid + 2, into values_
    std::span<const std::uint32_t> values_;
    std::span<const std::uint32_t> days_;  // last_docid + 1
    std::uint32_t first_day_ = 0;
    std::uint32_t last_day_ = 0;
};

// Writes the columns of `db` at its current revision to `folder` (the database's own),
// atomically: a reader sees the old file or the new one. Throws Error (io).
void write_facet_columns(const Xapian::Database& db, const std::filesystem::path& folder);

// Moves the columns in `folder` from revision `from` to the one `db` is at, when no
// document changed in between (a run that only recorded its report): a copy with the new
// stamp, swapped in atomically. False when the file there is not that of `from`. Throws
// Error (io).
bool restamp_facet_columns(const Xapian::Database& db, const std::filesystem::path& folder,
                           Xapian::rev from);

// What `newsindex check` says of the columns in `folder`: problems (columns of this
// revision that disagree with the documents) and notes (no columns, or stale ones).
struct FacetColumnsCheck {
    std::vector<std::string> problems;
    std::vector<std::string> notes;
};
FacetColumnsCheck check_facet_columns(const Xapian::Database& db,
                                      const std::filesystem::path& folder);

// --- Inline --------------------------------------------------------------------------

template <typename Fn>
void FacetColumns::for_each_value(Xapian::docid did, Fn&& fn) const {
    for (const std::uint32_t ordinal : values(did)) {
        std::size_t k = kEntityKinds.size();
        while (k > 0 && ordinal < first_ordinal_[k - 1]) --k;
        if (k == 0 || ordinal >= ordinal_count_) continue;
        fn(kEntityKinds[k - 1], ordinal - first_ordinal_[k - 1]);
    }
}

}  // namespace newsindex
