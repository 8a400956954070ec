// libFuzzer target: the markdown reader (parse_articles with ArticleFormat::markdown).
#include <cstddef>
#include <cstdint>

#include "fuzz/reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return newsindex::fuzz::fuzz_reader(data, size, newsindex::ArticleFormat::markdown);
}
