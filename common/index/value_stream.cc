#include "common/index/value_stream.h"

namespace newsindex {

ValueStream::ValueStream(const Xapian::Database& db, Xapian::valueno slot)
    : db_(db), slot_(slot), it_(db.valuestream_begin(slot)) {}

std::string ValueStream::at(Xapian::docid did) {
    if (did < last_) it_ = db_.valuestream_begin(slot_);
    last_ = did;
    if (it_ == db_.valuestream_end(slot_)) return {};
    it_.skip_to(did);
    if (it_ == db_.valuestream_end(slot_) || it_.get_docid() != did) return {};
    return *it_;
}

}  // namespace newsindex
