// Fuzz target: MarkdownReader on arbitrary bytes (Markdown pages).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/markdown_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::MarkdownReader reader;
  fynd::fuzz::read_checked(reader, "page.md", data, size);
  return 0;
}
