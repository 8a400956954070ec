// The query language of newssearch: Xapian's QueryParser with the schema's fields.
//
//   Bakiyev extradition          every word (default AND; match_any for OR), BM25-ranked
//   AND OR NOT XOR ( ) + -       boolean operators
//   "ousted president"  NEAR ADJ phrases and proximity
//   extradit*                    trailing wildcards
//   title:refuge                 free-text field
//   person:Bakiyev org:"European Union" place:Minsk source:VOA
//                                entity and source filters (case-insensitive; filters of
//                                the same field AND together; a single word of a person
//                                filter matches any word of the person's name)
//   date:2010  date:2010-04  date:2010-04-01..2010-04-30  date:2010..  date:..2010-04-20
//   lang:fr                      articles in a language (ISO 639-1)
//
// Each article's words are stemmed in its language, so a query is read in each language
// the index holds (lang: filters narrow them): a word finds its stem in every language,
// and the word as written in any. A query with accents is also read without them, with
// a lower weight; one without finds the accented spellings (language_terms.h). Chinese,
// Japanese and Korean text is split into n-grams, as the indexer splits it.
#pragma once

#include <xapian.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/base/entity.h"
#include "common/base/error.h"

namespace newsindex {

class NewsQueryParser {
public:
    // `db` expands wildcards, and entity filters follow its entity table to the entity a
    // name stands for (entity_lookup.h). `parts` are the local databases `db` combines,
    // when known (filter_term.h says why filters ask them).
    explicit NewsQueryParser(const Xapian::Database& db, std::vector<Xapian::Database> parts = {});
    ~NewsQueryParser();
    NewsQueryParser(const NewsQueryParser&) = delete;
    NewsQueryParser& operator=(const NewsQueryParser&) = delete;

    // An empty query matches every article. A query that cannot be parsed throws
    // Error(ErrorKind::bad_input) whose what() is one line naming the problem (not the
    // query, which the caller knows). Xapian errors of the database, such as
    // DatabaseModifiedError while expanding a wildcard, pass through for the caller's
    // retry.
    //
    // With `spelling`, each unprefixed word is also looked up in the index's spelling
    // dictionary (index/spelling.h), and corrected_query() holds the query with the words
    // the dictionary spells otherwise replaced (lower case); words the index holds are
    // never replaced, nor words of fields, figures or acronyms. A database without a
    // dictionary (an older index, a remote one) gives no correction, never an error.
    Xapian::Query parse(const std::string& query, bool match_any, bool spelling = false);

    // The last parse()'s query with its misspelt words corrected; empty when none was.
    std::string corrected_query() const;

    // What the last parse() mended in its query before parsing it (query_warnings.h):
    // one line each, empty when nothing was amiss.
    const std::vector<std::string>& warnings() const { return warnings_; }

    // The stemmer of the default language.
    const Xapian::Stem& stemmer() const { return stemmer_; }

    // The languages of the index's articles (ISO 639-1 codes).
    const std::vector<std::string>& languages() const { return languages_; }

private:
    class FieldProcessors;
    // Xapian's parser with the schema's fields, stemming in `language`; made once.
    Xapian::QueryParser& parser_for(const std::string& language);
    Xapian::Stem stemmer_;
    // The field processors are owned here and must outlive the parsers, which refer to
    // them.
    std::unique_ptr<FieldProcessors> processors_;
    Xapian::Database db_;
    std::vector<std::string> languages_;
    std::map<std::string, Xapian::QueryParser> parsers_;
    std::string corrected_;
    std::vector<std::string> warnings_;
};

}  // namespace newsindex
