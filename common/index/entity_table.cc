#include "common/index/entity_table.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>

#include "common/base/content_hash.h"
#include "common/base/entity_key.h"
#include "common/base/utf8.h"
#include "common/ner/name_lists.h"
#include "common/ner/normalize.h"

namespace newsindex {

namespace {

constexpr std::size_t kNoGroup = static_cast<std::size_t>(-1);

// At least three quarters of the articles behind the candidates.
bool dominates(std::uint64_t best, std::uint64_t total) {
    return best * 4 >= total * 3;
}

std::string last_word(std::string_view key) {
    const auto space = key.rfind(' ');
    return std::string(space == std::string_view::npos ? key : key.substr(space + 1));
}

std::size_t word_count(std::string_view key) {
    return key.empty() ? 0 : static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

// One entity of the archive while the table is worked out.
struct Group {
    EntityKind kind = EntityKind::person;
    std::string key;  // case-folded; for organisations without company forms
    std::uint64_t articles = 0;
    std::map<std::string, std::uint64_t> forms;  // written names -> articles
    std::string curated_name;                    // the curated list's spelling, if any
    std::size_t link = kNoGroup;                 // the entity it stands for
    std::size_t members = 0;                     // raw names in it
    bool company = false;                        // some name of it has company forms
    bool dropped = false;                        // names nobody: no facet value
    bool curated_acronym = false;                // its curated alias is an acronym ("UN")

    std::string display() const {
        if (!curated_name.empty()) return curated_name;
        const auto best =
            std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
                const bool a_shouted = utf8::is_upper_case(a.first);
                if (a_shouted != utf8::is_upper_case(b.first)) return a_shouted;
                if (a.second != b.second) return a.second < b.second;
                return a.first.size() < b.first.size();
            });
        return best == forms.end() ? std::string() : best->first;
    }
};

// An organisation that is a business: a name with company forms or a possessive
// ("Moody's Investors Service"), or one that ends in a word only firms end in ("Chase
// Manhattan Bank", "Salomon Brothers").
bool is_firm(const Group& group) {
    static constexpr std::array<std::string_view, 12> kFirmWords = {
        "bank",       "brothers", "group",      "partners", "securities", "investors",
        "associates", "holdings", "industries", "trust",    "capital",    "sons"};
    if (group.company || group.key.find("'s ") != std::string::npos) return true;
    const std::string last = last_word(group.key);
    return std::find(kFirmWords.begin(), kFirmWords.end(), last) != kFirmWords.end();
}

class TableBuilder {
public:
    TableBuilder(const EntityEvidence& evidence, const std::vector<CuratedAlias>& curated)
        : evidence_(evidence) {
        for (const auto& alias : curated) curated_[entity_key(alias.alias)] = &alias;
    }

    EntityTable build() {
        decide_kinds();
        make_groups();
        link_curated();
        link_by_evidence();
        link_by_name_shape();
        EntityTable table;
        // Every curated alias, used in the archive or not, so that filters follow it.
        for (const auto& [key, alias] : curated_) {
            if (alias->name.empty()) continue;  // suppressed: its articles' names drop below
            const std::size_t root = root_of(group_for(alias->kind, entity_key(alias->name)));
            NamedEntity entity{groups_[root].kind, display_of(root)};
            NamedEntity raw{alias->kind, alias->alias};
            if (!entity.name.empty() && !(entity == raw)) table.add_link(raw, std::move(entity));
        }
        for (std::size_t i = 0; i < evidence_.names.size(); ++i) {
            const NamedEntity& raw = evidence_.names[i].entity;
            // "Un" in one article and "UN" in another share a key, but only the capitals
            // are the acronym.
            if (groups_[raw_group_[i]].curated_acronym && !utf8::is_upper_case(raw.name)) continue;
            const std::size_t root = root_of(raw_group_[i]);
            if (groups_[root].dropped) {
                table.add_link(raw, {raw.kind, std::string()});
                continue;
            }
            NamedEntity entity{groups_[root].kind, display_of(root)};
            if (!entity.name.empty() && !(entity == raw)) table.add_link(raw, std::move(entity));
        }
        return table;
    }

private:
    // Rule 1: one kind per case-folded name, on the whole archive's evidence.
    void decide_kinds() {
        std::map<std::string, std::array<std::uint64_t, 3>> votes;
        std::map<std::string, std::uint64_t> company_articles;
        for (const auto& [entity, articles] : evidence_.names) {
            const std::string key = entity_key(entity.name);
            votes[key][static_cast<std::size_t>(entity.kind)] += articles;
            if (entity.kind != EntityKind::org) continue;
            const std::string bare = ner::bare_company_key(key);
            if (bare != key) company_articles[bare] += articles;
        }
        for (const auto& [key, count] : votes) {
            const std::uint64_t total = count[0] + count[1] + count[2];
            // Company forms outweigh the tagger, unless they are a rare use of a common
            // name ("Japan Inc" beside thousands of "Japan").
            const auto company = company_articles.find(key);
            if (company != company_articles.end() && company->second * 4 >= total) {
                kind_[key] = EntityKind::org;
                continue;
            }
            if (const auto it = curated_.find(key); it != curated_.end()) {
                kind_[key] = it->second->kind;
                continue;
            }
            for (std::size_t k = 0; k < 3; ++k)
                if (count[k] * 2 > total) kind_[key] = static_cast<EntityKind>(k);
        }
    }

