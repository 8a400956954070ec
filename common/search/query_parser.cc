#include "common/search/query_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "common/base/accent_fold.h"
#include "common/base/date.h"
#include "common/index/entity_lookup.h"
#include "common/index/entity_terms.h"
#include "common/index/language_terms.h"
#include "common/index/possessives.h"
#include "common/index/schema.h"
#include "common/search/filter_term.h"
#include "common/search/query_warnings.h"

namespace newsindex {

namespace {

bool is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The weight of the accent-folded reading of a query beside the reading as written: an
// article that spells the words as the query does ranks first.
constexpr double kFoldedWeight = 0.5;

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

// source: and keyword: filters, folded like entity names.
class SourceFieldProcessor : public Xapian::FieldProcessor {
public:
    using TermOf = std::string (*)(std::string_view);
    SourceFieldProcessor(FilterError& error, const std::vector<Xapian::Database>& parts,
                         TermOf term_of = source_term)
        : error_(error), parts_(parts), term_of_(term_of) {}

    Xapian::Query operator()(const std::string& value) override {
        const std::string term = term_of_(value);
        if (term.empty()) return error_.fail("empty filter value");
        return filter_term_query(term, parts_);
    }

private:
    FilterError& error_;
    const std::vector<Xapian::Database>& parts_;
    TermOf term_of_;
};

// lang: filters: the ISO 639-1 code, whatever its case or region ("FR", "fr-CA").
std::string language_code(std::string_view value) {
    std::string code;
    for (const char c : value) {
        if (c == '-' || c == '_') break;
        code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return code;
}

class LanguageFieldProcessor : public Xapian::FieldProcessor {
public:
    LanguageFieldProcessor(FilterError& error, const std::vector<Xapian::Database>& parts)
        : error_(error), parts_(parts) {}

    Xapian::Query operator()(const std::string& value) override {
        const std::string code = language_code(value);
        if (code.empty()) return error_.fail("empty filter value");
        return filter_term_query(language_term(code), parts_);
    }

private:
    FilterError& error_;
    const std::vector<Xapian::Database>& parts_;
};

// The languages a query's lang: filters name ("lang:fr lang:de" -> fr, de), in order.
std::vector<std::string> filtered_languages(std::string_view query) {
    std::vector<std::string> out;
    const std::string field = std::string(schema::kLanguageField) + ":";
    for (std::size_t at = query.find(field); at != std::string_view::npos;
         at = query.find(field, at + 1)) {
        if (at > 0 && is_word_byte(query[at - 1])) continue;
        std::size_t end = at + field.size();
        while (end < query.size() && (is_word_byte(query[end]) || query[end] == '-')) ++end;
        const std::string code =
            language_code(query.substr(at + field.size(), end - at - field.size()));
        if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end())
            out.push_back(code);
    }
    return out;
}

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

// Xapian leaves capitalised words unstemmed, as names; German capitalises every noun, so
// its reading of a query puts them in lower case first ("Streik" then finds "Streiks").
// Words in capitals (AND, NATO) stay as they are.
std::string lower_capitalised_words(std::string_view text) {
    std::string out;
    for (const Token& token : tokens(text)) {
        bool first_upper = false, later_lower = false, first = true;
        for (Xapian::Utf8Iterator it(token.text); token.word && it != Xapian::Utf8Iterator();
             ++it) {
            const auto category = Xapian::Unicode::get_category(*it);
            if (first)
                first_upper = category == Xapian::Unicode::UPPERCASE_LETTER;
            else if (category == Xapian::Unicode::LOWERCASE_LETTER)
                later_lower = true;
            first = false;
        }
        const bool capitalised = first_upper && later_lower;
        out += capitalised ? Xapian::Unicode::tolower(token.text) : token.text;
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
    SourceFieldProcessor keyword{error, parts, keyword_term};
    DateFieldProcessor date{error};
    LanguageFieldProcessor language{error, parts};
};

NewsQueryParser::NewsQueryParser(const Xapian::Database& db, std::vector<Xapian::Database> parts)
    : stemmer_(stemmer_for(schema::kDefaultLanguage)),
      processors_(std::make_unique<FieldProcessors>(EntityLookup(db), std::move(parts))) {
    db_ = db;
    for (auto it = db.allterms_begin(std::string(schema::kLanguagePrefix));
         it != db.allterms_end(std::string(schema::kLanguagePrefix)); ++it)
        languages_.push_back((*it).substr(schema::kLanguagePrefix.size()));
}

NewsQueryParser::~NewsQueryParser() = default;

Xapian::QueryParser& NewsQueryParser::parser_for(const std::string& language) {
    if (const auto it = parsers_.find(language); it != parsers_.end()) return it->second;
    Xapian::QueryParser& parser = parsers_[language];
    parser.set_database(db_);
    parser.set_stemmer(stemmer_for(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.add_prefix(std::string(schema::kTitleField), std::string(schema::kTitlePrefix));
    // An empty grouping puts every filter in a group of its own: two person: filters
    // mean "both people", not "either".
    const std::string each_filter_alone;
    for (auto& processor : processors_->entities)
        parser.add_boolean_prefix(std::string(schema::entity_field(processor.kind())), &processor,
                                  &each_filter_alone);
    parser.add_boolean_prefix(std::string(schema::kSourceField), &processors_->source);
    // Two keyword: filters mean "both", as two people do.
    parser.add_boolean_prefix(std::string(schema::kKeywordField), &processors_->keyword,
                              &each_filter_alone);
    parser.add_boolean_prefix(std::string(schema::kDateField), &processors_->date);
    parser.add_boolean_prefix(std::string(schema::kLanguageField), &processors_->language);
    // Wildcards expand to the most frequent terms only, so "a*" cannot blow up a query.
    parser.set_max_expansion(1000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    return parser;
}

namespace {

// "-person:X -place:Y" as "NOT person:X NOT place:Y". Xapian reads a query of excluded
// terms alone as those terms, weighted 0 (it has nothing to exclude them from), so an
// exclusion the page adds to an empty query would find the very articles it excludes;
// with NOT (FLAG_PURE_NOT) they are excluded from every article. Only a query of such
// words alone, outside quotes, is rewritten.
std::string excluded_only_as_not(const std::string& text) {
    std::vector<std::string> words;
    bool quoted = false;
    std::string word;
    for (const char c : text) {
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    if (quoted || words.empty()) return text;
    for (const auto& w : words)
        if (w.size() < 2 || w[0] != '-' || w[1] == '-' ||
            w.find_first_of("()") != std::string::npos)
            return text;
    std::string rewritten;
    for (const auto& w : words) rewritten += (rewritten.empty() ? "NOT " : " NOT ") + w.substr(1);
    return rewritten;
}

}  // namespace

Xapian::Query NewsQueryParser::parse(const std::string& query, bool match_any, bool spelling) {
    corrected_.clear();
    QueryReading reading = read_query(query);
    warnings_ = std::move(reading.warnings);
    if (reading.query.find_first_not_of(" \t\r\n") == std::string::npos)
        return Xapian::Query::MatchAll;
    processors_->error.clear();
    try {
        const std::string text =
            excluded_only_as_not(strip_possessives(capitalise_dotted_acronyms(reading.query)));
        // Only unknown words are corrected, so a query of known words needs no dictionary
        // lookups (which Xapian makes for every word).
        if (spelling && holds_every_word(db_, text)) spelling = false;
        unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;
        if (spelling) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        const std::string folded = fold_accents(text);

        // Each article is stemmed in its own language, so the query is read once in each
        // language the index holds (or its lang: filters name), and each reading finds the
        // articles of its language. Readings that come out the same (no word a stemmer
        // changes, or stemmers that agree) are one.
        std::vector<std::string> languages = filtered_languages(text);
        const bool filtered = !languages.empty();
        if (!filtered) languages = languages_;
        if (languages.empty()) languages.emplace_back(schema::kDefaultLanguage);
        struct Reading {
            Xapian::Query query;
            std::vector<std::string> languages;
        };
        std::map<std::string, Reading> readings;
        std::vector<std::string> order;
        for (const std::string& language : languages) {
            Xapian::QueryParser& parser = parser_for(language);
            parser.set_default_op(match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
            const bool german = language == "de";
            const std::string own = german ? lower_capitalised_words(text) : text;
            Xapian::Query parsed = parser.parse_query(own, flags);
            if (spelling && order.empty())
                if (const std::string corrected = parser.get_corrected_query_string();
                    !corrected.empty())
                    corrected_ = corrections_of_unknown_words(db_, text, corrected);
            // Without its accents too: "deputes" finds "députés" (language_terms.h), and
            // "São Paulo" finds "Sao Paulo", after the spelling as written.
            if (folded != text) {
                const unsigned folded_flags =
                    flags & ~Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
                const Xapian::Query unaccented = parser.parse_query(
                    german ? lower_capitalised_words(folded) : folded, folded_flags);
                // A stemmer that drops the accents itself reads both the same.
                if (unaccented.get_description() != parsed.get_description())
                    parsed = Xapian::Query(
                        Xapian::Query::OP_OR, parsed,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, unaccented, kFoldedWeight));
            }
            const std::string key = parsed.get_description();
            auto [it, added] = readings.try_emplace(key, Reading{parsed, {}});
            it->second.languages.push_back(language);
            if (added) order.push_back(key);
        }
        if (const auto& error = processors_->error.message())
            throw Error(ErrorKind::bad_input, *error);
        // One reading for every language: no language filter needed.
        if (readings.size() == 1) return readings.begin()->second.query;
        std::vector<Xapian::Query> branches;
        for (const std::string& key : order) {
            const Reading& reading_of = readings.at(key);
            std::vector<Xapian::Query> terms;
            for (const std::string& language : reading_of.languages)
                terms.push_back(filter_term_query(language_term(language), processors_->parts));
            branches.emplace_back(Xapian::Query::OP_FILTER, reading_of.query,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        }
        return Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
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
