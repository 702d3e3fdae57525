// Fuzz target: the understanding step on decoded text: the bytes are read as a plain-text
// page (first byte even) or a Markdown page (odd), then segmented and extracted
// (Understander::projects: Segmenter, OCR repair, Extractor, inheritance).
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "readers/markdown_reader.h"
#include "readers/text_reader.h"
#include "understand/understander.h"

namespace {

/// Built once, before the first input: loading the Swedish dictionary takes seconds.
const fynd::Understander& understander() {
  static const fynd::Understander instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)understander();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fynd::TextReader text;
  static const fynd::MarkdownReader markdown;
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool md = (data[0] & 1) != 0;
  try {
    const auto docs = md ? markdown.read("page.md", bytes) : text.read("page.txt", bytes);
    for (const fynd::RawDocument& doc : docs) {
      for (const fynd::Project& p : understander().projects(doc)) {
        if (p.id.empty()) fynd::fuzz::fail("project without an id");
        if (!fynd::fuzz::valid_utf8(p.title) || !fynd::fuzz::valid_utf8(p.text)) fynd::fuzz::fail("project text is not UTF-8");
      }
    }
  } catch (const fynd::InputError&) {
  }
  return 0;
}
