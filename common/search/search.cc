#include "common/search/search.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "common/base/entity_key.h"
#include "common/base/error.h"
#include "common/base/on_threads.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_terms.h"
#include "common/index/index_metadata.h"
#include "common/index/index_open.h"
#include "common/index/language_terms.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/index/stored_article.h"
#include "common/index/xapian_error.h"
#include "common/search/file_name_bytes.h"
#include "common/search/filter_term.h"
#include "common/search/hit_fields.h"
#include "common/search/notable.h"
#include "common/search/query_parser.h"
#include "common/search/searcher_retry.h"
#include "common/search/snippet.h"
#include "common/search/story_facets.h"
#include "common/story/version_diff.h"

namespace newsindex {

namespace {

// Terms of the liked article a more-like-this search looks for.
constexpr Xapian::termcount kRelatedTerms = 25;

// Phrases and NEAR read word positions.
bool needs_positions(const Xapian::Query& query) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (needs_positions(query.get_subquery(i))) return true;
    return false;
}

bool wants(const SearchRequest& request, std::string_view facet) {
    return std::find(request.facets.begin(), request.facets.end(), facet) != request.facets.end();
}

// The value range of request.since and request.until on the date slot.
Xapian::Query date_range(const SearchRequest& request) {
    if (!request.until)
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot,
                             request.since->compact());
    if (!request.since)
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot,
                             request.until->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, request.since->compact(),
                         request.until->compact());
}

// Puts the facets `wanted` in `response`, in kFacetNames order: top(kind) gives a kind's
// values, days() the matches per day.
template <typename Top, typename Days>
void add_facets(SearchResponse& response, const SearchRequest& request, const FacetsWanted& wanted,
                Top&& top, Days&& days) {
    for (const EntityKind kind : kEntityKinds)
        if (wanted.kinds[static_cast<std::size_t>(kind)])
            response.facets.push_back({std::string(entity_kind_name(kind)), top(kind)});
    if (wanted.days) {
        DateHistogram histogram = request.date_bucket ? date_histogram(days(), *request.date_bucket)
                                                      : date_histogram(days());
        response.date_bucket = histogram.bucket;
        response.facets.push_back({"date", std::move(histogram.values)});
    }
}

// A kind's facet values in the order asked for: top(n) gives the n values with the most
// matches; the notable order ranks all of them by their score against the archive.
template <typename Top>
std::vector<FacetCount> facet_values(const Xapian::Database& db, const SearchRequest& request,
                                     EntityKind kind, Xapian::doccount matches, Top&& top) {
    if (request.facet_order == FacetOrder::count) return top(request.facet_limit);
    const auto in_archive = [&](const std::string& name) -> Xapian::doccount {
        const std::string term = entity_terms(kind, name).term;
        return term.empty() ? 0 : db.get_termfreq(term);
    };
    return notable_values(top(std::numeric_limits<std::size_t>::max()), matches, db.get_doccount(),
                          in_archive, request.facet_limit);
}

// The parser's correction of the query it just parsed, unless it changes nothing the
// search looks for: "extraditions" is spelt "extradition" in the dictionary, but both
// stem to the same term, and the query already finds what the correction would.
std::string useful_suggestion(NewsQueryParser& parser, const Xapian::Query& query, bool match_any) {
    const std::string corrected = parser.corrected_query();
    if (corrected.empty()) return {};
    const auto terms = [](const Xapian::Query& q) {
        return std::vector<std::string>(q.get_unique_terms_begin(), q.get_unique_terms_end());
    };
    try {
        if (terms(parser.parse(corrected, match_any)) == terms(query)) return {};
    } catch (const Error&) {
        return {};
    }
    return corrected;
}

}  // namespace

std::string_view date_bucket_name(DateBucket bucket) {
    switch (bucket) {
        case DateBucket::day:
            return "day";
        case DateBucket::month:
            return "month";
        case DateBucket::year:
            return "year";
    }
    return "month";
}

