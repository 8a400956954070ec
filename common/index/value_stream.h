// The values of one slot of one database, read in document order: each chunk of values
// is decoded once, where Document::get_value would look its chunk up again for every
// document.
#pragma once

#include <xapian.h>

#include <string>

namespace newsindex {

class ValueStream {
public:
    ValueStream(const Xapian::Database& db, Xapian::valueno slot);
    // The value of document `did`, empty when it has none. Cheap when asked in ascending
    // document order; asking for an earlier document starts the stream again.
    std::string at(Xapian::docid did);

private:
    Xapian::Database db_;
    Xapian::valueno slot_;
    Xapian::ValueIterator it_;
    Xapian::docid last_ = 0;
};

}  // namespace newsindex
