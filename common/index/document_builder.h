// Turns an Article into the Xapian document the schema describes.
#pragma once

#include <cstdint>
#include <string>

#include <xapian.h>

#include "common/base/article.h"

namespace newsindex {

// Where an article came from, as incremental builds track it.
struct SourceFile {
    std::string root;      // canonical path of the indexed root
    std::string relative;  // path of the file under the root, '/'-separated
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;  // empty unless the build verifies contents

    // root '/' relative: names the file across all roots of one index.
    std::string key() const { return root + '/' + relative; }
};

// A document ready for the index, with the unique term it is stored under.
struct ArticleDocument {
    std::string id_term;
    Xapian::Document document;
};

// Holds a TermGenerator, which keeps state between documents: each worker thread of a
// build owns its own builder.
class DocumentBuilder {
public:
    DocumentBuilder();

    ArticleDocument build(const Article& article, const SourceFile& source);

private:
    Xapian::TermGenerator term_generator_;
};

}  // namespace newsindex
