#include "common/search/query_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

#include "common/base/date.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_terms.h"
#include "common/index/possessives.h"
#include "common/index/schema.h"
#include "common/search/filter_term.h"
#include "common/search/query_warnings.h"

namespace newsindex {

namespace {

// Xapian 1.4 frees a bad pointer when a FieldProcessor throws inside "+field:x" or
// "-field:x", so processors never throw: they note the first error here, match
// nothing, and parse() throws once Xapian is done.
class FilterError {
public:
    Xapian::Query fail(std::string message) {
        if (!message_) message_ = std::move(message);
        return Xapian::Query::MatchNothing;
    }
    void clear() { message_.reset(); }
    const std::optional<std::string>& message() const { return message_; }

private:
    std::optional<std::string> message_;
};

// person:, org: and place: filters, with the terms the indexer gives the entity
// (entity_terms.h): case-folded, one name per country, and the entity table's links.
class EntityFieldProcessor : public Xapian::FieldProcessor {
public:
    EntityFieldProcessor(FilterError& error, const EntityLookup& lookup,
                         const std::vector<Xapian::Database>& parts, EntityKind kind)
        : error_(error), lookup_(lookup), parts_(parts), kind_(kind) {}

    EntityKind kind() const { return kind_; }

    Xapian::Query operator()(const std::string& value) override {
        const EntityTerms terms = entity_terms(kind_, value);
        if (terms.term.empty()) return error_.fail("empty filter value");
        Xapian::Query query = filter_term_query(terms.term, parts_);
        // A lone surname (or first name) finds the person under any fuller name.
        if (terms.word_terms.size() == 1)
            query |= filter_term_query(terms.word_terms.front(), parts_);
        // A name the entity table links to another entity finds that entity too.
        if (const auto entity = lookup_.find(kind_, value))
            query |= filter_term_query(entity_terms(entity->kind, entity->name).term, parts_);
        return query;
    }

private:
    FilterError& error_;
    const EntityLookup& lookup_;
    const std::vector<Xapian::Database>& parts_;
    EntityKind kind_;
};

// source: filters, folded like entity names.
class SourceFieldProcessor : public Xapian::FieldProcessor {
public:
    SourceFieldProcessor(FilterError& error, const std::vector<Xapian::Database>& parts)
        : error_(error), parts_(parts) {}

    Xapian::Query operator()(const std::string& value) override {
        const std::string term = source_term(value);
        if (term.empty()) return error_.fail("empty filter value");
        return filter_term_query(term, parts_);
    }

private:
    FilterError& error_;
    const std::vector<Xapian::Database>& parts_;
};

// One end of a date filter, widened to the first or last day of its year or month.
std::optional<std::string> date_bound(std::string_view text, bool upper) {
    int year = 0;
    unsigned month = 0, day = 0;
    char tail = 0;
    const std::string s(text);
    const int fields = std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail);
    if (fields == 3 && s.size() == 10) {
        if (const auto date = make_date(year, month, day)) return date->compact();
    } else if (fields == 2 && s.size() == 7 && make_date(year, month, 1)) {
        return s.substr(0, 4) + s.substr(5, 2) + (upper ? "31" : "01");
    } else if (fields == 1 && s.size() == 4 && make_date(year, 1, 1)) {
        return s + (upper ? "1231" : "0101");
    }
    return std::nullopt;
}

// date:2010, date:2010-04, date:2010-04-20 and ranges date:A..B (either end may be open).
class DateFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit DateFieldProcessor(FilterError& error) : error_(error) {}

    Xapian::Query operator()(const std::string& value) override {
        const auto dots = value.find("..");
        const std::string_view from = std::string_view(value).substr(0, dots);
        const std::string_view to =
            dots == std::string::npos ? from : std::string_view(value).substr(dots + 2);
        if (from.empty() && to.empty()) return error_.fail("empty date range");
        const auto lower = from.empty() ? std::nullopt : date_bound(from, false);
        const auto upper = to.empty() ? std::nullopt : date_bound(to, true);
        if ((!from.empty() && !lower) || (!to.empty() && !upper))
            return error_.fail("invalid date '" + value +
                               "' (use YYYY, YYYY-MM, YYYY-MM-DD or A..B)");
        if (!upper) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, *lower);
        if (!lower) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, *upper);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, *lower, *upper);
    }

private:
    FilterError& error_;
};

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Xapian reads "U.S." as the acronym "us", but "u.s." as the words "u" and "s": the
// index holds the former, so a query's dotted letters are put in capitals first.
std::string capitalise_dotted_acronyms(std::string_view query) {
    std::string out(query);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i > 0 && is_ascii_alnum(out[i - 1])) continue;
        std::size_t end = i;
        while (end + 1 < out.size() && std::isalpha(static_cast<unsigned char>(out[end])) &&
               out[end + 1] == '.')
            end += 2;
        const bool acronym = end - i >= 4 && (end == out.size() || !is_ascii_alnum(out[end]));
        if (!acronym) continue;
        for (std::size_t k = i; k < end; k += 2)
            out[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[k])));
        i = end;
    }
    return out;
}

