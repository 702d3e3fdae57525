// Fuzz target: WordBreaks::latin1 against ICU. Wherever the byte path takes a text, its
// segments must be the ones ICU's word break iterator gives.
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "word_breaks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<fynd::TextSpan> fast;
  if (!fynd::WordBreaks::latin1(text, fast)) {
    if (!fast.empty()) fynd::fuzz::fail("text left to ICU, with segments");
    return 0;
  }
  if (!fynd::fuzz::valid_utf8(text)) fynd::fuzz::fail("ill-formed UTF-8 taken by the byte path");
  const std::vector<fynd::TextSpan> icu = fynd::WordBreaks::icu(text);
  if (fast.size() != icu.size()) fynd::fuzz::fail("a different number of segments than ICU's");
  for (std::size_t i = 0; i < fast.size(); ++i) {
    if (fast[i].begin != icu[i].begin || fast[i].end != icu[i].end) fynd::fuzz::fail("a segment differs from ICU's");
  }
  return 0;
}