namespace {

// The bucket date_histogram uses for matches from `first` to `last`.
DateBucket bucket_for(const Date& first, const Date& last, int max_days, int max_months) {
    const long months = (last.year - first.year) * 12L + static_cast<long>(last.month) -
                        static_cast<long>(first.month);
    return days_between(first, last) <= max_days ? DateBucket::day
           : months < max_months                 ? DateBucket::month
                                                 : DateBucket::year;
}

std::string bucket_label(const Date& date, DateBucket bucket) {
    const std::string iso = date.iso();
    return bucket == DateBucket::day     ? iso
           : bucket == DateBucket::month ? iso.substr(0, 7)
                                         : iso.substr(0, 4);
}

// The date facet counted by story: a story counts once in each bucket it has a match in.
DateHistogram story_date_histogram(const std::set<std::pair<std::string, std::string>>& days,
                                   std::optional<DateBucket> bucket) {
    std::vector<std::pair<Date, const std::string*>> dated;
    for (const auto& [day, story] : days)
        if (const auto date = parse_compact_date(day)) dated.emplace_back(*date, &story);
    DateHistogram histogram;
    if (dated.empty()) return histogram;
    // The days come in order: the set sorts them.
    histogram.bucket = bucket ? *bucket
                              : bucket_for(dated.front().first, dated.back().first, kMaxDayBuckets,
                                           kMaxMonthBuckets);
    std::set<std::pair<std::string, std::string>> counted;
    std::map<std::string, Xapian::doccount> buckets;
    for (const auto& [date, story] : dated) {
        std::string label = bucket_label(date, histogram.bucket);
        if (counted.emplace(label, *story).second) ++buckets[label];
    }
    for (const auto& [bucket, count] : buckets) histogram.values.push_back({bucket, count});
    return histogram;
}

}  // namespace

namespace {

std::map<Date, Xapian::doccount> counts_by_day(const std::vector<FacetCount>& days) {
    std::map<Date, Xapian::doccount> by_day;
    for (const auto& day : days)
        if (const auto date = parse_compact_date(day.value)) by_day[*date] += day.count;
    return by_day;
}

DateHistogram bucketed(const std::map<Date, Xapian::doccount>& by_day, DateBucket bucket) {
    DateHistogram histogram;
    histogram.bucket = bucket;
    std::map<std::string, Xapian::doccount> buckets;
    for (const auto& [date, count] : by_day) buckets[bucket_label(date, bucket)] += count;
    for (const auto& [label, count] : buckets) histogram.values.push_back({label, count});
    return histogram;
}

}  // namespace

DateHistogram date_histogram(const std::vector<FacetCount>& days, int max_days, int max_months) {
    const auto by_day = counts_by_day(days);
    if (by_day.empty()) return {};
    return bucketed(
        by_day, bucket_for(by_day.begin()->first, by_day.rbegin()->first, max_days, max_months));
}

DateHistogram date_histogram(const std::vector<FacetCount>& days, DateBucket bucket) {
    return bucketed(counts_by_day(days), bucket);
}

NewsSearcher::NewsSearcher(Xapian::Database db, std::string name,
                           std::vector<Xapian::Database> parts,
                           std::vector<std::filesystem::path> folders)
    : db_(std::move(db)),
      name_(std::move(name)),
      parts_(std::move(parts)),
      folders_(std::move(folders)) {
    if (parts_.empty() && db_.size() == 1) parts_.push_back(db_);
    if (folders_.size() != parts_.size()) folders_.clear();
    columns_.resize(parts_.size());
}

NewsSearcher::~NewsSearcher() = default;

namespace {

// The local database folders of the index at `path`: itself, or a sharded index's
// shards; none for a stub file, whose lines may name remote databases, or a shard stub
// edited by hand.
std::vector<std::filesystem::path> local_folders(const std::filesystem::path& path) {
    if (is_sharded_index(path)) {
        try {
            return shard_paths(path);
        } catch (const Error&) {
            return {};  // Xapian reads the stub as it is
        }
    }
    if (is_xapian_database(path)) return {path};
    return {};
}

}  // namespace

NewsSearcher open_searcher(const std::filesystem::path& path) {
    return open_searcher(std::vector<std::filesystem::path>{path});
}