// The runs of word characters and of other characters of a query, in order.
struct Token {
    std::string text;
    bool word = false;
};
std::vector<Token> tokens(std::string_view text) {
    std::vector<Token> out;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const bool word = Xapian::Unicode::is_wordchar(*it);
        if (out.empty() || out.back().word != word) out.push_back({std::string(), word});
        Xapian::Unicode::append_utf8(out.back().text, *it);
    }
    return out;
}

// Whether the index holds every word of the query (as an unstemmed term).
bool holds_every_word(const Xapian::Database& db, std::string_view query) {
    const auto words = tokens(query);
    return std::all_of(words.begin(), words.end(), [&](const Token& token) {
        return !token.word || db.term_exists(Xapian::Unicode::tolower(token.text));
    });
}

// Xapian 1.4 offers a correction for a word even when the index holds it ("rates" becomes
// the more frequent "rate"). A word the index holds is spelt right: its correction is
// undone, word by word. Empty when no correction remains.
std::string corrections_of_unknown_words(const Xapian::Database& db, std::string_view query,
                                         std::string_view corrected) {
    const auto before = tokens(query);
    auto after = tokens(corrected);
    if (before.size() != after.size()) return std::string(corrected);  // cannot tell
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i].word != after[i].word) return std::string(corrected);
        if (before[i].text != after[i].text) {
            if (!before[i].word || db.term_exists(Xapian::Unicode::tolower(before[i].text)))
                after[i].text = before[i].text;
            else
                changed = true;
        }
        out += after[i].text;
    }
    return changed ? out : std::string();
}

}  // namespace

class NewsQueryParser::FieldProcessors {
public:
    FieldProcessors(EntityLookup lookup, std::vector<Xapian::Database> parts)
        : lookup(std::move(lookup)), parts(std::move(parts)) {}
    FilterError error;
    EntityLookup lookup;
    std::vector<Xapian::Database> parts;
    std::array<EntityFieldProcessor, 3> entities{
        EntityFieldProcessor(error, lookup, parts, EntityKind::person),
        EntityFieldProcessor(error, lookup, parts, EntityKind::org),
        EntityFieldProcessor(error, lookup, parts, EntityKind::place),
    };
    SourceFieldProcessor source{error, parts};
    DateFieldProcessor date{error};
};

NewsQueryParser::NewsQueryParser(const Xapian::Database& db, std::vector<Xapian::Database> parts)
    : stemmer_(std::string(schema::kLanguage)),
      processors_(std::make_unique<FieldProcessors>(EntityLookup(db), std::move(parts))) {
    db_ = db;
    parser_.set_database(db);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.add_prefix(std::string(schema::kTitleField), std::string(schema::kTitlePrefix));
    // An empty grouping puts every filter in a group of its own: two person: filters
    // mean "both people", not "either".
    const std::string each_filter_alone;
    for (auto& processor : processors_->entities)
        parser_.add_boolean_prefix(std::string(schema::entity_field(processor.kind())), &processor,
                                   &each_filter_alone);
    parser_.add_boolean_prefix(std::string(schema::kSourceField), &processors_->source);
    parser_.add_boolean_prefix(std::string(schema::kDateField), &processors_->date);
    // Wildcards expand to the most frequent terms only, so "a*" cannot blow up a query.
    parser_.set_max_expansion(1000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

NewsQueryParser::~NewsQueryParser() = default;

Xapian::Query NewsQueryParser::parse(const std::string& query, bool match_any, bool spelling) {
    corrected_.clear();
    QueryReading reading = read_query(query);
    warnings_ = std::move(reading.warnings);
    if (reading.query.find_first_not_of(" \t\r\n") == std::string::npos)
        return Xapian::Query::MatchAll;
    parser_.set_default_op(match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    processors_->error.clear();
    try {
        const std::string text = strip_possessives(capitalise_dotted_acronyms(reading.query));
        // Only unknown words are corrected, so a query of known words needs no dictionary
        // lookups (which Xapian makes for every word).
        if (spelling && holds_every_word(db_, text)) spelling = false;
        unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
        if (spelling) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        Xapian::Query parsed = parser_.parse_query(text, flags);
        if (const auto& error = processors_->error.message())
            throw Error(ErrorKind::bad_input, *error);
        if (spelling)
            if (const std::string corrected = parser_.get_corrected_query_string();
                !corrected.empty())
                corrected_ = corrections_of_unknown_words(db_, text, corrected);
        return parsed;
    } catch (const Xapian::QueryParserError& e) {
        throw Error(ErrorKind::bad_input, query_syntax_message(e.get_msg()));
    } catch (const Xapian::UnimplementedError&) {
        // A backend without spelling support: the query without a correction.
        if (!spelling) throw;
        return parse(query, match_any, false);
    }
}

std::string NewsQueryParser::corrected_query() const {
    return corrected_;
}

}  // namespace newsindex