    EntityKind kind_of(const NamedEntity& raw, const std::string& key) const {
        const auto it = kind_.find(key);
        return it == kind_.end() ? raw.kind : it->second;
    }

    std::string group_key(EntityKind kind, const std::string& key) const {
        std::string gkey(1, entity_kind_letter(kind));
        gkey += kind == EntityKind::org ? ner::bare_company_key(key) : key;
        return gkey;
    }

    std::size_t group_for(EntityKind kind, const std::string& key) {
        const auto [it, inserted] = group_index_.try_emplace(group_key(kind, key), groups_.size());
        if (inserted) {
            Group g;
            g.kind = kind;
            g.key = kind == EntityKind::org ? ner::bare_company_key(key) : key;
            groups_.push_back(std::move(g));
        }
        return it->second;
    }

    // The group a name is in, when it is in the evidence's names at all.
    std::size_t find_group(std::string_view name) const {
        const std::string key = entity_key(name);
        const auto kind = kind_.find(key);
        if (kind == kind_.end()) return kNoGroup;
        const auto it = group_index_.find(group_key(kind->second, key));
        return it == group_index_.end() ? kNoGroup : it->second;
    }

    // Rule 2.
    void make_groups() {
        raw_group_.reserve(evidence_.names.size());
        for (const auto& [entity, articles] : evidence_.names) {
            const std::string key = entity_key(entity.name);
            const std::size_t g = group_for(kind_of(entity, key), key);
            groups_[g].articles += articles;
            groups_[g].forms[entity.name] += articles;
            if (kind_of(entity, key) == EntityKind::org && ner::bare_company_key(key) != key)
                groups_[g].company = true;
            ++groups_[g].members;
            raw_group_.push_back(g);
        }
    }

    // Rule 3, first part.
    void link_curated() {
        const std::size_t existing = groups_.size();
        for (std::size_t g = 0; g < existing; ++g) {
            const auto it = curated_.find(groups_[g].key);
            if (it == curated_.end()) continue;
            const CuratedAlias& alias = *it->second;
            // An empty name suppresses the alias: it names nobody ("person	Max	-").
            if (alias.name.empty()) {
                groups_[g].dropped = true;
                continue;
            }
            // A two-letter acronym in the list ("UN") stands for its expansion only where the
            // archive writes it in capitals: the French "Un" is no United Nations (wire copy
            // writes longer ones as words: "Opec", "Unctad").
            groups_[g].curated_acronym = ner::acronym_letters(alias.alias).size() == 2;
            if (groups_[g].curated_acronym &&
                std::none_of(groups_[g].forms.begin(), groups_[g].forms.end(),
                             [](const auto& f) { return utf8::is_upper_case(f.first); }))
                continue;
            const std::size_t target = group_for(alias.kind, entity_key(alias.name));
            groups_[target].curated_name = alias.name;
            if (target != g) groups_[g].link = target;
        }
        // A curated name that is also written out in articles keeps the list's spelling.
        for (const auto& [key, alias] : curated_) {
            if (alias->name.empty()) continue;
            const auto it = group_index_.find(group_key(alias->kind, entity_key(alias->name)));
            if (it != group_index_.end()) groups_[it->second].curated_name = alias->name;
        }
    }