NewsSearcher open_searcher(const std::vector<std::filesystem::path>& paths) {
    Xapian::Database combined;
    std::vector<Xapian::Database> parts;
    std::vector<std::filesystem::path> folders;
    bool all_local = true;
    std::string names;
    for (const auto& path : paths) {
        const auto local = local_folders(path);
        if (local.empty()) {
            all_local = false;
            combined.add_database(open_index(path));
        }
        for (const auto& folder : local) {
            Xapian::Database part = open_index(folder);
            combined.add_database(part);
            parts.push_back(std::move(part));
            folders.push_back(folder);
        }
        names += (names.empty() ? "" : ", ") + path.string();
    }
    if (!all_local) {
        parts.clear();
        folders.clear();
    }
    return NewsSearcher(std::move(combined), names, std::move(parts), std::move(folders));
}

std::string NewsSearcher::description() const {
    return name_.empty() ? "the index" : "index " + name_;
}

Xapian::doccount NewsSearcher::article_count() const {
    return retrying([&] { return db_.get_doccount(); });
}

void NewsSearcher::refresh() {
    retrying([&] { db_.reopen(); });
}

std::string NewsSearcher::schema_warning() const {
    const auto [version, articles] =
        retrying([&] { return std::pair(read_metadata(db_).schema_version, db_.get_doccount()); });
    if (version == current_schema_version() || articles == 0) return {};
    return description() + " has schema version " + (version.empty() ? "(none)" : version) +
           ", this program reads " + current_schema_version() +
           "; filters may miss articles until `newsindex build` brings it up to date";
}

SearchResponse NewsSearcher::search(const SearchRequest& request) {
    return retrying([&] {
        SearchResponse response = search_once(request);
        if (request.spelling != Spelling::correct || response.total > 0 ||
            response.suggestion.empty() || !request.like.empty())
            return response;
        // Nothing matched: the words as the dictionary spells them, if they find anything.
        SearchRequest corrected = request;
        corrected.query = response.suggestion;
        corrected.spelling = Spelling::off;
        SearchResponse again = search_once(corrected);
        if (again.total == 0) return response;
        again.suggestion = std::move(response.suggestion);
        again.corrected = true;
        again.warnings = std::move(response.warnings);
        return again;
    });
}

std::pair<Xapian::docid, std::string> NewsSearcher::find_article(const std::string& id) const {
    // An id is relative to the folder it was indexed from: try each, then a path.
    std::vector<std::string> keys{id};
    for (const auto& root : read_metadata(db_).roots) keys.push_back(root + '/' + id);
    for (const auto& key : keys) {
        std::string id_term = schema::id_term(key);
        if (auto it = db_.postlist_begin(id_term); it != db_.postlist_end(id_term))
            return {*it, std::move(id_term)};
    }
    throw Error(ErrorKind::not_found, "no article " + id + " in " + description());
}

std::vector<FacetCount> NewsSearcher::facet_value_search(EntityKind kind, const std::string& prefix,
                                                         std::size_t limit) const {
    // Enough for any prefix of a letter or two in a large archive, and a bound on the
    // work of one request.
    constexpr std::size_t kMaxScanned = 50000;
    return retrying([&] {
        const std::string term_prefix =
            std::string(schema::entity_prefix(kind)) + entity_key(prefix);
        std::vector<FacetCount> found;  // the terms, until their names are known
        std::size_t scanned = 0;
        for (auto it = db_.allterms_begin(term_prefix);
             it != db_.allterms_end(term_prefix) && scanned < kMaxScanned; ++it, ++scanned)
            found.push_back({*it, it.get_termfreq()});
        const std::size_t kept = std::min(limit, found.size());
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept),
                          found.end(), [](const FacetCount& a, const FacetCount& b) {
                              return a.count != b.count ? a.count > b.count : a.value < b.value;
                          });
        found.resize(kept);
        for (auto& value : found) value.value = shown_name(kind, value.value);
        return found;
    });
}

std::string NewsSearcher::shown_name(EntityKind kind, const std::string& term) const {
    // The name as an article that has the term gives it.
    const auto post = db_.postlist_begin(term);
    if (post != db_.postlist_end(term))
        for (const auto& entity :
             decode_stored_article(db_.get_document(*post).get_data()).entities)
            if (entity.kind == kind && entity_terms(kind, entity.name).term == term)
                return entity.name;
    return term.substr(schema::entity_prefix(kind).size());
}

