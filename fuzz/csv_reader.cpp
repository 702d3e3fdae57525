// Fuzz target: CsvReader on arbitrary bytes (CSV/TSV spreadsheets of projects).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::CsvReader reader;
  fynd::fuzz::read_checked(reader, "projects.csv", data, size);
  return 0;
}