    // Rule 3, second part: articles that folded one name into another entity.
    void link_by_evidence() {
        std::map<std::size_t, std::map<std::size_t, std::uint64_t>> votes;
        for (const auto& alias : evidence_.aliases) {
            const std::size_t from = find_group(alias.alias);
            const std::size_t to = find_group(alias.name);
            if (from == kNoGroup || to == kNoGroup || from == to) continue;
            if (groups_[from].kind != groups_[to].kind) continue;
            votes[from][to] += alias.articles;
        }
        for (const auto& [from, targets] : votes) {
            if (groups_[from].link != kNoGroup || groups_[from].dropped) continue;
            std::uint64_t total = 0;
            auto best = targets.begin();
            for (auto it = targets.begin(); it != targets.end(); ++it) {
                total += it->second;
                if (it->second > best->second) best = it;
            }
            // One article's folding does not outweigh hundreds that use the name alone
            // ("Moody" beside "Series A. Moody" once, and "Moody's" everywhere).
            const std::uint64_t alone = groups_[from].articles;
            // Never back to itself: a user's alias may run the other way ("Federal
            // Reserve" -> "Fed" where articles fold "Fed" into "Federal Reserve").
            if (dominates(best->second, total) && best->second * 20 >= alone &&
                (best->second >= 2 || alone <= 2) && root_of(best->first) != from)
                groups_[from].link = best->first;
        }
    }

