// The entity part of an article's document: the evidence terms the entity table is
// computed from, and the entity terms, facet values and stored names that follow from
// the table. Kept apart from the rest of the document so the table can change an
// article's entities without reading its file again.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/entity.h"
#include "common/index/entity_table.h"

namespace newsindex {

// The article's entities as its own normalisation named them, with the names it folded
// into them: XE and XA terms (schema.h).
void add_entity_evidence(Xapian::Document& doc, const std::vector<Entity>& entities);
// The terms add_entity_evidence adds, each once.
std::vector<std::string> entity_evidence_terms(const std::vector<Entity>& entities);
// Counts an evidence term that `articles` articles hold into `evidence`; a term of
// another shape is left out.
void add_evidence_term(EntityEvidence& evidence, std::string_view term, std::uint32_t articles);

// The entities `raw` stand for under `table`, each once (an article that names one
// entity two ways counts once in its facet), grouped by kind in kEntityKinds order and
// otherwise in the order of `raw`: the order the stored article keeps them in, so an
// unchanged resolution compares equal.
std::vector<NamedEntity> resolve_entities(const std::vector<NamedEntity>& raw,
                                          const EntityTable& table);

// Sets the entity filter terms and facet values to `entities`, replacing any there were.
void set_entity_terms(Xapian::Document& doc, const std::vector<NamedEntity>& entities);

// Brings a stored article's entities up to date with `table`, from the raw entities its
// data keeps; false when nothing changed.
bool apply_entity_table(Xapian::Document& doc, const EntityTable& table);

}  // namespace newsindex