ArticleView NewsSearcher::article(const ArticleRequest& request) {
    ArticleView view = retrying([&] {
        const Xapian::docid docid = find_article(request.id).first;
        const Xapian::Document document = db_.get_document(docid);
        Article article = decode_stored_article(document.get_data());
        restore_file_name_bytes(article, document);
        NewsQueryParser parser(db_, parts_);
        const Xapian::Query query = request.query.empty()
                                        ? Xapian::Query()
                                        : parser.parse(request.query, request.match_any);
        const SnippetTerms terms(query, parser.stemmer());
        const EntityLookup lookup(db_);
        return make_article_view(std::move(article), terms,
                                 [&](EntityKind kind, const std::string& name) {
                                     const auto found = lookup.find(kind, name);
                                     return found ? std::optional(found->name) : std::nullopt;
                                 });
    });
    if (request.related == 0) return view;
    SearchRequest like;
    like.like = view.article.id;
    like.limit = request.related;
    like.facets.clear();
    like.exact = false;
    like.spelling = Spelling::off;
    like.fields = {"id", "title", "date"};
    try {
        for (const auto& hit : search(like).hits)
            view.related.push_back({hit.article.id, hit.article.title, hit.article.date});
    } catch (const Error& e) {
        // The article's id as stored may differ from the one asked for (a path): the
        // view stands without its related titles rather than fail.
        if (e.kind() != ErrorKind::not_found) throw;
    }
    return view;
}

Xapian::Query NewsSearcher::related_query(const std::string& like,
                                          const Xapian::Query& filter) const {
    const auto [article, id_term] = find_article(like);

    // Unprefixed terms only (the words of the text, unstemmed): ids, files and entity
    // filters say nothing about what an article is about.
    struct WordsOnly : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override {
            return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
        }
    } words_only;
    Xapian::RSet relevant;
    relevant.add_document(article);
    Xapian::Enquire enquire(db_);
    const Xapian::ESet eset = enquire.get_eset(kRelatedTerms, relevant, &words_only);
    Xapian::Query related(Xapian::Query::OP_OR, eset.begin(), eset.end());
    related = Xapian::Query(Xapian::Query::OP_AND_NOT, related, Xapian::Query(id_term));
    // The user's query narrows the related articles; it does not rank them.
    if (filter.get_type() != Xapian::Query::LEAF_MATCH_ALL)
        related = Xapian::Query(Xapian::Query::OP_FILTER, related, filter);
    return related;
}

FacetResult NewsSearcher::language_facet(const Xapian::Query& query,
                                         const SearchRequest& request) const {
    // A pass of its own with Xapian's spy, which remote databases run too: the languages
    // are few, and the value slot holds one each.
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    Xapian::ValueCountMatchSpy spy(schema::kLanguageSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db_.get_doccount());
    FacetResult facet{"language", {}};
    for (auto it = spy.top_values_begin(request.facet_limit);
         it != spy.top_values_end(request.facet_limit); ++it)
        facet.values.push_back({*it, it.get_termfreq()});
    return facet;
}

