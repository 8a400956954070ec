#include "common/search/facet_spy.h"

#include <algorithm>

#include "common/index/schema.h"

namespace newsindex {

void FacetSlotSpy::operator()(const Xapian::Document& doc, double) {
    for (std::size_t i = 0; i < slots_; ++i) {
        std::string value = doc.get_value(schema::entity_facet_slot(kind_, i));
        if (value.empty()) break;  // slots fill in order
        ++counts_[std::move(value)];
    }
}

Xapian::MatchSpy* FacetSlotSpy::clone() const {
    // Xapian takes ownership of clones through its reference-counted release().
    return std::make_unique<FacetSlotSpy>(kind_, slots_).release();
}

std::string FacetSlotSpy::name() const {
    return "newsindex.FacetSlotSpy";
}

std::vector<FacetCount> FacetSlotSpy::counts() const {
    std::vector<FacetCount> counts;
    counts.reserve(counts_.size());
    for (const auto& [value, count] : counts_) counts.push_back({value, count});
    return counts;
}

EntityFacetCounter::EntityFacetCounter(EntityKind kind, std::size_t slots, Spies spies) {
    if (spies == Spies::own) {
        own_ = std::make_unique<FacetSlotSpy>(kind, slots);
        return;
    }
    for (std::size_t i = 0; i < slots; ++i)
        builtin_.push_back(
            std::make_unique<Xapian::ValueCountMatchSpy>(schema::entity_facet_slot(kind, i)));
}

void EntityFacetCounter::attach(Xapian::Enquire& enquire) const {
    if (own_) enquire.add_matchspy(own_.get());
    for (const auto& spy : builtin_) enquire.add_matchspy(spy.get());
}

std::vector<FacetCount> EntityFacetCounter::top(std::size_t limit) const {
    if (own_) return top_counts(own_->counts(), limit);
    std::unordered_map<std::string, Xapian::doccount> sums;
    for (const auto& spy : builtin_)
        for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
            sums[*it] += it.get_termfreq();
    std::vector<FacetCount> counts;
    counts.reserve(sums.size());
    for (auto& [value, count] : sums) counts.push_back({value, count});
    return top_counts(std::move(counts), limit);
}

std::size_t facet_slots_in_use(const Xapian::Database& db, EntityKind kind) {
    // Slots fill in order, so the first empty one ends them.
    std::size_t slots = 0;
    while (slots < schema::kMaxFacetValuesPerKind &&
           db.get_value_freq(schema::entity_facet_slot(kind, slots)) > 0)
        ++slots;
    return slots;
}

std::vector<FacetCount> top_counts(std::vector<FacetCount> counts, std::size_t limit) {
    const auto by_count = [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    if (limit < counts.size()) {
        std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(limit),
                          counts.end(), by_count);
        counts.resize(limit);
    } else {
        std::sort(counts.begin(), counts.end(), by_count);
    }
    return counts;
}

}  // namespace newsindex