    // Rule 3, last part: surnames, acronyms and people-named firms with no evidence.
    void link_by_name_shape() {
        std::map<std::string, std::vector<std::size_t>> people_by_surname, people_by_first_name,
            orgs_by_initials, firms_by_name;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const Group& group = groups_[g];
            if (word_count(group.key) < 2) continue;
            if (group.kind == EntityKind::person) {
                const std::string surname = last_word(group.key);
                people_by_surname[surname].push_back(g);
                // "Bashir" of "Omar Hassan al-Bashir".
                if (const auto dash = surname.find('-');
                    dash != std::string::npos && dash <= 3 && dash + 1 < surname.size() &&
                    (surname.starts_with("al-") || surname.starts_with("el-")))
                    people_by_surname[surname.substr(dash + 1)].push_back(g);
                people_by_first_name[group.key.substr(0, group.key.find(' '))].push_back(g);
                continue;
            }
            if (group.kind != EntityKind::org) continue;
            const std::string letters = ner::initials(group.display());
            if (letters.size() >= 2) orgs_by_initials[letters].push_back(g);
            // Firms named after people ("Goldman Sachs and Co", "Moody's Investors
            // Service Inc", "Standard and Poor's Corp"), under their leading words and their
            // possessive words.
            if (!is_firm(group)) continue;
            const auto add = [&](const std::string& name) {
                auto& list = firms_by_name[name];
                if (list.empty() || list.back() != g) list.push_back(g);
            };
            std::string prefix;
            std::size_t begin = 0;
            while (begin < group.key.size()) {
                const std::size_t end = std::min(group.key.find(' ', begin), group.key.size());
                std::string word = group.key.substr(begin, end - begin);
                if (word.ends_with("'s")) {
                    word.resize(word.size() - 2);
                    add(word);
                }
                prefix += (prefix.empty() ? "" : " ") + word;
                add(prefix);
                begin = end + 1;
            }
        }
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            Group& group = groups_[g];
            if (group.link != kNoGroup || group.members == 0 || group.dropped) continue;
            if (group.kind == EntityKind::person) {
                // A firm named after a person, or a surname of full names in the archive,
                // whichever holds more articles.
                const auto firms = firms_by_name.find(group.key);
                const auto people = word_count(group.key) == 1 ? people_by_surname.find(group.key)
                                                               : people_by_surname.end();
                const std::uint64_t firm_articles =
                    firms == firms_by_name.end() ? 0 : articles_of(firms->second, g);
                const std::uint64_t people_articles =
                    people == people_by_surname.end() ? 0 : articles_of(people->second, g);
                if (firm_articles > people_articles && firm_articles > 0) {
                    group.link = dominant(firms->second);
                    // Several firms share the name ("Shell Oil Co", "Shell Canada Ltd"):
                    // it is still a firm's name, not a person's.
                    if (group.link == kNoGroup) group.link = as_organisation(g);
                } else if (people_articles > 0) {
                    group.link = dominant(people->second, group.articles);
                } else if (const auto named = people_by_first_name.find(group.key);
                           word_count(group.key) == 1 && named != people_by_first_name.end() &&
                           named->second.size() >= 3) {
                    // "Bill" alone, where Bill Sullivan, Bill Saxon and Bill Emerson are
                    // all in the archive: a first name names nobody in particular.
                    group.dropped = true;
                }
            } else if (group.kind == EntityKind::org && word_count(group.key) == 1) {
                // Two letters are too few to say which body without an article that spells
                // them out ("AP" is not "Amazon Prime", "OS" not "Open Source").
                const std::string letters = ner::acronym_letters(group.display());
                const auto orgs = orgs_by_initials.find(letters);
                if (letters.size() >= 3 && orgs != orgs_by_initials.end())
                    group.link = dominant(orgs->second);
                // "Ford" -> "Ford Motor Co": a one-word name that starts the name of one
                // company (with company forms) of the archive, and of no other, and one named
                // in at least a quarter as many articles ("Reuters" is the agency, not
                // "Reuters Holdings Plc"; "Congress" no "Congress Financial Group").
                const auto firms = firms_by_name.find(group.key);
                if (group.link == kNoGroup && letters.empty() && firms != firms_by_name.end()) {
                    std::vector<std::size_t> others;
                    for (const std::size_t f : firms->second)
                        if (f != g && groups_[f].company) others.push_back(f);
                    const std::size_t firm = others.empty() ? kNoGroup : dominant(others);
                    if (firm != kNoGroup && groups_[firm].articles * 4 >= group.articles)
                        group.link = firm;
                }
            }
            if (groups_[g].link != kNoGroup && root_of(groups_[g].link) == g)
                groups_[g].link = kNoGroup;
        }
    }

    // The organisation of the same name as group `g`, made if need be.
    std::size_t as_organisation(std::size_t g) {
        const std::string display = groups_[g].display();
        const std::size_t org = group_for(EntityKind::org, groups_[g].key);
        if (groups_[org].forms.empty() && groups_[org].curated_name.empty())
            groups_[org].curated_name = display;
        return org == g ? kNoGroup : org;
    }

    // Articles behind the candidates other than `self`.
    std::uint64_t articles_of(const std::vector<std::size_t>& candidates, std::size_t self) const {
        std::uint64_t total = 0;
        for (const std::size_t c : candidates)
            if (c != self) total += groups_[c].articles;
        return total;
    }

    // The candidate with three quarters of the candidates' articles, if any. A short form
    // used in `short_form_articles` articles needs a candidate with at least two articles
    // and a twentieth as many as that ("Chase" in 19 articles is not "Rodney Chase", named
    // once).
    std::size_t dominant(const std::vector<std::size_t>& candidates,
                         std::uint64_t short_form_articles = 0) const {
        std::uint64_t total = 0;
        std::size_t best = kNoGroup;
        for (const std::size_t c : candidates) {
            total += groups_[c].articles;
            if (best == kNoGroup || groups_[c].articles > groups_[best].articles) best = c;
        }
        if (best == kNoGroup || !dominates(groups_[best].articles, total)) return kNoGroup;
        // The only full name of the archive that the short form can stand for takes it
        // however rarely it is written out ("Reagan" -> "Ronald Reagan" named once), when
        // it starts with a given name: "Energy Subroto", a title the tagger kept, does not.
        if (candidates.size() == 1 && groups_[best].kind == EntityKind::person &&
            ner::is_given_name(groups_[best].key.substr(0, groups_[best].key.find(' '))))
            return best;
        if (short_form_articles > 0 &&
            (groups_[best].articles < 2 || groups_[best].articles * 20 < short_form_articles))
            return kNoGroup;
        return best;
    }

    // Group g's display name, worked out once: many raw names share a root.
    const std::string& display_of(std::size_t g) {
        displays_.resize(groups_.size());
        if (!displays_[g]) displays_[g] = groups_[g].display();
        return *displays_[g];
    }

    // Follows links to their end; a loop ends where it closes.
    std::size_t root_of(std::size_t g) const {
        for (std::size_t steps = 0; groups_[g].link != kNoGroup && steps < groups_.size(); ++steps)
            g = groups_[g].link;
        return g;
    }

    const EntityEvidence& evidence_;
    std::map<std::string, const CuratedAlias*> curated_;  // by alias key
    std::map<std::string, EntityKind> kind_;              // decided kinds by key
    std::map<std::string, std::size_t> group_index_;      // group key -> group
    std::vector<Group> groups_;
    std::vector<std::size_t> raw_group_;  // per evidence name
    std::vector<std::optional<std::string>> displays_;
};

}  // namespace