SearchResponse NewsSearcher::search_once(const SearchRequest& request) {
    NewsQueryParser parser(db_, parts_);
    const bool spelling = request.spelling != Spelling::off;
    Xapian::Query query = parser.parse(request.query, request.match_any, spelling);
    std::vector<std::string> warnings = parser.warnings();
    const std::string suggestion =
        spelling ? useful_suggestion(parser, query, request.match_any) : std::string();
    if (!request.like.empty()) query = related_query(request.like, query);
    if (request.since || request.until)
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_range(request));
    if (!request.story.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(schema::story_term(request.story)));
    if (request.entity) {
        const std::string term = entity_terms(request.entity->kind, request.entity->name).term;
        if (term.empty()) throw Error(ErrorKind::bad_input, "empty entity name");
        Xapian::Query only = filter_term_query(term, parts_);
        query = query.get_type() == Xapian::Query::LEAF_MATCH_ALL
                    ? std::move(only)
                    : Xapian::Query(Xapian::Query::OP_FILTER, query, only);
    }
    // Without positions every phrase would match as if its words were anywhere.
    if (needs_positions(query) && db_.get_doccount() > 0 && !db_.has_positions())
        throw Error(ErrorKind::corrupt,
                    description() +
                        " has no word positions (its position table is missing): phrase and "
                        "NEAR queries cannot be answered");

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    // Equal scores (every hit of a filter-only query) are ordered by the article's file,
    // not by document number: the order is then the same however the articles are spread
    // over shards and databases. (Date order cannot do the same: the remote backend
    // sorts by one value slot only.)
    switch (request.sort) {
        case SortOrder::relevance:
            enquire.set_sort_by_relevance_then_value(schema::kFileKeySlot, false);
            break;
        case SortOrder::date_ascending:
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
            break;
        case SortOrder::date_descending:
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
            break;
    }

    FacetsWanted wanted;
    for (const EntityKind kind : kEntityKinds)
        wanted.kinds[static_cast<std::size_t>(kind)] = wants(request, entity_kind_name(kind));
    wanted.days = wants(request, "date");
    SearchResponse response;
    const Xapian::MSet mset = match(enquire, request, wanted, response);

    response.suggestion = suggestion;
    response.warnings = std::move(warnings);
    response.parsed = query.get_description();
    response.facets_exact = request.exact || response.total_exact;

    if (wants(request, "language") && !request.facets_by_story) {
        // An index in one language needs no pass to count it: every match is in it.
        if (parser.languages().size() == 1 && response.total_exact)
            response.facets.push_back(
                {"language",
                 response.total > 0
                     ? std::vector<FacetCount>{{parser.languages().front(), response.total}}
                     : std::vector<FacetCount>{}});
        else
            response.facets.push_back(language_facet(query, request));
    }

    const bool snippets = request.fields.empty() || has_field(request.fields, "snippet");
    // Each hit's words are marked with the stemmer of its language.
    std::map<std::string, std::unique_ptr<SnippetTerms>> snippet_terms;
    std::map<std::string, Xapian::Stem> stemmers;
    const auto terms_for = [&](const std::string& language) -> const SnippetTerms& {
        auto& terms = snippet_terms[language];
        if (!terms) {
            const Xapian::Stem& stemmer = stemmers[language] = stemmer_for(language);
            terms = std::make_unique<SnippetTerms>(query, stemmer);
        }
        return *terms;
    };
    std::vector<Xapian::docid> docs;
    std::string first_title, first_body;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        SearchHit hit;
        hit.rank = it.get_rank() + 1;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        const Xapian::Document document = it.get_document();
        hit.article = decode_stored_article(document.get_data());
        restore_file_name_bytes(hit.article, document);
        const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
        if (snippets)
            hit.snippet =
                make_snippet(terms_for(hit.article.language), text, request.snippet_length);
        if (!request.story.empty()) {
            // What each version changed against the first one listed (the oldest, as
            // --story sorts them).
            if (response.hits.empty() && first_body.empty()) {
                first_title = hit.article.title;
                first_body = hit.article.body;
            } else {
                hit.changes = stories::version_changes(first_title, first_body, hit.article.title,
                                                       hit.article.body);
            }
        }
        hit.article.body.clear();
        hit.story = document.get_value(schema::kStorySlot);
        if (!hit.story.empty()) hit.story_size = db_.get_termfreq(schema::story_term(hit.story));
        if (request.collapse) hit.versions = it.get_collapse_count() + 1;
        response.hits.push_back(std::move(hit));
        docs.push_back(*it);
    }
    if (request.explain || has_field(request.fields, "explain")) {
        auto explained = explain_weights(db_, query, docs);
        for (std::size_t i = 0; i < explained.size(); ++i)
            response.hits[i].explain = std::move(explained[i]);
    }

    return response;
}

NewsSearcher::MatchTotal::MatchTotal(const Xapian::MSet& mset)
    : estimated(mset.get_matches_estimated()),
      exact(mset.get_matches_lower_bound() == mset.get_matches_upper_bound()) {}

std::vector<FacetPart> NewsSearcher::facet_parts() const {
    std::vector<FacetPart> parts;
    for (std::size_t i = 0; i < parts_.size(); ++i) {
        auto& columns = columns_[i];
        if (!folders_.empty() && (!columns || !columns->current_for(parts_[i])))
            columns = FacetColumns::open(folders_[i], parts_[i]);
        parts.push_back({parts_[i], columns});
    }
    return parts;
}

