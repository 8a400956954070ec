#include "common/search/facet_spy.h"

#include <algorithm>
#include <unordered_map>

#include "common/index/facet_values.h"
#include "common/index/schema.h"

namespace newsindex {

void ValueCounts::add(std::string_view value) {
    if (2 * (values_.size() + 1) > table_.size()) grow();
    const std::size_t hash = std::hash<std::string_view>{}(value);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Entry& entry = table_[i];
        if (entry.value == 0) {
            values_.emplace_back(value);
            entry = {hash, static_cast<std::uint32_t>(values_.size()), 1};
            return;
        }
        if (entry.hash == hash && values_[entry.value - 1] == value) {
            ++entry.count;
            return;
        }
    }
}

void ValueCounts::grow() {
    std::vector<Entry> old = std::move(table_);
    table_.assign(std::max<std::size_t>(64, 2 * old.size()), Entry{});
    const std::size_t mask = table_.size() - 1;
    for (const Entry& entry : old) {
        if (entry.value == 0) continue;
        std::size_t i = entry.hash & mask;
        while (table_[i].value != 0) i = (i + 1) & mask;
        table_[i] = entry;
    }
}

std::vector<FacetCount> ValueCounts::counts() const {
    std::vector<FacetCount> counts;
    counts.reserve(values_.size());
    for (const Entry& entry : table_)
        if (entry.value != 0) counts.push_back({values_[entry.value - 1], entry.count});
    return counts;
}

PackedFacetSpy::PackedFacetSpy(const Xapian::Database& db, const FacetsWanted& wanted)
    : db_(db),
      wanted_(wanted),
      any_kind_(std::any_of(wanted.kinds.begin(), wanted.kinds.end(), [](bool k) { return k; })),
      facets_(db, schema::kEntityFacetsSlot),
      dates_(db, schema::kDateSlot) {}

void PackedFacetSpy::operator()(const Xapian::Document& doc, double) {
    const Xapian::docid did = doc.get_docid();
    if (any_kind_)
        for_each_packed_facet(facets_.at(did), [&](EntityKind kind, std::string_view name) {
            const auto i = static_cast<std::size_t>(kind);
            if (wanted_.kinds[i]) kinds_[i].add(name);
        });
    if (wanted_.days)
        if (const std::string day = dates_.at(did); !day.empty()) days_.add(day);
}

Xapian::MatchSpy* PackedFacetSpy::clone() const {
    // Xapian takes ownership of clones through its reference-counted release().
    return std::make_unique<PackedFacetSpy>(db_, wanted_).release();
}

std::string PackedFacetSpy::name() const {
    return "newsindex.PackedFacetSpy";
}

std::vector<FacetCount> PackedFacetSpy::counts(EntityKind kind) const {
    return kinds_[static_cast<std::size_t>(kind)].counts();
}

FacetCounter::FacetCounter(const Xapian::Database& db, const FacetsWanted& wanted, Spies spies,
                           const std::array<std::size_t, kEntityKinds.size()>& slots) {
    if (spies == Spies::own) {
        own_ = std::make_unique<PackedFacetSpy>(db, wanted);
        return;
    }
    for (const EntityKind kind : kEntityKinds) {
        const auto i = static_cast<std::size_t>(kind);
        if (!wanted.kinds[i]) continue;
        for (std::size_t slot = 0; slot < slots[i]; ++slot)
            builtin_[i].push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
                schema::entity_facet_slot(kind, slot)));
    }
    if (wanted.days)
        builtin_days_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot);
}

void FacetCounter::attach(Xapian::Enquire& enquire) const {
    if (own_) enquire.add_matchspy(own_.get());
    for (const auto& spies : builtin_)
        for (const auto& spy : spies) enquire.add_matchspy(spy.get());
    if (builtin_days_) enquire.add_matchspy(builtin_days_.get());
}

std::vector<FacetCount> FacetCounter::counts(EntityKind kind) const {
    if (own_) return own_->counts(kind);
    // One name can fill a different slot in each article.
    std::vector<std::vector<FacetCount>> slots;
    for (const auto& spy : builtin_[static_cast<std::size_t>(kind)]) {
        auto& slot = slots.emplace_back();
        for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
            slot.push_back({*it, it.get_termfreq()});
    }
    return sum_counts(slots);
}

std::vector<FacetCount> FacetCounter::days() const {
    if (own_) return own_->days();
    std::vector<FacetCount> days;
    if (builtin_days_)
        for (auto it = builtin_days_->values_begin(); it != builtin_days_->values_end(); ++it)
            days.push_back({*it, it.get_termfreq()});
    return days;
}

std::size_t facet_slots_in_use(const Xapian::Database& db, EntityKind kind) {
    // Slots fill in order, so the first empty one ends them.
    std::size_t slots = 0;
    while (slots < schema::kMaxFacetValuesPerKind &&
           db.get_value_freq(schema::entity_facet_slot(kind, slots)) > 0)
        ++slots;
    return slots;
}

std::vector<FacetCount> sum_counts(const std::vector<std::vector<FacetCount>>& parts) {
    if (parts.size() == 1) return parts.front();
    std::unordered_map<std::string, Xapian::doccount> sums;
    for (const auto& part : parts)
        for (const auto& [value, count] : part) sums[value] += count;
    std::vector<FacetCount> counts;
    counts.reserve(sums.size());
    for (const auto& [value, count] : sums) counts.push_back({value, count});
    return counts;
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
