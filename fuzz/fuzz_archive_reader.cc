// libFuzzer target: archives, compressed files and WARC (archive_records.h) through
// libarchive, every record parsed as a build parses it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/base/error.h"
#include "common/read/archive_records.h"
#include "fuzz/reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsindex;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ArticleOrigin origin;
    origin.path = "/fuzz/input.gz";
    origin.root = "/fuzz";
    origin.relative = "input.gz";
    origin.format = ArticleFormat::archive;
    try {
        const auto records = readers::open_archive_records(bytes, origin);
        std::vector<std::string> warnings;
        // A bound on the records looked at keeps one input from running for minutes.
        for (int n = 0; n < 64; ++n) {
            const auto record = records->next();
            if (!record) break;
            for (const auto& article : parse_record(*record, origin, warnings)) {
                fuzz::require_valid_utf8(article.title, "article title");
                fuzz::require_valid_utf8(article.body, "article body");
                fuzz::require_valid_utf8(article.url, "article url");
            }
        }
        for (const auto& warning : records->warnings())
            fuzz::require_valid_utf8_message(warning, "warning");
    } catch (const Error& e) {
        fuzz::require_valid_utf8_message(e.what(), "error");
    }
    return 0;
}
