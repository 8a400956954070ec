// Exact facet counts over every document of a match.
//
// Two ways to count the same thing (facet_values.h stores names both ways):
//  - on a local database, one match spy of ours reads each match's packed facet value
//    and date from their value streams, in document order: each chunk of values is
//    decoded once, whatever the article names;
//  - through a stock xapian-tcpsrv, which runs none of our spies, one of Xapian's own
//    ValueCountMatchSpy per facet slot, summed: exact, because an article never repeats
//    a name.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"
#include "common/index/value_stream.h"

namespace newsindex {

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
};

// What to count: some entity kinds, and the day of each article.
struct FacetsWanted {
    std::array<bool, kEntityKinds.size()> kinds{};
    bool days = false;
};

// Counts of values: an open-addressing table of hashes and counts beside the values, so
// that counting a value seen before touches two arrays and allocates nothing. A match of
// most of the archive counts millions of names.
class ValueCounts {
public:
    void add(std::string_view value);
    std::vector<FacetCount> counts() const;

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

// Counts the packed facet value (schema::kEntityFacetsSlot) and the date of each match.
// A match spy of ours, so local databases only, and one database at a time: a spy over
// several combined sees each one's own document ids.
class PackedFacetSpy : public Xapian::MatchSpy {
public:
    PackedFacetSpy(const Xapian::Database& db, const FacetsWanted& wanted);
    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;

    std::vector<FacetCount> counts(EntityKind kind) const;
    std::vector<FacetCount> days() const { return days_.counts(); }

private:
    Xapian::Database db_;
    FacetsWanted wanted_;
    bool any_kind_;
    ValueStream facets_;
    ValueStream dates_;
    std::array<ValueCounts, kEntityKinds.size()> kinds_;
    ValueCounts days_;
};

class FacetCounter {
public:
    // Which spies count: PackedFacetSpy, or Xapian's own, the only kind a stock
    // xapian-tcpsrv runs. Both give the same counts.
    enum class Spies { own, builtin };
    // Counts over matches of `db`: a single database for our spy, any for Xapian's.
    // `slots`: per kind, how many facet slots the database's articles fill
    // (facet_slots_in_use); only Xapian's spies need it.
    FacetCounter(const Xapian::Database& db, const FacetsWanted& wanted, Spies spies,
                 const std::array<std::size_t, kEntityKinds.size()>& slots = {});

    // Adds the spies to an Enquire; they must outlive its get_mset().
    void attach(Xapian::Enquire& enquire) const;

    // Matches per name of a kind, and per day ("YYYYMMDD"), in no particular order.
    std::vector<FacetCount> counts(EntityKind kind) const;
    std::vector<FacetCount> days() const;

private:
    std::unique_ptr<PackedFacetSpy> own_;
    std::array<std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>, kEntityKinds.size()>
        builtin_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> builtin_days_;
};

// How many of the kind's facet slots hold a value in some article of `db`.
std::size_t facet_slots_in_use(const Xapian::Database& db, EntityKind kind);

// The counts of several parts of a match summed, value by value.
std::vector<FacetCount> sum_counts(const std::vector<std::vector<FacetCount>>& parts);

// Sorts counts by count descending then value ascending, keeping the first `limit`.
std::vector<FacetCount> top_counts(std::vector<FacetCount> counts, std::size_t limit);

}  // namespace newsindex
