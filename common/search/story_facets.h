// Facet counts by story (SearchRequest::facets_by_story): a story counts once for each
// value (a name, a language, a day) that any of its matching versions has, however many
// of them do.
#pragma once

#include <xapian.h>

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/base/entity.h"
#include "common/search/facet_spy.h"

namespace newsindex {

// Fed each match's document: by StoryFacetSpy on local databases (combined ones too, as
// it reads the document rather than a value stream by document id), or from an MSet of
// every match through a remote backend, which runs no spy of ours.
class StoryFacetCounts {
public:
    StoryFacetCounts(const FacetsWanted& wanted, bool languages);
    void add(const Xapian::Document& doc);
    // The `limit` values with the most stories, ties by value.
    std::vector<FacetCount> top(EntityKind kind, std::size_t limit) const;
    std::vector<FacetCount> top_languages(std::size_t limit) const;
    // Each day ("YYYYMMDD") with a story that has a match that day: (day, story).
    const std::set<std::pair<std::string, std::string>>& story_days() const { return days_; }

private:
    // Counts `value` into `counts` unless `story` has it already.
    void count(const std::string& story, char kind, std::string_view value, ValueCounts& counts);

    FacetsWanted wanted_;
    bool languages_ = false;
    std::unordered_set<std::string> seen_;  // story '\0' kind letter value
    std::array<ValueCounts, kEntityKinds.size()> names_;
    ValueCounts language_counts_;
    std::set<std::pair<std::string, std::string>> days_;
};

// A match spy feeding StoryFacetCounts. Local databases only: Xapian refuses it (with
// UnimplementedError) when a database is remote.
class StoryFacetSpy : public Xapian::MatchSpy {
public:
    explicit StoryFacetSpy(StoryFacetCounts& counts) : counts_(counts) {}
    void operator()(const Xapian::Document& doc, double) override { counts_.add(doc); }

private:
    StoryFacetCounts& counts_;
};

}  // namespace newsindex
