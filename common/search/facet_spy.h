// Exact facet counts over every document of a match, for the multi-valued entity slots.
//
// Xapian's ValueCountMatchSpy counts one value per document; an article names many
// people, so this spy unpacks the slot and counts each name once per document. It
// serialises itself and its results so that, registered on both sides, it also works
// across Xapian's remote backend and sharded databases.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsindex {

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
};

class EntityFacetSpy : public Xapian::MatchSpy {
public:
    explicit EntityFacetSpy(Xapian::valueno slot) : slot_(slot) {}

    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    Xapian::MatchSpy* unserialise(const std::string& serialised,
                                  const Xapian::Registry& context) const override;
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;
    std::string get_description() const override;

    // Documents the spy saw (the number of matches when check_at_least covers them all).
    Xapian::doccount documents_seen() const { return documents_seen_; }
    // The `limit` most frequent values, by count descending then value ascending.
    std::vector<FacetCount> top(std::size_t limit) const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    Xapian::valueno slot_;
    Xapian::doccount documents_seen_ = 0;
    std::unordered_map<std::string, Xapian::doccount, Hash, std::equal_to<>> counts_;
};

}  // namespace newsindex
