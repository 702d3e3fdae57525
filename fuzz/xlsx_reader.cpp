// Fuzz target: XlsxReader on arbitrary bytes (XLSX workbooks of projects).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::XlsxReader reader;
  fynd::fuzz::read_checked(reader, "projects.xlsx", data, size);
  return 0;
}
