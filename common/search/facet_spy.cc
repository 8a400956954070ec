#include "common/search/facet_spy.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/index/facet_values.h"
#include "common/index/schema.h"

namespace newsindex {

bool FacetsWanted::any() const {
    return days || std::any_of(kinds.begin(), kinds.end(), [](bool kind) { return kind; });
}

void ValueCounts::add(std::string_view value, Xapian::doccount count) {
    if (2 * (values_.size() + 1) > table_.size()) grow();
    const std::size_t hash = std::hash<std::string_view>{}(value);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Entry& entry = table_[i];
        if (entry.value == 0) {
            values_.emplace_back(value);
            entry = {hash, static_cast<std::uint32_t>(values_.size()), count};
            return;
        }
        if (entry.hash == hash && values_[entry.value - 1] == value) {
            entry.count += count;
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

std::vector<FacetCount> ValueCounts::top(std::size_t limit) const {
    std::vector<std::pair<std::string_view, Xapian::doccount>> values;
    values.reserve(values_.size());
    for_each(
        [&](std::string_view value, Xapian::doccount count) { values.emplace_back(value, count); });
    const std::size_t kept = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept),
                      values.end(), [](const auto& a, const auto& b) {
                          return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    std::vector<FacetCount> top;
    top.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i)
        top.push_back({std::string(values[i].first), values[i].second});
    return top;
}

LocalFacetSpy::LocalFacetSpy(FacetPart part, const FacetsWanted& wanted)
    : part_(std::move(part)),
      wanted_(wanted),
      any_kind_(std::any_of(wanted.kinds.begin(), wanted.kinds.end(), [](bool k) { return k; })) {
    if (const auto& columns = part_.columns) {
        if (any_kind_) by_ordinal_.assign(columns->ordinal_count(), 0);
        if (wanted.days && columns->last_day() >= columns->first_day())
            by_day_.assign(columns->last_day() - columns->first_day() + 1, 0);
        return;
    }
    packed_.emplace(part_.db, schema::kEntityFacetsSlot);
    dates_.emplace(part_.db, schema::kDateSlot);
}

LocalFacetSpy::~LocalFacetSpy() = default;

void LocalFacetSpy::operator()(const Xapian::Document& doc, double) {
    add(doc.get_docid());
}

void LocalFacetSpy::add(Xapian::docid did) {
    if (const auto& columns = part_.columns) {
        // Every kind is counted (the cheapest way to count the ones wanted); ordinals past
        // the dictionary come only from a damaged file.
        if (any_kind_) {
            const std::size_t ordinals = by_ordinal_.size();
            for (const std::uint32_t ordinal : columns->values(did))
                if (ordinal < ordinals) ++by_ordinal_[ordinal];
        }
        if (!by_day_.empty())
            if (const std::uint32_t day = columns->day(did); day >= columns->first_day())
                ++by_day_[day - columns->first_day()];
        return;
    }
    if (any_kind_)
        for_each_packed_facet(packed_->at(did), [&](EntityKind kind, std::string_view name) {
            const auto k = static_cast<std::size_t>(kind);
            if (wanted_.kinds[k]) by_name_[k].add(name);
        });
    if (wanted_.days)
        if (const std::string day = dates_->at(did); !day.empty()) day_names_.add(day);
}

Xapian::MatchSpy* LocalFacetSpy::clone() const {
    // Xapian takes ownership of clones through its reference-counted release().
    return std::make_unique<LocalFacetSpy>(part_, wanted_).release();
}

std::string LocalFacetSpy::name() const {
    return "newsindex.LocalFacetSpy";
}

std::optional<std::vector<FacetCount>> LocalFacetSpy::top_by_ordinal(EntityKind kind,
                                                                     std::size_t limit) const {
    if (!part_.columns) return std::nullopt;
    std::vector<FacetCount> top;
    if (!wanted_.kinds[static_cast<std::size_t>(kind)] || by_ordinal_.empty()) return top;
    const FacetColumns& columns = *part_.columns;
    const std::uint32_t first = columns.first_ordinal(kind);
    std::vector<std::pair<Xapian::doccount, std::uint32_t>> counted;  // (count, ordinal)
    for (std::uint32_t i = 0; i < columns.name_count(kind); ++i)
        if (const Xapian::doccount count = by_ordinal_[first + i]; count != 0)
            counted.emplace_back(count, i);
    const std::size_t kept = std::min(limit, counted.size());
    std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(kept),
                      counted.end(), [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    top.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i)
        top.push_back({std::string(columns.name(kind, counted[i].second)), counted[i].first});
    return top;
}

void LocalFacetSpy::add_days(std::map<std::string, Xapian::doccount>& days) const {
    if (!part_.columns) {
        day_names_.for_each(
            [&](std::string_view day, Xapian::doccount count) { days[std::string(day)] += count; });
        return;
    }
    for (std::uint32_t i = 0; i < by_day_.size(); ++i)
        if (by_day_[i] != 0)
            if (const auto date = date_of_day_number(part_.columns->first_day() + i))
                days[date->compact()] += by_day_[i];
}

std::vector<FacetCount> top_values(const std::vector<const LocalFacetSpy*>& spies, EntityKind kind,
                                   std::size_t limit) {
    // Names are views into the columns or the spies' tables, which outlive this call.
    if (spies.size() == 1)
        if (auto top = spies.front()->top_by_ordinal(kind, limit)) return std::move(*top);
    std::vector<std::pair<std::string_view, Xapian::doccount>> values;
    if (spies.size() == 1) {
        spies.front()->for_each(kind, [&](std::string_view name, Xapian::doccount count) {
            values.emplace_back(name, count);
        });
    } else {
        std::unordered_map<std::string_view, Xapian::doccount> sums;
        for (const LocalFacetSpy* spy : spies)
            spy->for_each(
                kind, [&](std::string_view name, Xapian::doccount count) { sums[name] += count; });
        values.assign(sums.begin(), sums.end());
    }
    const auto by_count = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    const std::size_t kept = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept),
                      values.end(), by_count);
    std::vector<FacetCount> top;
    top.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i)
        top.push_back({std::string(values[i].first), values[i].second});
    return top;
}

