// Where an article's text names its entities, found again when the article is shown.
//
// The index keeps each article's entity names, not the places the tagger found them:
// those would double the stored data for a view that shows one article at a time. The
// names are looked for in the text instead, which costs a pass over one article per
// name, and marks what the names say wherever the text says it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"

namespace newsindex {

// A way the text may write an entity: `form` ("Bakiyev", "Kurmanbek Bakiyev") stands for
// `entity` ("Kurmanbek Bakiyev"), the name a filter on the entity uses.
struct MentionForm {
    EntityKind kind = EntityKind::person;
    std::string form;
    std::string entity;
};

// One mention: bytes [begin, end) of the text name `entity` of `kind`.
struct MentionSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    EntityKind kind = EntityKind::person;
    std::string entity;

    bool operator==(const MentionSpan&) const = default;
};

// The forms of an article's entities: each name given, and a person's family name alone
// ("Bakiyev" of "Kurmanbek Bakiyev") unless two of the article's people share it.
// `names` pairs a name the article's tagging gave with the entity it stands for.
std::vector<MentionForm> mention_forms(const std::vector<MentionForm>& names);

// Every place `text` writes one of `forms`, case and all, as whole words: in text order,
// not overlapping, the longest form winning where two start at the same byte ("Bank of
// England" over "Bank").
std::vector<MentionSpan> find_mentions(std::string_view text,
                                       const std::vector<MentionForm>& forms);

}  // namespace newsindex
