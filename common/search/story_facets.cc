#include "common/search/story_facets.h"

#include "common/index/facet_values.h"
#include "common/index/schema.h"

namespace newsindex {

StoryFacetCounts::StoryFacetCounts(const FacetsWanted& wanted, bool languages)
    : wanted_(wanted), languages_(languages) {}

void StoryFacetCounts::count(const std::string& story, char kind, std::string_view value,
                             ValueCounts& counts) {
    std::string key = story;
    key += '\0';
    key += kind;
    key += value;
    if (seen_.insert(std::move(key)).second) counts.add(value);
}

void StoryFacetCounts::add(const Xapian::Document& doc) {
    std::string story = doc.get_value(schema::kStorySlot);
    // An article of an index made before stories is a story of its own.
    if (story.empty()) story.assign(1, '#').append(std::to_string(doc.get_docid()));
    for_each_packed_facet(doc.get_value(schema::kEntityFacetsSlot),
                          [&](EntityKind kind, std::string_view name) {
                              const auto k = static_cast<std::size_t>(kind);
                              if (wanted_.kinds[k])
                                  count(story, entity_kind_letter(kind), name, names_[k]);
                          });
    if (languages_)
        if (const std::string language = doc.get_value(schema::kLanguageSlot); !language.empty())
            count(story, 'l', language, language_counts_);
    if (wanted_.days)
        if (std::string day = doc.get_value(schema::kDateSlot); !day.empty())
            days_.emplace(std::move(day), story);
}

std::vector<FacetCount> StoryFacetCounts::top(EntityKind kind, std::size_t limit) const {
    return names_[static_cast<std::size_t>(kind)].top(limit);
}

std::vector<FacetCount> StoryFacetCounts::top_languages(std::size_t limit) const {
    return language_counts_.top(limit);
}

}  // namespace newsindex
