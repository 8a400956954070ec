// File names that are not UTF-8, as they are on disk. The stored document data is JSON,
// which holds UTF-8 only, so such a name's bad bytes are stored as U+FFFD; the article's
// id term (schema.h: "Q" + root + "/" + id) keeps every byte. A hit takes its id and path
// back from there, so that front ends can print them escaped (bad\xff.txt) and a printed
// id can be typed back into --like.
#pragma once

#include <xapian.h>

#include "common/base/article.h"

namespace newsindex {

// Restores the bytes of `article`'s id and path from `document`'s id term when the stored
// ones lost some (they hold U+FFFD); leaves them alone otherwise, and when the id term
// is a shortened one (a name past schema::kMaxIdTermBytes).
void restore_file_name_bytes(Article& article, const Xapian::Document& document);

}  // namespace newsindex
