// An empty in-memory Xapian database, for unit tests of the core classes.
#pragma once

#include <xapian.h>

#include <string>

namespace newsindex::testing {

inline Xapian::WritableDatabase in_memory_db() {
    return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
}

}  // namespace newsindex::testing
