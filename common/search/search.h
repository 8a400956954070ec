// Running a query against the index: ranked hits, snippets and exact facet counts.
#pragma once

#include <xapian.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/article.h"
#include "common/base/date.h"
#include "common/search/article_view.h"
#include "common/search/entity_profile.h"
#include "common/search/explain.h"
#include "common/search/facet_spy.h"
#include "common/search/snippet.h"
#include "common/story/version_diff.h"

namespace newsindex {

enum class SortOrder { relevance, date_ascending, date_descending };

// The order of an entity facet's values: most matches first, or most notable first (how
// much more often the matches name a value than the whole archive does: notable.h).
enum class FacetOrder { count, notable };

// What a search does with words the index's spelling dictionary spells otherwise.
enum class Spelling {
    off,
    suggest,  // SearchResponse::suggestion says how the query would be spelt
    correct,  // and when nothing matches, the search runs the suggestion instead
};

// The bucket of the date facet, chosen from the span of the matches' dates.
enum class DateBucket { day, month, year };
std::string_view date_bucket_name(DateBucket bucket);  // "day", "month", "year"

// The facets a search can count: the three entity kinds, a date histogram and the
// articles' languages.
inline constexpr std::array<std::string_view, 5> kFacetNames = {"person", "org", "place", "date",
                                                                "language"};

struct SearchRequest {
    std::string query;
    bool match_any = false;  // OR instead of AND between words
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    SortOrder sort = SortOrder::relevance;
    // Count every match (and every facet value) exactly; false trades exactness for speed
    // and the response says so.
    bool exact = true;
    std::vector<std::string> facets;  // names from kFacetNames
    std::size_t facet_limit = 10;
    FacetOrder facet_order = FacetOrder::count;
    // The date facet's bucket; unset: chosen from the span of the matches' dates
    // (date_histogram).
    std::optional<DateBucket> date_bucket;
    std::size_t snippet_length = 240;  // bytes of snippet text
    // More like this: the id or path of an article (as a hit shows them). The search
    // then ranks articles by the terms that best tell that one apart (Xapian's relevance
    // feedback), leaves it out, and keeps `query` as a filter.
    std::string like;
    // Only articles dated from `since` to `until`, both included (an undated article is
    // then left out). base/date.h's parse_user_date reads them as people write them.
    std::optional<Date> since;
    std::optional<Date> until;
    Spelling spelling = Spelling::correct;
    // Each hit's explanation: the weight each query term gives it (search/explain.h).
    bool explain = false;
    // The hit fields the front end shows (search/hit_fields.h), empty for its defaults:
    // a search leaves out the snippet when they do not hold "snippet", and explains
    // hits when they hold "explain".
    std::vector<std::string> fields;
    // One hit per story (story/fingerprint.h): the best-ranked of the matching versions, by
    // Xapian's collapse key on the story slot. Totals and facets still count articles;
    // SearchResponse::stories counts the stories.
    bool collapse = false;
    // Facets count stories, not articles: a story counts once for each name, language
    // and date bucket that any of its matching versions has (story_facets.h). Exact, at
    // the cost of reading each match's document; not with FacetOrder::notable, whose
    // score compares article counts.
    bool facets_by_story = false;
    // Only the versions of this story (an id as SearchHit::story holds it); each hit
    // after the first then says what it changed against the first (SearchHit::changes).
    // Sorted by date ascending, the first is the original.
    std::string story;
    // Only the articles that name this entity, by its own filter term: unlike a
    // person:"Baker" filter, which finds every Baker, and the entities the table links
    // to the name.
    std::optional<NamedEntity> entity;
};

struct SearchHit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first match, not the offset
    double score = 0;
    int percent = 0;
    Article article;                  // stored fields and entity names (body emptied)
    Snippet snippet;                  // from the body (the title when the body is empty)
    std::vector<TermWeight> explain;  // when asked for: heaviest first, adding up to score
    // The article's story (16 hex digits; empty in an index made before stories) and how
    // many articles of the index belong to it, this one included.
    std::string story;
    Xapian::doccount story_size = 0;
    // When collapsing: the matching versions this hit stands for, itself included.
    Xapian::doccount versions = 1;
    // With SearchRequest::story, for every hit after the first: what it changed.
    std::optional<stories::VersionChanges> changes;
};

