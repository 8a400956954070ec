// NewsSearcher::entity_profile: one search for the entity's articles (its months, the
// names with it, its newest articles) and the entity table for its other names.
#include "common/search/entity_profile.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "common/base/entity_key.h"
#include "common/base/error.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_table.h"
#include "common/index/entity_terms.h"
#include "common/index/schema.h"
#include "common/search/search.h"
#include "common/search/searcher_retry.h"

namespace newsindex {

namespace {

// The names the table links to `entity`, with the articles that give each; spellings that
// differ from the entity's own only in case or spacing are the name itself.
std::vector<FacetCount> linked_names(const Xapian::Database& db, const NamedEntity& entity) {
    const auto table =
        EntityTable::unserialise(db.get_metadata(std::string(schema::kEntityLinksKey)));
    const std::string key = entity_key(entity.name);
    std::map<std::string, Xapian::doccount> articles;
    for (const auto& [link, target] : table.links()) {
        if (target.kind != entity.kind || entity_key(target.name) != key) continue;
        const auto raw = EntityTable::from_link_key(link);
        if (!raw || entity_key(raw->name) == key) continue;
        const std::string term = raw_entity_term(*raw);
        if (!term.empty()) articles[raw->name] += db.get_termfreq(term);
    }
    std::vector<FacetCount> names;
    for (auto& [name, count] : articles)
        if (count > 0) names.push_back({name, count});
    std::stable_sort(names.begin(), names.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return names;
}

std::string not_named(const EntityProfileRequest& request) {
    return "no article names " + std::string(entity_kind_name(request.kind)) + " '" + request.name +
           "'";
}

}  // namespace

NamedEntity NewsSearcher::person_by_word(const EntityProfileRequest& request) {
    // One word of a person's name ("bakiyev") names the one person whose name has it.
    std::string word = request.name;
    std::erase(word, '"');  // a quote would end the filter's phrase
    const auto words = entity_terms(request.kind, word).word_terms;
    if (request.kind != EntityKind::person || words.size() != 1)
        throw Error(ErrorKind::not_found, not_named(request));
    SearchRequest people;
    people.query = "person:\"" + word + '"';
    people.limit = 0;
    people.facets = {"person"};
    people.facet_limit = 100;
    people.spelling = Spelling::off;
    std::vector<std::string> named;
    for (const auto& facet : search(people).facets)
        for (const auto& value : facet.values) {
            const auto of_value = entity_terms(EntityKind::person, value.value).word_terms;
            if (std::find(of_value.begin(), of_value.end(), words.front()) != of_value.end())
                named.push_back(value.value);
        }
    if (named.size() == 1) return {EntityKind::person, named.front()};
    std::string message = not_named(request);
    if (!named.empty()) {
        message += "; people of that name:";
        for (std::size_t i = 0; i < named.size() && i < 5; ++i)
            message += (i ? ", " : " ") + named[i];
        if (named.size() > 5) message += ", ...";
    }
    throw Error(ErrorKind::not_found, message);
}

EntityProfile NewsSearcher::entity_profile(const EntityProfileRequest& request) {
    EntityProfile profile;
    const auto found = retrying([&]() -> std::optional<NamedEntity> {
        NamedEntity entity{request.kind, request.name};
        if (const auto linked = EntityLookup(db_).find(request.kind, request.name))
            entity = *linked;
        const std::string term = entity_terms(entity.kind, entity.name).term;
        if (term.empty()) throw Error(ErrorKind::bad_input, "empty entity name");
        if (db_.get_termfreq(term) == 0) return std::nullopt;
        entity.name = shown_name(entity.kind, term);
        return entity;
    });
    if (found)
        profile.entity = *found;
    else
        profile.entity = person_by_word(request);

    SearchRequest matches;
    matches.entity = profile.entity;
    matches.sort = SortOrder::date_descending;
    matches.limit = request.newest;
    matches.facets = {"person", "org", "place", "date"};
    matches.facet_order = FacetOrder::notable;
    matches.facet_limit = request.named_with + 1;  // the entity itself is one of them
    matches.date_bucket = DateBucket::month;
    matches.spelling = Spelling::off;
    SearchResponse response = search(matches);

    const std::string own = entity_key(profile.entity.name);
    const std::string own_kind(entity_kind_name(profile.entity.kind));
    profile.articles = response.total;
    profile.newest = std::move(response.hits);
    for (auto& facet : response.facets) {
        if (facet.name == "date") {
            profile.months = std::move(facet.values);
            continue;
        }
        auto& values = facet.values;
        if (facet.name == own_kind)
            std::erase_if(values, [&](const FacetCount& v) { return entity_key(v.value) == own; });
        if (values.size() > request.named_with) values.resize(request.named_with);
        profile.named_with.push_back(std::move(facet));
    }
    profile.aliases = retrying([&] { return linked_names(db_, profile.entity); });
    return profile;
}

}  // namespace newsindex