NamedEntity EntityTable::resolve(const NamedEntity& raw) const {
    const auto it = links_.find(link_key(raw));
    return it == links_.end() ? raw : it->second;
}

void EntityTable::add_link(const NamedEntity& raw, NamedEntity entity) {
    links_[link_key(raw)] = std::move(entity);
}

std::string EntityTable::link_key(const NamedEntity& raw) {
    std::string key(1, entity_kind_letter(raw.kind));
    key += raw.name;
    return key;
}

std::optional<NamedEntity> EntityTable::from_link_key(std::string_view key) {
    if (key.empty()) return std::nullopt;
    const auto kind = entity_kind_from_letter(key.front());
    if (!kind) return std::nullopt;
    return NamedEntity{*kind, std::string(key.substr(1))};
}

std::string EntityTable::serialise() const {
    // Sorted, so an unchanged table writes the same bytes.
    std::map<std::string_view, const NamedEntity*> sorted;
    for (const auto& [raw, entity] : links_) sorted.emplace(raw, &entity);
    std::string text;
    for (const auto& [raw, entity] : sorted) {
        text += raw;
        text += '\x1f';
        text += link_key(*entity);
        text += '\n';
    }
    return text;
}

EntityTable EntityTable::unserialise(std::string_view text) {
    EntityTable table;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const auto separator = line.find('\x1f');
        if (separator == std::string_view::npos) continue;
        const auto raw = from_link_key(line.substr(0, separator));
        const auto entity = from_link_key(line.substr(separator + 1));
        if (raw && entity) table.add_link(*raw, *entity);
    }
    return table;
}

std::string curated_aliases_hash(const std::vector<CuratedAlias>& curated) {
    Fnv1a64 hash;
    for (const auto& alias : curated) {
        hash.update(entity_kind_name(alias.kind));
        for (const std::string_view part :
             {std::string_view("\t"), std::string_view(alias.alias), std::string_view("\t"),
              std::string_view(alias.name), std::string_view("\n")})
            hash.update(part);
    }
    return hash.hex();
}

std::string entity_table_source(const EntityEvidence& evidence,
                                const std::vector<CuratedAlias>& curated) {
    // Two hashes of every entry with its count, and the numbers of entries: evidence that
    // differs anywhere gives another fingerprint, short of a collision of both.
    Fnv1a64 forward;
    Fnv1a64 salted;
    salted.update("newsindex entity evidence");
    const auto add = [&](std::string_view part) {
        forward.update(part);
        salted.update(part);
    };
    add(curated_aliases_hash(curated));
    for (const auto& [entity, articles] : evidence.names) {
        add(entity_kind_name(entity.kind));
        add("\x1f");
        add(entity.name);
        add("\x1f");
        add(std::to_string(articles));
        add("\n");
    }
    add("\x1e");
    for (const auto& alias : evidence.aliases) {
        add(entity_kind_name(alias.kind));
        add("\x1f");
        add(alias.alias);
        add("\x1f");
        add(alias.name);
        add("\x1f");
        add(std::to_string(alias.articles));
        add("\n");
    }
    return forward.hex() + salted.hex() + ":" + std::to_string(evidence.names.size()) + ":" +
           std::to_string(evidence.aliases.size());
}

EntityTable compute_entity_table(const EntityEvidence& evidence,
                                 const std::vector<CuratedAlias>& curated) {
    return TableBuilder(evidence, curated).build();
}

EntityEvidence merge_evidence(const std::vector<EntityEvidence>& parts) {
    std::map<std::pair<std::string, EntityKind>, std::uint32_t> names;
    std::map<std::tuple<EntityKind, std::string, std::string>, std::uint32_t> aliases;
    for (const auto& part : parts) {
        for (const auto& name : part.names)
            names[{name.entity.name, name.entity.kind}] += name.articles;
        for (const auto& alias : part.aliases)
            aliases[{alias.kind, alias.alias, alias.name}] += alias.articles;
    }
    EntityEvidence merged;
    for (const auto& [key, articles] : names)
        merged.names.push_back({NamedEntity{key.second, key.first}, articles});
    for (const auto& [key, articles] : aliases)
        merged.aliases.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), articles});
    return merged;
}

}  // namespace newsindex
