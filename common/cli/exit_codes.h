// Process exit codes of both programs, as documented in the README and in --help.
#pragma once

namespace newsindex::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kSomeFilesFailed = 1;  // build: articles of some files were lost
inline constexpr int kUsage = 2;             // bad option, bad query, missing index
inline constexpr int kLocked = 75;           // EX_TEMPFAIL: another build holds the index
inline constexpr int kInterrupted = 130;     // SIGINT
inline constexpr int kTerminated = 143;      // SIGTERM

}  // namespace newsindex::exit_code
