// Exact facet counts over every document of a match.
//
// Three ways to count the same thing:
//  - local databases with current facet columns (index/facet_columns.h): a match spy of
//    ours reads each match's ordinals and day and adds into dense arrays, in the same
//    pass that ranks the hits;
//  - local databases without them (stale, missing): the same spy reads each match's
//    packed facet value and date from their value streams (index/facet_values.h);
//  - through a stock xapian-tcpsrv, which runs none of our spies: Xapian's own
//    ValueCountMatchSpy over the packed values, each value's count split among its names.
//    Exact, because an article never repeats a name.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"
#include "common/index/facet_columns.h"
#include "common/index/value_stream.h"

namespace newsindex {

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
    double score = 0;  // the notable order's (notable.h); 0 in the count order
};

// What to count: some entity kinds, and the day of each article.
struct FacetsWanted {
    std::array<bool, kEntityKinds.size()> kinds{};
    bool days = false;
    bool any() const;
};

// Counts of values: an open-addressing table of hashes and counts beside the values, so
// that counting a value seen before touches two arrays and allocates nothing.
class ValueCounts {
public:
    void add(std::string_view value, Xapian::doccount count = 1);
    // The `limit` values with the highest counts, ties by value.
    std::vector<FacetCount> top(std::size_t limit) const;
    // Calls fn(value, count) for each value counted.
    template <typename Fn>
    void for_each(Fn&& fn) const {
        for (const Entry& entry : table_)
            if (entry.value != 0) fn(std::string_view(values_[entry.value - 1]), entry.count);
    }

private:
    struct Entry {
        std::size_t hash = 0;
        std::uint32_t value = 0;  // 1 + index into values_; 0: free
        Xapian::doccount count = 0;
    };
    void grow();
    std::vector<Entry> table_;  // a power of two long, at most half full
    std::vector<std::string> values_;
};

// One local database of a search, as the facet spy counts it: from its facet columns
// when they belong to its revision, else from its documents.
struct FacetPart {
    Xapian::Database db;
    std::shared_ptr<const FacetColumns> columns;  // null: counted from the documents
};

// Counts the facets of every match of an Enquire over one local database. A match spy of
// ours, so local databases only (Xapian refuses it with UnimplementedError when the
// database is remote), and one database at a time: over several combined, a spy sees
// each one's own document ids, and cannot tell them apart.
class LocalFacetSpy : public Xapian::MatchSpy {
public:
    LocalFacetSpy(FacetPart part, const FacetsWanted& wanted);
    ~LocalFacetSpy() override;
    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    // Counts document `did` as a match, as operator() does; documents come in ascending
    // order of id.
    void add(Xapian::docid did);

    // Calls fn(name, count) for each value of `kind` some match has; the names stay valid
    // while the spy does.
    template <typename Fn>
    void for_each(EntityKind kind, Fn&& fn) const;
    // The `limit` values of `kind` with the most matches, ties by name, when counted from
    // columns (else nullopt): ordinal order is name order there, so only the values kept
    // are looked up by name.
    std::optional<std::vector<FacetCount>> top_by_ordinal(EntityKind kind, std::size_t limit) const;
    // Matches per day ("YYYYMMDD") added into `days`.
    void add_days(std::map<std::string, Xapian::doccount>& days) const;

private:
    FacetPart part_;
    FacetsWanted wanted_;
    bool any_kind_;
    // With columns: counts by ordinal (of every kind), and by day from the columns' first day.
    std::vector<Xapian::doccount> by_ordinal_;
    std::vector<Xapian::doccount> by_day_;
    // Without: names and days read from the documents.
    std::optional<ValueStream> packed_;
    std::optional<ValueStream> dates_;
    std::array<ValueCounts, kEntityKinds.size()> by_name_;
    ValueCounts day_names_;
};

// The `limit` values of a kind with the most matches over every spy (the parts of one
// search), ties by name.
std::vector<FacetCount> top_values(const std::vector<const LocalFacetSpy*>& spies, EntityKind kind,
                                   std::size_t limit);
// Matches per day ("YYYYMMDD") over every spy, in day order.
std::vector<FacetCount> day_counts(const std::vector<const LocalFacetSpy*>& spies);

// Xapian's own spies, what a stock xapian-tcpsrv can run: one counts the articles per
// packed facet value (facet_values.h), split into names here, one per day.
class BuiltinFacetCounter {
public:
    explicit BuiltinFacetCounter(const FacetsWanted& wanted);
    // Adds the spies to an Enquire; they must outlive its get_mset().
    void attach(Xapian::Enquire& enquire) const;
    // The `limit` names of a kind with the most matches, ties by name.
    std::vector<FacetCount> top(EntityKind kind, std::size_t limit) const;
    // Matches per day ("YYYYMMDD"), in no particular order.
    std::vector<FacetCount> days() const;

private:
    FacetsWanted wanted_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> packed_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> days_;
    // Every kind's names, split out of the packed values at the first top().
    mutable std::optional<std::array<ValueCounts, kEntityKinds.size()>> names_;
};

// --- Inline --------------------------------------------------------------------------

template <typename Fn>
void LocalFacetSpy::for_each(EntityKind kind, Fn&& fn) const {
    const auto k = static_cast<std::size_t>(kind);
    if (!part_.columns) return by_name_[k].for_each(fn);
    if (!wanted_.kinds[k] || by_ordinal_.empty()) return;
    const FacetColumns& columns = *part_.columns;
    const std::uint32_t first = columns.first_ordinal(kind);
    for (std::uint32_t i = 0; i < columns.name_count(kind); ++i)
        if (const Xapian::doccount count = by_ordinal_[first + i]; count != 0)
            fn(columns.name(kind, i), count);
}

}  // namespace newsindex
