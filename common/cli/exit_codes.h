// Process exit codes of both programs, as documented in the README and in --help.
#pragma once

#include "common/base/error.h"

namespace newsindex::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kSomeFilesFailed = 1;  // build: articles of some files were lost
inline constexpr int kUsage = 2;            // bad option or query; no usable index
inline constexpr int kIoError = 74;         // EX_IOERR: a write or read failed (full disk)
inline constexpr int kLocked = 75;          // EX_TEMPFAIL: another build holds the index
inline constexpr int kPermission = 77;      // EX_NOPERM: not allowed to write (or read) it
inline constexpr int kInterrupted = 130;    // SIGINT
inline constexpr int kTerminated = 143;     // SIGTERM

// The exit code a program ends with when a library call failed with `kind`.
constexpr int for_error(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::locked:
            return kLocked;
        case ErrorKind::io:
            return kIoError;
        case ErrorKind::permission:
            return kPermission;
        default:
            return kUsage;
    }
}

}  // namespace newsindex::exit_code
