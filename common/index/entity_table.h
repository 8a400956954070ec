// The archive-wide entity table: which entity each name an article gave stands for, so a
// facet shows one value per entity across the whole archive ("Reagan", "Ronald Reagan"
// and "REAGAN" -> "Ronald Reagan"; "Fed" -> "Federal Reserve"; "Merrill Lynch", typed a
// person in one article and "Merrill Lynch and Co Inc" in another -> one organisation).
//
// The table is a pure function of evidence the index holds as terms (schema.h: raw
// entities and aliases, with their article counts) and of the curated alias list, so a
// build can recompute it after every run, and any index gives the same table for the same
// articles. The rules, in order:
//
//   1. Kind. A name seen with company forms anywhere ("Merrill Lynch and Co Inc") is an
//      organisation everywhere; otherwise the kind most articles gave it, when more than
//      half did; otherwise each article's own kind stands.
//   2. One organisation per name without its company forms ("General Motors Corp",
//      "General Motors"); one entity per case-folded name otherwise.
//   3. A name stands for another entity of its kind when
//      - the curated list says so ("Fed" -> "Federal Reserve"), else
//      - articles that use both names fold it into one entity, and one such entity holds at
//        least three quarters of those articles ("Reagan" -> "Ronald Reagan", "SEC" ->
//        "Securities and Exchange Commission"), else
//      - it is a one-word person name, the surname of full names in the archive, and one of
//        them holds three quarters of their articles ("Baker" stays "Baker" while James and
//        Howard Baker share it evenly), or is the only one and starts with a given name
//        (then even written out once: "Bashir" -> "Omar Hassan al-Bashir"); an acronym of
//        three letters or more whose letters start the words of organisation names
//        resolves the same way; a one-word organisation name joins the one company
//        (with company forms) that it starts, named in a quarter as many articles or
//        more ("Ford" -> "Ford Motor Co"). A two-letter curated acronym applies only to
//        names in capitals ("UN", not the French "Un").
//      Links are followed to their end ("Fed" -> "Federal Reserve Board" -> "Federal
//      Reserve").
//   4. Each entity is shown under the name most of its articles use, preferring one not
//      written in capitals, then the longer; a curated target's own spelling wins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

// The evidence, with the number of articles behind each entry.
struct EntityEvidence {
    struct Name {
        NamedEntity entity;  // as an article's own normalisation named it
        std::uint32_t articles = 0;
    };
    struct Alias {
        EntityKind kind = EntityKind::person;
        std::string alias;  // a name an article folded into ...
        std::string name;   // ... this entity of that article
        std::uint32_t articles = 0;
    };
    std::vector<Name> names;
    std::vector<Alias> aliases;
};

// The evidence of several databases (the shards of one index) summed, as one database
// holding all their articles would count it.
EntityEvidence merge_evidence(const std::vector<EntityEvidence>& parts);

// A curated alias: `alias` (any kind, case-insensitive) names the entity `name` of `kind`.
struct CuratedAlias {
    EntityKind kind = EntityKind::org;
    std::string alias;
    std::string name;  // empty: suppressed, the alias names nobody
};

class EntityTable {
public:
    // The entity `raw` stands for; `raw` itself when the table has nothing to say, and an
    // empty name when it names nobody in particular ("Bill" alone).
    NamedEntity resolve(const NamedEntity& raw) const;
    // Every raw name whose entity is not itself.
    const std::unordered_map<std::string, NamedEntity>& links() const { return links_; }
    void add_link(const NamedEntity& raw, NamedEntity entity);

    // The key links() uses for a raw name: kind letter + name.
    static std::string link_key(const NamedEntity& raw);
    // The name a link key stands for; nullopt when `key` is no link key.
    static std::optional<NamedEntity> from_link_key(std::string_view key);

    // The links as text, one per line, and back; lines of another shape are skipped.
    std::string serialise() const;
    static EntityTable unserialise(std::string_view text);

private:
    std::unordered_map<std::string, NamedEntity> links_;
};

// Changes whenever the list does: an index records what its table was computed with.
std::string curated_aliases_hash(const std::vector<CuratedAlias>& curated);

// A fingerprint of what compute_entity_table() is given: the same evidence (in the same
// order) and list give the same fingerprint, so a table recorded with it still holds.
std::string entity_table_source(const EntityEvidence& evidence,
                                const std::vector<CuratedAlias>& curated);

EntityTable compute_entity_table(const EntityEvidence& evidence,
                                 const std::vector<CuratedAlias>& curated);

}  // namespace newsindex
