#include "common/search/mentions.h"

#include <algorithm>
#include <map>
#include <set>

namespace newsindex {

namespace {

// Letters and digits of any script continue a word: bytes of a multi-byte UTF-8 sequence
// count as such, so "Bakiyevá" is not a mention of "Bakiyev".
bool word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') ||
           ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
}

// The last word of a name of several: a person's family name.
std::string_view family_name(std::string_view name) {
    const auto space = name.rfind(' ');
    if (space == std::string_view::npos) return {};
    return name.substr(space + 1);
}

// Whether a family name is worth marking alone: capitalised and longer than an initial
// or a suffix ("Jr", "III" are caught by needing a lower-case letter after the first).
bool usable_family_name(std::string_view word) {
    if (word.size() < 3 || !(word[0] >= 'A' && word[0] <= 'Z')) return false;
    return std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::vector<MentionForm> mention_forms(const std::vector<MentionForm>& names) {
    std::vector<MentionForm> forms;
    std::set<std::pair<std::string, std::string>> seen;  // form, entity
    const auto add = [&](EntityKind kind, std::string form, const std::string& entity) {
        if (form.empty() || !seen.emplace(form, entity).second) return;
        forms.push_back({kind, std::move(form), entity});
    };
    for (const auto& name : names) {
        add(name.kind, name.form, name.entity);
        add(name.kind, name.entity, name.entity);
    }
    // Family names, unless they would stand for two people, or are a whole name already.
    std::map<std::string, std::set<std::string>> families;
    for (const auto& name : names)
        if (name.kind == EntityKind::person)
            for (const std::string_view full :
                 {std::string_view(name.form), std::string_view(name.entity)})
                if (const auto family = family_name(full); usable_family_name(family))
                    families[std::string(family)].insert(name.entity);
    for (const auto& [family, entities] : families)
        if (entities.size() == 1) add(EntityKind::person, family, *entities.begin());
    // A form that names two entities marks neither: the text cannot tell which it means.
    std::map<std::string, std::set<std::string>> entities_of;
    for (const auto& form : forms) entities_of[form.form].insert(form.entity);
    std::erase_if(forms,
                  [&](const MentionForm& form) { return entities_of[form.form].size() > 1; });
    return forms;
}

std::vector<MentionSpan> find_mentions(std::string_view text,
                                       const std::vector<MentionForm>& forms) {
    std::vector<MentionSpan> found;
    for (const auto& form : forms) {
        if (form.form.empty()) continue;
        for (std::size_t at = text.find(form.form); at != std::string_view::npos;
             at = text.find(form.form, at + 1)) {
            const std::size_t end = at + form.form.size();
            if ((at > 0 && word_byte(text[at - 1])) || (end < text.size() && word_byte(text[end])))
                continue;
            found.push_back({at, end, form.kind, form.entity});
        }
    }
    std::sort(found.begin(), found.end(), [](const MentionSpan& a, const MentionSpan& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<MentionSpan> kept;
    for (auto& span : found)
        if (kept.empty() || span.begin >= kept.back().end) kept.push_back(std::move(span));
    return kept;
}

}  // namespace newsindex
