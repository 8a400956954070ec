// Queries that stay right where Xapian 1.4's matcher goes wrong on a term that indexes
// every document of a database.
//
// Xapian 1.4 (1.4.22 here; the code is unchanged up to 1.4.29) answers an unweighted
// term that indexes every document of a (sub)database with that database's posting list
// of all documents, renamed to the term (matcher/localsubmatch.cc, LeafPostList::
// set_term). Once deletions leave gaps in the document ids, that list is read chunk by
// chunk, and moving on to its next chunk checks the chunk's key against the new name:
// "Unexpected end of posting list for 'XL…'" (DatabaseCorruptError) as soon as a match
// passes the first chunk (about 1,200 documents). Skipping to a document looks the chunk
// up by the term instead, which reads the term's own postings and is right. Two rules keep
// every search off the broken path:
//  - a filter term that may index every document is searched as `MatchAll FILTER term`:
//    the list of all documents (named as itself) leads, and the term is only skipped
//    through (filter_term_query);
//  - a pass that only counts matches weights them with counting_weight(), never
//    BoolWeight: Xapian replaces a weighted term only when its weight needs no wdf.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace newsindex {

// The query of one boolean filter term. `parts` are the local databases a search combines,
// each asked whether the term indexes all of its documents; empty when some are remote or
// unknown, which guards every filter term (the guard costs one skip per match).
Xapian::Query filter_term_query(const std::string& term,
                                const std::vector<Xapian::Database>& parts);

// The weighting scheme of a pass that counts matches and ignores their weights: each
// term's weight is its wdf (TfIdfWeight "nnn"), cheap, and built into every Xapian server.
std::unique_ptr<Xapian::Weight> counting_weight();

}  // namespace newsindex
