// Fuzz target: HtmlReader on arbitrary bytes (HTML pages).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::HtmlReader reader;
  fynd::fuzz::read_checked(reader, "page.html", data, size);
  return 0;
}
