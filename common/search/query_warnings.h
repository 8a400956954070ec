// Mistakes in a query that Xapian's parser passes over silently, or reads in a way no one
// meant, found before it parses: each is mended and said in a warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

struct QueryReading {
    std::string query;                  // what the parser is given
    std::vector<std::string> warnings;  // one line each: what was mended, and how
};

// Mends, each with a warning:
// - a field with nothing after it ("person:", "title:") is left out: Xapian would search
//   the field's name as a word, and "person" finds "personal";
// - a quote never closed ('"oil prices') is closed at the end: a phrase to the end;
// - a parenthesis never closed ('(oil AND prices') is closed at the end;
// - a ')' with no '(' before it ('oil AND prices)') is left out: Xapian would give up on
//   every operator and search "and" as a word.
// Quotes and parentheses inside a phrase are its words' business, not counted.
QueryReading read_query(std::string_view query);

// Xapian's syntax error messages ("Syntax: <expression> AND <expression>") said in the
// words of newssearch's help; other messages unchanged.
std::string query_syntax_message(std::string_view xapian_message);

}  // namespace newsindex
