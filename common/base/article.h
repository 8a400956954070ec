// The article model shared by every reader, the tagger, the indexer and the searcher.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/date.h"
#include "common/base/entity.h"

namespace newsindex {

// One news article as read from a file (or one record of a JSON / JSON Lines file).
struct Article {
    // Stable identifier: the path relative to the indexed root, plus "#N" for the N-th
    // (1-based) record of a file holding several articles.
    std::string id;
    // Path of the file the article came from, as the indexer should show it.
    std::string path;
    std::string title;
    std::string subtitle;  // the dek / standfirst, often empty
    // Body text: paragraphs separated by one blank line ("\n\n"), no boilerplate.
    std::string body;
    std::optional<Date> date;
    // Where `date` came from, for people checking a file (`newsindex show`): "json-ld",
    // "microdata datepublished", "meta article:published_time", "time element", "url",
    // "date line", "json field", "path", ...; empty without a date.
    std::string date_source;
    std::string source;
    std::string url;
    std::string author;
    // Subjects and keywords the file itself gives (a feed's categories, a wire item's
    // subject codes), in the file's order, without repeats.
    std::vector<std::string> keywords;
    // Short phrases the file sets in italics or as a citation (HTML <i>, <em>, <cite>), or
    // as code (<code>, <kbd>, class "code"), in the file's order, without repeats: titles
    // of films, books and ships, words of other languages, identifiers. The tagger reads
    // their capitals as names; a name that is only such a phrase is a work or code, not a
    // person, body or place.
    std::vector<std::string> italic_phrases;
    // ISO 639-1 code of the text's language ("en", "fr") when the detector is sure of it,
    // else the one the file declares, else empty. Only English (or unknown) is tagged:
    // the tagger knows English, and reads French capitals as names ("Parmi", "Un").
    std::string language;
    // Entities the file itself gives (a JSON record's "entities", from spaCy, GDELT or a
    // newsroom's own tagging): when set, used instead of the tagger's, even when empty.
    std::optional<std::vector<Entity>> given_entities;
    // Named entities, filled in by the tagger (empty until then). An article read back
    // from the index holds the archive-wide entities here (entity_table.h), and in
    // raw_entities the names its own tagging gave them.
    std::vector<Entity> entities;
    std::vector<NamedEntity> raw_entities;
};

}  // namespace newsindex
