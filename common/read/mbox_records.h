// The messages of a mailbox (mbox) as records, read from the file a block at a time: a
// mail archive of any size is indexed in bounded memory, and a run after new mail arrived
// writes only the new messages. Not part of the public API (file_records.h is).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "common/read/file_records.h"

namespace newsindex::readers {

inline constexpr std::string_view kMboxFromLine = "From ";

// Where the message after the one that starts at `start` starts: the first "From " line
// after an empty line or shaped as mbox writers write one ("From SENDER", then nothing
// or a date with a time), the line's "\n" searched from `from` on; npos when `bytes`
// holds none. A line of text that starts "From Boston, ..." splits no message.
std::size_t find_mbox_separator(std::string_view bytes, std::size_t start, std::size_t from);

// One message of a mailbox as a lone message: its "From " line dropped, body lines that
// mboxrd quoting wrote as ">From " unquoted.
std::string mbox_message(std::string_view raw);

// Nothing when the file is no mailbox (it does not start with an mbox "From " line): one
// message, read whole. Each record holds one message, "From " line included.
// Records are keyed by position ("1", "2", ...; "file" for a mailbox of one message,
// whose article is the file itself), so mail appended to a mailbox leaves the records
// before it unchanged. A message over kMaxFileBytes is cut there, with a warning.
// Throws Error (io) when the file cannot be opened.
std::unique_ptr<RecordReader> open_mbox_records(const ArticleOrigin& origin);

}  // namespace newsindex::readers
