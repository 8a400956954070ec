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
//   person:  title:  (a field with nothing after it)   left out; Xapian would search the
//                                                       word itself ("person" finds
//                                                       "personal")
//   "oil prices   (a quote never closed)                 closed at the end: a phrase
//   (oil AND prices   (a parenthesis never closed)       closed at the end
//   oil AND prices)   (a ')' with no '(')                left out; Xapian would give up
//                                                       on the operators and search
//                                                       "and" as a word
QueryReading read_query(std::string_view query);

// Xapian's syntax error messages ("Syntax: <expression> AND <expression>") said in the
// words of newssearch's help; other messages unchanged.
std::string query_syntax_message(std::string_view xapian_message);

}  // namespace newsindex
