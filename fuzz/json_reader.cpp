// Fuzz target: ProjectBankJsonReader on arbitrary bytes, as a .json file (array or object)
// when the input's first byte is even, as a .jsonl file (one record a line) when it is odd.
#include <cstdint>

#include "fuzz_support.h"
#include "readers/project_bank_json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::ProjectBankJsonReader reader;
  if (size == 0) return 0;
  const bool lines = (data[0] & 1) != 0;
  fynd::fuzz::read_checked(reader, lines ? "projects.jsonl" : "projects.json", data + 1, size - 1);
  return 0;
}