struct FacetResult {
    std::string name;                // "person", ..., "date"
    std::vector<FacetCount> values;  // date: chronological buckets, see date_histogram
};

struct SearchResponse {
    std::string parsed;  // Xapian's description of the parsed query
    Xapian::doccount total = 0;
    bool total_exact = true;
    // When collapsing (SearchRequest::collapse): how many stories the matches make.
    std::optional<Xapian::doccount> stories;
    bool stories_exact = true;
    std::vector<SearchHit> hits;
    std::vector<FacetResult> facets;
    bool facets_exact = true;
    DateBucket date_bucket = DateBucket::month;  // of the "date" facet, when counted
    // The query with its misspelt words corrected, when the spelling dictionary knows
    // better spellings (and finding them changes the query); empty otherwise.
    std::string suggestion;
    // True when nothing matched the query and the hits, totals and facets are those of
    // the suggestion (Spelling::correct).
    bool corrected = false;
    // What was amiss in the query and how it was read instead (query_warnings.h): an
    // unclosed quote or parenthesis, a field with nothing after it.
    std::vector<std::string> warnings;
};

// Answers SearchRequests on one database. Every public method converts Xapian's errors
// to Error (base/error.h), so no Xapian::Error reaches a front end.
class NewsSearcher {
public:
    // `db` may be any Xapian database laid out as schema.h says: an index on disk, an
    // in-memory one, several combined. `name` says which index in messages ("index NAME
    // has schema version ..."); empty: "the index". `parts`, when known, are the local
    // databases `db` combines, in its order (a single database is its own part), and
    // `folders` where each lives on disk, where its facet columns are (facet_columns.h);
    // without them facets are counted from the documents.
    explicit NewsSearcher(Xapian::Database db, std::string name = {},
                          std::vector<Xapian::Database> parts = {},
                          std::vector<std::filesystem::path> folders = {});
    ~NewsSearcher();
    NewsSearcher(NewsSearcher&&) = default;
    NewsSearcher& operator=(NewsSearcher&&) = default;
    NewsSearcher(const NewsSearcher&) = delete;
    NewsSearcher& operator=(const NewsSearcher&) = delete;

    // Throws Error: bad_input for a query that cannot be parsed (what() names the problem,
    // not the query), another kind when the index fails. A build committing meanwhile is
    // handled by reopening the database and running the search again on the new state.
    SearchResponse search(const SearchRequest& request);

    Xapian::doccount article_count() const;

    // The values of an entity facet whose names start with `prefix` (case and runs of
    // spaces aside), each with the number of articles in the archive naming it: the most
    // named first, at most `limit`. What a search box over a facet's values offers.
    std::vector<FacetCount> facet_value_search(EntityKind kind, const std::string& prefix,
                                               std::size_t limit) const;

    // One article whole (article_view.h), with the query's words and its entities'
    // mentions marked and the titles of articles like it. Throws Error: not_found when
    // no article has that id, bad_input for a query that cannot be parsed.
    ArticleView article(const ArticleRequest& request);

    // An entity's page (entity_profile.h). A name that is one word of one person's name
    // ("bakiyev") stands for that person. Throws Error: not_found when no article names
    // the entity, bad_input for an empty name.
    EntityProfile entity_profile(const EntityProfileRequest& request);

    // Moves to the newest committed revision, so that a long-lived searcher (a server's
    // worker) answers from what the last build wrote.
    void refresh();

