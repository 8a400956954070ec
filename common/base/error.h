// The one exception type the library throws past its public surface. Its kind says
// what went wrong in terms a front end can act on: each program maps kinds to exit
// codes (cli/exit_codes.h), a server would map them to HTTP statuses. Messages are one
// line, name the file, index or query concerned, and carry no advice about any one
// front end's commands.
#pragma once

#include <stdexcept>
#include <string>

namespace newsindex {

enum class ErrorKind {
    bad_input,     // a query, an option value, or a file that cannot be read as articles
    not_found,     // nothing at the path: no index, no model file
    locked,        // another build holds the index's write lock
    permission,    // the user may not write (or read) it, or it is on a read-only mount
    io,            // the system failed a read or a write: a full disk, a failed rename
    corrupt,       // the index (or model) is damaged and cannot be read
    outdated,      // an index of an older schema version: a rebuild brings it up to date
    incompatible,  // a newer newsindex's index, or another program's database
    internal,      // anything else; a bug
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

}  // namespace newsindex
