// Fuzz target: PdfReader on arbitrary bytes (PDF files (poppler-cpp)).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/pdf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::PdfReader reader;
  fynd::fuzz::read_checked(reader, "report.pdf", data, size);
  return 0;
}
