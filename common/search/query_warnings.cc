#include "common/search/query_warnings.h"

#include <array>
#include <cctype>

#include "common/base/entity.h"
#include "common/index/schema.h"

namespace newsindex {

namespace {

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// The query fields, as the parser knows them (query_parser.cc).
std::array<std::string_view, 7> field_names() {
    return {schema::kTitleField,
            schema::entity_field(EntityKind::person),
            schema::entity_field(EntityKind::org),
            schema::entity_field(EntityKind::place),
            schema::kSourceField,
            schema::kKeywordField,
            schema::kDateField};
}

// The length of "field:" at the start of `text` when nothing follows it (the end, a space
// or a closing parenthesis); 0 otherwise.
std::size_t empty_field_at(std::string_view text) {
    for (const std::string_view name : field_names()) {
        if (!text.starts_with(name) || text.size() <= name.size() || text[name.size()] != ':')
            continue;
        const std::size_t end = name.size() + 1;
        if (end == text.size() || is_space(text[end]) || text[end] == ')') return end;
    }
    return 0;
}

}  // namespace

QueryReading read_query(std::string_view query) {
    QueryReading reading;
    std::string& out = reading.query;
    bool in_quote = false;
    std::size_t open_parentheses = 0;
    bool stray_closing = false;
    for (std::size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (c == '"') {
            in_quote = !in_quote;
        } else if (!in_quote) {
            // A field starts a word, perhaps after + or - (required, excluded).
            const bool word_start = i == 0 || is_space(query[i - 1]) || query[i - 1] == '(' ||
                                    ((query[i - 1] == '+' || query[i - 1] == '-') &&
                                     (i == 1 || is_space(query[i - 2]) || query[i - 2] == '('));
            if (word_start) {
                if (const std::size_t length = empty_field_at(query.substr(i))) {
                    if (!out.empty() && (out.back() == '+' || out.back() == '-')) out.pop_back();
                    std::string warning = "'";
                    warning.append(query.substr(i, length));
                    warning += "' has nothing after it and was left out";
                    reading.warnings.push_back(std::move(warning));
                    i += length - 1;
                    continue;
                }
            }
            if (c == '(') {
                ++open_parentheses;
            } else if (c == ')') {
                if (open_parentheses == 0) {
                    stray_closing = true;
                    out += ' ';  // "a)b" stays two words
                    continue;
                }
                --open_parentheses;
            }
        }
        out += c;
    }
    if (in_quote) {
        out += '"';
        reading.warnings.emplace_back(
            "unbalanced quote: the words after the last '\"' were read as a phrase up to the "
            "end of the query");
    }
    if (stray_closing)
        reading.warnings.emplace_back(
            "unbalanced parenthesis: a ')' without a '(' before it was left out");
    if (open_parentheses > 0) {
        out.append(open_parentheses, ')');
        reading.warnings.emplace_back(open_parentheses == 1
                                          ? "unbalanced parenthesis: the '(' never closed was "
                                            "read as closed at the end of the query"
                                          : "unbalanced parentheses: the '(' never closed were "
                                            "read as closed at the end of the query");
    }
    return reading;
}

std::string query_syntax_message(std::string_view xapian_message) {
    // Xapian 1.4 says "Syntax: <expression> OP <expression>" for every binary operator.
    constexpr std::string_view kHead = "Syntax: <expression> ";
    constexpr std::string_view kTail = " <expression>";
    if (!xapian_message.starts_with(kHead) || !xapian_message.ends_with(kTail))
        return std::string(xapian_message);
    const std::string op(
        xapian_message.substr(kHead.size(), xapian_message.size() - kHead.size() - kTail.size()));
    std::string lower = op;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string sides =
        op == "NOT" ? "a word or a group after it" : "a word or a group on each side";
    return "the operator " + op + " needs " + sides +
           " (to search for the word, write it in "
           "lower case: " +
           lower + ")";
}

}  // namespace newsindex
