// Fuzz target: EsfRecordReader on arbitrary bytes (ESF key/value records).
#include <cstdint>

#include "fuzz_support.h"
#include "readers/esf_record_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::EsfRecordReader reader;
  fynd::fuzz::read_checked(reader, "record.txt", data, size);
  return 0;
}