Xapian::MSet NewsSearcher::match(Xapian::Enquire& enquire, const SearchRequest& request,
                                 const FacetsWanted& wanted, SearchResponse& response) const {
    const Xapian::doccount shown = request.offset + request.limit;
    const auto set_total = [&](const MatchTotal& total) {
        response.total = total.estimated;
        response.total_exact = total.exact;
    };
    // The hits. Collapsed, the same pass counts the stories: exactly when it weighs every
    // match, since the matcher sees each story's versions only then.
    const auto hits = [&] {
        if (!request.collapse) return enquire.get_mset(request.offset, request.limit, shown);
        enquire.set_collapse_key(schema::kStorySlot);
        Xapian::MSet mset = enquire.get_mset(request.offset, request.limit,
                                             request.exact ? db_.get_doccount() : shown);
        response.stories = mset.get_matches_estimated();
        response.stories_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        return mset;
    };
    if (request.facets_by_story && request.facet_order == FacetOrder::notable)
        throw Error(ErrorKind::bad_input,
                    "the notable order compares article counts: facets by story take the "
                    "count order");
    const bool languages_by_story = request.facets_by_story && wants(request, "language");
    if (!wanted.any() && !languages_by_story && !request.exact) {
        Xapian::MSet mset = hits();
        set_total(request.collapse ? MatchTotal(mset.get_uncollapsed_matches_estimated(),
                                                mset.get_uncollapsed_matches_lower_bound() ==
                                                    mset.get_uncollapsed_matches_upper_bound())
                                   : MatchTotal(mset));
        return mset;
    }
    // Ties among the hits are ordered by file, a value the matcher fetches for every match
    // it weighs against the hits so far: counting every match in the same pass would fetch
    // it for each. So the matches are counted (and their facets) in a pass of their own,
    // unsorted, and the hits need then only as many matches as are shown. Through the
    // remote backend the pass must be unsorted anyway: Xapian 1.4 feeds the hits of a
    // value-sorted match to the match spies a second time.
    if (request.facets_by_story && (wanted.any() || languages_by_story)) {
        set_total(count_facets_by_story(enquire.get_query(), request, wanted, response));
    } else if (builtin_spies_only_ || parts_.empty()) {
        set_total(count_facets_builtin(enquire.get_query(), request, wanted, response));
    } else {
        try {
            set_total(count_facets_locally(enquire.get_query(), request, wanted, response));
        } catch (const Xapian::UnimplementedError&) {
            // A remote database cannot run a spy of ours: Xapian's own from now on.
            builtin_spies_only_ = true;
            return match(enquire, request, wanted, response);
        }
    }
    if (request.limit == 0 && !request.collapse) return Xapian::MSet();
    return hits();
}

NewsSearcher::MatchTotal NewsSearcher::count_facets_locally(const Xapian::Query& query,
                                                            const SearchRequest& request,
                                                            const FacetsWanted& wanted,
                                                            SearchResponse& response) const {
    const std::vector<FacetPart> parts = facet_parts();
    std::vector<std::unique_ptr<LocalFacetSpy>> spies;
    if (wanted.any())
        for (const FacetPart& part : parts)
            spies.push_back(std::make_unique<LocalFacetSpy>(part, wanted));
    std::vector<std::optional<Xapian::MSet>> counted(parts.size());
    // Xapian counts references to a query's parts without atomics: each thread gets a
    // query of its own, not a copy sharing them.
    std::vector<Xapian::Query> queries(1, query);
    for (std::size_t i = 1; i < parts.size(); ++i)
        queries.push_back(Xapian::Query::unserialise(query.serialise()));
    if (parts.size() > 1) queries.front() = Xapian::Query::unserialise(query.serialise());
    // A single term (a word, every article) matches its posting list: read it directly,
    // without a matcher.
    const bool one_term = request.exact && (query.get_type() == Xapian::Query::LEAF_TERM ||
                                            query.get_type() == Xapian::Query::LEAF_MATCH_ALL);
    const std::string term =
        query.get_type() == Xapian::Query::LEAF_TERM ? *query.get_terms_begin() : std::string();
    std::vector<Xapian::doccount> postings(parts.size(), 0);
    on_threads(parts.size(), [&](std::size_t i) {
        if (one_term) {
            const Xapian::Database& db = parts[i].db;
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                ++postings[i];
                if (!spies.empty()) spies[i]->add(*it);
            }
            return;
        }
        Xapian::Enquire enquire(parts[i].db);
        enquire.set_query(queries[i]);
        // Counting needs no scores, but not BoolWeight (filter_term.h).
        enquire.set_weighting_scheme(*counting_weight());
        if (!spies.empty()) enquire.add_matchspy(spies[i].get());
        counted[i] = enquire.get_mset(
            0, 0, request.exact ? parts[i].db.get_doccount() : request.offset + request.limit);
    });
    MatchTotal total{0, true};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const MatchTotal part =
            counted[i] ? MatchTotal(*counted[i]) : MatchTotal(postings[i], true);
        total.estimated += part.estimated;
        total.exact = total.exact && part.exact;
    }
    std::vector<const LocalFacetSpy*> each;
    for (const auto& spy : spies) each.push_back(spy.get());
    if (!each.empty())
        add_facets(
            response, request, wanted,
            [&](EntityKind kind) {
                return facet_values(db_, request, kind, total.estimated, [&](std::size_t limit) {
                    return top_values(each, kind, limit);
                });
            },
            [&] { return day_counts(each); });
    return total;
}

