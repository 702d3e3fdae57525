// Fuzz target: TextReader on arbitrary bytes (plain text in any encoding).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::TextReader reader;
  fynd::fuzz::read_checked(reader, "notes.txt", data, size);
  return 0;
}
