// Exact facet counts of an entity kind over every document of a match.
//
// An article names many people, one per value slot (schema::entity_facet_slot). One of
// Xapian's own ValueCountMatchSpy per slot counts them, and the counts add up exactly
// because an article never repeats a name. Built-in spies are what a stock
// xapian-tcpsrv can run, so the same counts come back from local, sharded and remote
// databases alike. They visit every slot of every match, though, filled or not, so local
// databases use a spy of ours that stops at an article's last name.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
};

// Counts the values of one kind's facet slots, stopping at an article's first empty slot:
// as fast as the article has names. A match spy of ours, so local databases only.
class FacetSlotSpy : public Xapian::MatchSpy {
public:
    FacetSlotSpy(EntityKind kind, std::size_t slots) : kind_(kind), slots_(slots) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    std::vector<FacetCount> counts() const;

private:
    EntityKind kind_;
    std::size_t slots_;
    std::unordered_map<std::string, Xapian::doccount> counts_;
};

class EntityFacetCounter {
public:
    // Which spies count: FacetSlotSpy, or one of Xapian's own per slot, the only kind a
    // stock xapian-tcpsrv runs. Both give the same counts.
    enum class Spies { own, builtin };
    // Counts the first `slots` facet slots of the kind: as many as any article of the
    // database fills (facet_slots_in_use).
    EntityFacetCounter(EntityKind kind, std::size_t slots, Spies spies);

    // Adds the spies to an Enquire; they must outlive its get_mset().
    void attach(Xapian::Enquire& enquire) const;

    // The `limit` most frequent values, by count descending then value ascending.
    std::vector<FacetCount> top(std::size_t limit) const;

private:
    std::unique_ptr<FacetSlotSpy> own_;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> builtin_;
};

// How many of the kind's facet slots hold a value in some article of `db`.
std::size_t facet_slots_in_use(const Xapian::Database& db, EntityKind kind);

// Sorts counts by count descending then value ascending, keeping the first `limit`.
std::vector<FacetCount> top_counts(std::vector<FacetCount> counts, std::size_t limit);

}  // namespace newsindex