std::vector<FacetCount> day_counts(const std::vector<const LocalFacetSpy*>& spies) {
    std::map<std::string, Xapian::doccount> days;
    for (const LocalFacetSpy* spy : spies) spy->add_days(days);
    std::vector<FacetCount> counts;
    counts.reserve(days.size());
    for (auto& [day, count] : days) counts.push_back({day, count});
    return counts;
}

BuiltinFacetCounter::BuiltinFacetCounter(const FacetsWanted& wanted) : wanted_(wanted) {
    if (std::any_of(wanted.kinds.begin(), wanted.kinds.end(), [](bool k) { return k; }))
        packed_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kEntityFacetsSlot);
    if (wanted.days) days_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot);
}

void BuiltinFacetCounter::attach(Xapian::Enquire& enquire) const {
    if (packed_) enquire.add_matchspy(packed_.get());
    if (days_) enquire.add_matchspy(days_.get());
}

std::vector<FacetCount> BuiltinFacetCounter::top(EntityKind kind, std::size_t limit) const {
    const auto k = static_cast<std::size_t>(kind);
    if (!packed_ || !wanted_.kinds[k]) return {};
    if (!names_) {
        // The spy counts articles per packed value, nearly one per article; an article
        // never repeats a name, so a name's count is the sum over the values holding it.
        auto& names = names_.emplace();
        for (auto it = packed_->values_begin(); it != packed_->values_end(); ++it) {
            const Xapian::doccount articles = it.get_termfreq();
            for_each_packed_facet(*it, [&](EntityKind of, std::string_view name) {
                names[static_cast<std::size_t>(of)].add(name, articles);
            });
        }
    }
    return (*names_)[k].top(limit);
}

std::vector<FacetCount> BuiltinFacetCounter::days() const {
    std::vector<FacetCount> days;
    if (days_)
        for (auto it = days_->values_begin(); it != days_->values_end(); ++it)
            days.push_back({*it, it.get_termfreq()});
    return days;
}

}  // namespace newsindex
