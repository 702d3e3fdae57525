// Fuzz target: TextDecoder::decode (encoding detection and conversion) and
// TextDecoder::convert with a charset picked by the first byte.
#include <array>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "text_decoder.h"

namespace {

constexpr std::array<const char*, 6> kCharsets = {"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1",
                                                  "UTF-32LE"};

/// decode() keeps tab, newline, form feed and carriage return and drops every other control.
bool control_free(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const fynd::TextDecoder decoder;
  (void)fynd::TextDecoder::looks_binary(bytes);
  try {
    const fynd::DecodedText out = decoder.decode(bytes, "input.txt");
    if (!fynd::fuzz::valid_utf8(out.text)) fynd::fuzz::fail("decoded text is not UTF-8");
    if (out.text.rfind("\xEF\xBB\xBF", 0) == 0) fynd::fuzz::fail("decoded text starts with a byte-order mark");
    if (!control_free(out.text)) fynd::fuzz::fail("decoded text keeps a control character");
    if (out.encoding.empty()) fynd::fuzz::fail("no encoding named");
  } catch (const fynd::InputError&) {
  }
  std::size_t replaced = 0;
  const std::string converted = fynd::TextDecoder::convert(bytes, kCharsets[data[0] % kCharsets.size()], replaced);
  if (!fynd::fuzz::valid_utf8(converted)) fynd::fuzz::fail("converted text is not UTF-8");
  return 0;
}