NewsSearcher::MatchTotal NewsSearcher::count_facets_builtin(const Xapian::Query& query,
                                                            const SearchRequest& request,
                                                            const FacetsWanted& wanted,
                                                            SearchResponse& response) const {
    const BuiltinFacetCounter counter(wanted);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    // Counting needs no scores, but not BoolWeight (filter_term.h).
    enquire.set_weighting_scheme(*counting_weight());
    counter.attach(enquire);
    const Xapian::MSet counted =
        enquire.get_mset(0, 0, request.exact ? db_.get_doccount() : request.offset + request.limit);
    const MatchTotal total(counted);
    add_facets(
        response, request, wanted,
        [&](EntityKind kind) {
            return facet_values(db_, request, kind, total.estimated,
                                [&](std::size_t limit) { return counter.top(kind, limit); });
        },
        [&] { return counter.days(); });
    return total;
}

NewsSearcher::MatchTotal NewsSearcher::count_facets_by_story(const Xapian::Query& query,
                                                             const SearchRequest& request,
                                                             const FacetsWanted& wanted,
                                                             SearchResponse& response) const {
    const bool languages = wants(request, "language");
    StoryFacetCounts counts(wanted, languages);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    // Counting needs no scores, but not BoolWeight (filter_term.h).
    enquire.set_weighting_scheme(*counting_weight());
    const Xapian::doccount matches =
        request.exact ? db_.get_doccount() : request.offset + request.limit;
    std::optional<Xapian::MSet> counted;
    if (!builtin_spies_only_) {
        StoryFacetSpy spy(counts);
        enquire.add_matchspy(&spy);
        try {
            counted = enquire.get_mset(0, 0, matches);
        } catch (const Xapian::UnimplementedError&) {
            builtin_spies_only_ = true;  // a remote database cannot run a spy of ours
        }
        enquire.clear_matchspies();
    }
    if (!counted) {
        // Through the remote backend: every match's document, fetched in one go.
        counts = StoryFacetCounts(wanted, languages);
        counted = enquire.get_mset(0, matches);
        counted->fetch();
        for (auto it = counted->begin(); it != counted->end(); ++it) counts.add(it.get_document());
    }
    const MatchTotal total(*counted);
    FacetsWanted names = wanted;
    names.days = false;  // by story, a date bucket counts each story once: not a sum of days
    add_facets(
        response, request, names,
        [&](EntityKind kind) { return counts.top(kind, request.facet_limit); },
        [] { return std::vector<FacetCount>(); });
    if (wanted.days) {
        DateHistogram histogram = story_date_histogram(counts.story_days(), request.date_bucket);
        response.date_bucket = histogram.bucket;
        response.facets.push_back({"date", std::move(histogram.values)});
    }
    if (languages)
        response.facets.push_back({"language", counts.top_languages(request.facet_limit)});
    return total;
}

}  // namespace newsindex
