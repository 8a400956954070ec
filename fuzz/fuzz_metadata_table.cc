// libFuzzer target: metadata tables (metadata_table.h), as CSV and as TSV.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/base/error.h"
#include "common/read/metadata_table.h"
#include "fuzz/reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsindex;
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const bool csv : {true, false}) {
        MetadataTables tables;
        std::vector<std::string> warnings;
        try {
            tables.add(text, "/fuzz", csv, warnings);
        } catch (const Error& e) {
            fuzz::require_valid_utf8_message(e.what(), "error");
        }
        for (const auto& warning : warnings) fuzz::require_valid_utf8_message(warning, "warning");
        Article article;
        article.id = "a.txt";
        tables.apply(article, "/fuzz/a.txt", "/fuzz/a.txt");
        fuzz::require_valid_utf8(article.title, "article title");
        (void)tables.file_state("/fuzz/a.txt");
    }
    return 0;
}