    // A one-line warning when the index was written with another schema version than
    // this program reads (its filters may then miss articles); empty when it matches.
    std::string schema_warning() const;

private:
    SearchResponse search_once(const SearchRequest& request);
    // How many articles matched.
    struct MatchTotal {
        Xapian::doccount estimated = 0;
        bool exact = true;  // estimated is the exact count
        MatchTotal(Xapian::doccount estimated_, bool exact_)
            : estimated(estimated_), exact(exact_) {}
        explicit MatchTotal(const Xapian::MSet& mset);
    };
    // The matches of `enquire`'s query from request.offset, counting the facets `wanted`
    // into `response` on the way: on one local database in the same pass, with a spy of
    // ours; on several, in a pass per database; through a remote one, in a pass with
    // Xapian's own spies.
    Xapian::MSet match(Xapian::Enquire& enquire, const SearchRequest& request,
                       const FacetsWanted& wanted, SearchResponse& response) const;
    // The facets of `query`'s matches counted on each local part, a thread each; and the
    // matches.
    MatchTotal count_facets_locally(const Xapian::Query& query, const SearchRequest& request,
                                    const FacetsWanted& wanted, SearchResponse& response) const;
    // The facets of `query`'s matches counted by Xapian's own spies, which a remote
    // database runs; and the matches.
    MatchTotal count_facets_builtin(const Xapian::Query& query, const SearchRequest& request,
                                    const FacetsWanted& wanted, SearchResponse& response) const;
    // The facets of `query`'s matches counted by story (SearchRequest::facets_by_story),
    // the languages too; and the matches.
    MatchTotal count_facets_by_story(const Xapian::Query& query, const SearchRequest& request,
                                     const FacetsWanted& wanted, SearchResponse& response) const;
    // The languages of `query`'s matches, most articles first.
    FacetResult language_facet(const Xapian::Query& query, const SearchRequest& request) const;
    // Each part with its facet columns, where they are current.
    std::vector<FacetPart> facet_parts() const;
    // The document of the article `id` names (an id, else a path under an indexed
    // root), and its id term. Throws Error (not_found).
    std::pair<Xapian::docid, std::string> find_article(const std::string& id) const;
    // The query of articles like the one `like` names, filtered by `filter`.
    Xapian::Query related_query(const std::string& like, const Xapian::Query& filter) const;
    // The one person whose name has request.name as a word ("bakiyev"); throws Error
    // (not_found, naming the people it could be when there are several).
    NamedEntity person_by_word(const EntityProfileRequest& request);
    // The name an entity filter term's articles give it (a term holds it case-folded).
    std::string shown_name(EntityKind kind, const std::string& term) const;
    // "index NAME" or "the index": what messages call the database.
    std::string description() const;

    // Runs fn, reopening the database and running it again while a build's commits
    // invalidate what it reads (bounded); Xapian's errors become Error.
    template <typename Fn>
    decltype(auto) retrying(Fn&& fn) const;

    // Mutable: moving to the newest revision is how every method copes with a commit.
    mutable Xapian::Database db_;
    std::string name_;
    // The local databases db_ combines, sharing its state (a reopen moves them too); empty
    // when some are remote or unknown. Their folders, when known, and the facet columns
    // last found there.
    std::vector<Xapian::Database> parts_;
    std::vector<std::filesystem::path> folders_;
    mutable std::vector<std::shared_ptr<const FacetColumns>> columns_;
    // Set once a remote database refused a match spy of ours.
    mutable bool builtin_spies_only_ = false;
};

// The searcher of the index at `path`, named by its path in messages. Throws Error:
// not_found when nothing is there, another kind when it cannot be opened (index_open.h).
NewsSearcher open_searcher(const std::filesystem::path& path);
// The searcher of several indexes as one (each may be sharded, or a Xapian stub file
// naming local and remote databases): rankings, totals and facet counts are those of
// one index holding all their articles.
NewsSearcher open_searcher(const std::vector<std::filesystem::path>& paths);

// Formats "YYYYMMDD" day counts as a histogram in chronological order: by day
// ("2010-04-20") when the first and last days are at most `max_days` days apart, else by
// month ("2010-04") when they are less than `max_months` months apart, else by year.
struct DateHistogram {
    DateBucket bucket = DateBucket::month;
    std::vector<FacetCount> values;
};
inline constexpr int kMaxDayBuckets = 60;
inline constexpr int kMaxMonthBuckets = 36;
DateHistogram date_histogram(const std::vector<FacetCount>& days, int max_days = kMaxDayBuckets,
                             int max_months = kMaxMonthBuckets);
// The same in the bucket given, whatever the span.
DateHistogram date_histogram(const std::vector<FacetCount>& days, DateBucket bucket);

}  // namespace newsindex
