#include "common/index/entity_report.h"

#include <xapian.h>

#include <algorithm>
#include <map>

#include "common/base/entity_key.h"
#include "common/index/entity_table.h"
#include "common/index/entity_terms.h"
#include "common/index/index_open.h"
#include "common/index/schema.h"
#include "common/index/xapian_error.h"

namespace newsindex {

namespace {

bool more_articles(const ArchiveEntity& a, const ArchiveEntity& b) {
    if (a.articles != b.articles) return a.articles > b.articles;
    return a.entity.name < b.entity.name;
}

}  // namespace

EntityReport top_entities(const std::filesystem::path& database, std::size_t limit,
                          std::optional<EntityKind> kind) {
    const Xapian::Database db = open_index(database);
    return xapian_guard("index " + database.string(), [&] {
        const auto table =
            EntityTable::unserialise(db.get_metadata(std::string(schema::kEntityLinksKey)));
        struct Found {
            ArchiveEntity entity;
            std::map<std::string, std::uint32_t> aliases;
        };
        std::map<std::string, Found> by_term;  // the entity's filter term
        EntityReport report;
        const std::string prefix(schema::kRawEntityPrefix);
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            const auto raw = parse_raw_entity_term(*it);
            if (!raw) continue;
            const NamedEntity resolved = table.resolve(*raw);
            if (kind && resolved.kind != *kind) continue;
            if (resolved.name.empty()) {
                report.suppressed.push_back({*raw, it.get_termfreq(), {}});
                continue;
            }
            const auto terms = entity_terms(resolved.kind, resolved.name);
            if (terms.term.empty()) continue;
            auto& found = by_term[terms.term];
            if (found.entity.entity.name.empty()) {
                found.entity.entity = {resolved.kind, terms.name};
                found.entity.articles = db.get_termfreq(terms.term);
            }
            // Spellings that differ only in case or spacing are the name itself.
            if (entity_key(raw->name) != entity_key(terms.name))
                found.aliases[raw->name] += it.get_termfreq();
        }
        std::vector<ArchiveEntity>& entities = report.top;
        for (auto& [term, found] : by_term) {
            std::vector<std::pair<std::string, std::uint32_t>> aliases(found.aliases.begin(),
                                                                       found.aliases.end());
            std::stable_sort(aliases.begin(), aliases.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            for (auto& alias : aliases) found.entity.aliases.push_back(std::move(alias.first));
            if (found.entity.articles > 0) entities.push_back(std::move(found.entity));
        }
        std::sort(entities.begin(), entities.end(), more_articles);
        if (entities.size() > limit) entities.resize(limit);
        std::sort(report.suppressed.begin(), report.suppressed.end(), more_articles);
        if (report.suppressed.size() > limit) report.suppressed.resize(limit);
        return report;
    });
}

}  // namespace newsindex
