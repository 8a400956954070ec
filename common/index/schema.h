// The index schema: every term prefix, value slot and query field name the indexer
// writes and the searcher reads. Nothing else in the project spells a prefix or a slot.
//
// Prefixes follow Xapian's omega conventions where one exists (Q for the unique id,
// S for the title, XX... for project-specific ones), so other Xapian tools make sense
// of the database.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "common/base/entity.h"

namespace newsindex::schema {

// Bumped whenever the meaning of a prefix, slot or the document data changes; stored in
// the database metadata so an old index is detected rather than misread.
// 2: one spelling per country (place_names.h). 3: archive-wide entity names (entity_table.h).
// 4: one facet value per slot (entity_facet_slot), so stock Xapian servers count them.
// 5: all facet names packed in one slot too (kEntityFacetsSlot); entity lookups as
// metadata (kEntityLookupPrefix). 6: facet columns beside the tables (facet_columns.h);
// facet names in the packed value only. 7: Omega's date terms (D, M, Y) and document data
// that Omega and quest read (caption=, sample=, url=, modtime= lines before the JSON);
// what a name is (ner/name_lists.h): lone given names, software and other-language words
// gone, kinds decided by strong mentions, so articles tagged before carry entities that
// the same text no longer gives; each JSON Lines record's state (kRecordSlot);
// the article's language (kDataLanguage); no entities tagged in other languages, a
// file's own entities instead of the tagger's. 8: each article stemmed in its own
// language (kLanguageSlot, kLanguagePrefix), CJK text as n-grams, accent-folded variants
// of words with diacritics.
// 9: the subjects and keywords a file gives (feeds' categories, wire items' subjects):
// kKeywordPrefix terms and kDataKeywords.
// 10: records of archives and WARC files (kRecordSlot keyed by member or record), and
// what the metadata tables said of each file (kMetadataSlot).
// 11: stories (story/): band terms (XB), story terms (XG), story and signature slots.
inline constexpr int kVersion = 11;
inline constexpr std::string_view kVersionKey = "newsindex.schema";
// Metadata: the roots ever indexed (JSON array) and the last build's report (JSON object).
inline constexpr std::string_view kRootsKey = "newsindex.roots";
inline constexpr std::string_view kLastRunKey = "newsindex.last_run";
// The archive-wide entity table (entity_table.h): one line per name that stands for
// another entity, "kind letter + name" '\x1f' "kind letter + entity name". Names that
// stand for themselves have none.
inline constexpr std::string_view kEntityLinksKey = "newsindex.entity_links";
// The same links again, one metadata entry each, keyed for what a query filter looks up
// (entity_lookup.h): kEntityLookupPrefix + kind letter + entity_key(name).
inline constexpr std::string_view kEntityLookupPrefix = "newsindex.entity:";
// Whether the entity table is current (see IndexMetadata::entity_table_state).
inline constexpr std::string_view kEntityTableStateKey = "newsindex.entity_table";
// What the recorded entity table was computed from (entity_table_source() in
// entity_table.h), written with the table: a run whose articles changed but whose
// evidence did not keeps the table without recomputing it.
inline constexpr std::string_view kEntityTableSourceKey = "newsindex.entity_table_source";
// "1" when the spelling dictionary (index/spelling.h) has followed every article since
// the index was empty; an index made before it has none, until a `build --full`.
inline constexpr std::string_view kSpellingKey = "newsindex.spelling";
// A shard's notes of what its writer did to stories since they were last linked across
// the shards (stories::StoryNotes, IndexWriter::link_stories), one entry each:
// kStoryNotesPrefix + "a:" + document id (an article given a story), + "m:" + story id
// (merged into the story the value names), + "l:" + story id (lost an article).
inline constexpr std::string_view kStoryNotesPrefix = "newsindex.story_notes:";

// --- Terms -----------------------------------------------------------------------
// Unique id term, one per article: "Q" + the article's source key (the canonical root,
// '/', the article id), so two roots holding the same relative path never collide.
// Updates replace_document() on it.
inline constexpr std::string_view kIdPrefix = "Q";
// The file an article came from ("XF" + file key: canonical root '/' relative path).
// Every article of a JSON Lines file shares it; a changed one replaces only the records
// whose kRecordSlot state changed.
inline constexpr std::string_view kFilePrefix = "XF";
// The indexed root an article came from ("XR" + canonical root path).
inline constexpr std::string_view kRootPrefix = "XR";
// Title words (stemmed and unstemmed, with positions), searchable as title:word.
inline constexpr std::string_view kTitlePrefix = "S";
// Boolean entity terms: prefix + case-folded canonical name ("XPkurmanbek bakiyev").
inline constexpr std::string_view kPersonPrefix = "XP";
inline constexpr std::string_view kOrgPrefix = "XO";
inline constexpr std::string_view kPlacePrefix = "XL";
// Boolean term for each word of a person's name, so person:Bakiyev finds "Kurmanbek Bakiyev".
inline constexpr std::string_view kPersonWordPrefix = "XN";
// The evidence the entity table is computed from, one boolean term per article and name;
// not meant for queries. Raw entities: "XE" + kind letter + the name as the article's own
// normalisation gave it, case kept ("XEPReagan"). Aliases: "XA" + kind letter + a shorter
// name the article used for an entity + '\x1f' + that entity's name ("XAPReagan\x1fRonald
// Reagan", "XAOSEC\x1fSecurities and Exchange Commission").
inline constexpr std::string_view kRawEntityPrefix = "XE";
inline constexpr std::string_view kAliasEvidencePrefix = "XA";
// Boolean language term, Omega's language prefix: "L" + ISO 639-1 code ("Lfr"), one per
// article, searchable as lang:fr. Every article has one (the build's default language
// when its own is unknown); queries read the codes present from these terms.
inline constexpr std::string_view kLanguagePrefix = "L";
// Boolean source term (case-folded source name), searchable as source:VOA.
inline constexpr std::string_view kSourcePrefix = "XS";
// Boolean keyword term (case-folded subject or keyword the file gives: a feed item's
// category, a wire item's subject), searchable as keyword:economy.
inline constexpr std::string_view kKeywordPrefix = "XK";
// Boolean year and month terms ("XY2010", "XM201004"): cheap date filters and a
// fallback for tools that do not know the value slot.
inline constexpr std::string_view kYearPrefix = "XY";
inline constexpr std::string_view kMonthPrefix = "XM";
// Omega's own date terms ("D20100420", "M201004", "Y2010"), which its date range filters
// (START, END, SPAN) read when no DATEVALUE slot is given.
inline constexpr std::string_view kOmegaDayPrefix = "D";
inline constexpr std::string_view kOmegaMonthPrefix = "M";
inline constexpr std::string_view kOmegaYearPrefix = "Y";
// Stories (story/fingerprint.h): the candidate keys of the article's fingerprint ("XB" +
// six hex digits, at most stories::kKeys of them), through which the writer finds an
// article's candidate versions; and the story the article belongs to
// ("XG" + the story id), whose term frequency is the story's size.
inline constexpr std::string_view kStoryKeyPrefix = "XB";
inline constexpr std::string_view kStoryPrefix = "XG";

// Boolean terms built from names are clipped to this many bytes (Xapian refuses terms
// over 245 bytes); the query side clips the same way, so clipped terms still match.
inline constexpr std::size_t kMaxBooleanValueBytes = 200;

// Term weight of the title relative to body text (applied as wdf increment).
inline constexpr Xapian::termcount kTitleWeight = 3;
inline constexpr Xapian::termcount kSubtitleWeight = 2;
// Gap in term positions between title, subtitle and body, so phrases and NEAR never
// match across fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// --- Value slots -------------------------------------------------------------------
// "YYYYMMDD": sorting by date and date:A..B ranges.
inline constexpr Xapian::valueno kDateSlot = 0;
// Slots 1-3 held packed entity lists up to schema 3; they stay unused.
// What incremental builds compare to decide whether a file changed: its size and mtime
// (decimal), a hash of its content (for --verify), and the file key itself (so the
// files of a root can be listed without the term limit's hashing getting in the way).
// A file's state is read from its first article (lowest document id): a run that keeps
// some records of a JSON Lines file as they were updates only that one.
inline constexpr Xapian::valueno kFileSizeSlot = 4;
inline constexpr Xapian::valueno kFileMtimeSlot = 5;
inline constexpr Xapian::valueno kFileHashSlot = 6;
inline constexpr Xapian::valueno kFileKeySlot = 7;
// Every facet name of the article (facet_values.h) in one value. Local searches count
// facets from the facet columns made of these values (facet_columns.h), or from the
// values themselves; a stock xapian-tcpsrv, which runs none of our match spies, counts
// them with Xapian's own ValueCountMatchSpy, whose counts per packed value split exactly
// into counts per name (an article never repeats a name).
inline constexpr Xapian::valueno kEntityFacetsSlot = 8;
// Each record of a file read record by record (file_records.h): the record's key (a JSON
// Lines file's line number, an archive member's name, a WARC record's position), ' ', and
// a hash (FNV-1a, hex) of its bytes and of what the metadata tables say of the file. A
// changed file re-indexes only the records whose state is not in the index; the articles
// of records that are gone leave it.
inline constexpr Xapian::valueno kRecordSlot = 9;
// The story id (16 hex digits, as in the XG term): Xapian's collapse key for --collapse.
inline constexpr Xapian::valueno kStorySlot = 10;
// The article's MinHash signature (stories::encode_signature), what a new article is
// compared with; empty when the body is too short for one.
inline constexpr Xapian::valueno kStorySignatureSlot = 11;
// The language the article was indexed in (ISO 639-1, as the kLanguagePrefix term):
// the language facet counts it.
inline constexpr Xapian::valueno kLanguageSlot = 12;
// What the metadata tables (metadata_table.h) said of the article's file and its articles
// when it was written: a hash, empty when they named none. A file whose tables now say
// otherwise is read again, even when the file itself did not change.
inline constexpr Xapian::valueno kMetadataSlot = 13;
// Slots 1000 and up held one facet name each up to schema 5; they stay unused.

// Names of one kind an article contributes to facets (filters see them all): the first
// ones it mentions. Lists of a hundred names are tables, not news.
inline constexpr std::size_t kMaxFacetValuesPerKind = 64;

// --- Query fields --------------------------------------------------------------------
inline constexpr std::string_view kTitleField = "title";
inline constexpr std::string_view kDateField = "date";
inline constexpr std::string_view kSourceField = "source";
inline constexpr std::string_view kKeywordField = "keyword";
inline constexpr std::string_view kYearField = "year";
inline constexpr std::string_view kLanguageField = "lang";

// --- Document data ---------------------------------------------------------------------
// Lines of NAME=VALUE, as Omega reads them ($field{NAME}), each value on one line: first
// the fields Omega's templates show, then the article as one JSON object (the keys
// below) after kDataJsonField=. The JSON is what newsindex reads; the Omega fields are
// copies, kept short.
inline constexpr std::string_view kOmegaCaptionField = "caption";  // the title
inline constexpr std::string_view kOmegaSampleField = "sample";    // the body's start
inline constexpr std::string_view kOmegaUrlField = "url";          // the URL, else file://PATH
inline constexpr std::string_view kOmegaModtimeField = "modtime";  // the date, in Unix time
inline constexpr std::string_view kDataJsonField = "newsindex";
// Most bytes of the body in the sample field (cut at a word).
inline constexpr std::size_t kOmegaSampleBytes = 300;

// The JSON object's keys.
inline constexpr std::string_view kDataId = "id";
inline constexpr std::string_view kDataPath = "path";
inline constexpr std::string_view kDataTitle = "title";
inline constexpr std::string_view kDataSubtitle = "subtitle";
inline constexpr std::string_view kDataDate = "date";  // "YYYY-MM-DD"
inline constexpr std::string_view kDataSource = "source";
inline constexpr std::string_view kDataUrl = "url";
inline constexpr std::string_view kDataAuthor = "author";
inline constexpr std::string_view kDataKeywords = "keywords";  // array, when the file gives any
inline constexpr std::string_view kDataLanguage = "language";  // ISO 639-1, when known
inline constexpr std::string_view kDataBody = "body";          // the text snippets are cut from
inline constexpr std::string_view kDataEntities = "entities";
// The names the article's own tagging gave, before the entity table: {"person": [...], ...}.
inline constexpr std::string_view kDataRawEntities = "raw_entities";

// The language of an article whose own is unknown or undetermined (short or mixed text),
// unless a build says another (`newsindex build --language`).
inline constexpr std::string_view kDefaultLanguage = "en";

// Per-kind schema entries.
std::string_view entity_prefix(EntityKind kind);

// Longest unique term written; longer ones are shortened with a hash (see unique_term).
inline constexpr std::size_t kMaxIdTermBytes = 240;

// Prefix + value clipped to kMaxBooleanValueBytes; empty when the value is empty.
std::string boolean_term(std::string_view prefix, std::string_view value);

// Prefix + value, shortened with a hash of the whole value when it would pass
// kMaxIdTermBytes, so the term stays unique.
std::string unique_term(std::string_view prefix, std::string_view value);

// "Q" + key, the unique term of an article.
std::string id_term(std::string_view article_key);
// "XF" + key, the term of a source file.
std::string file_term(std::string_view file_key);
// "XR" + root.
std::string root_term(std::string_view root_key);
// "XG" + story id.
std::string story_term(std::string_view story_id);
// Prefix + case-folded key: the boolean term of one entity.
std::string entity_term(EntityKind kind, std::string_view key);

// Query field names of the entity kinds: "person", "org", "place".
std::string_view entity_field(EntityKind kind);

}  // namespace newsindex::schema
