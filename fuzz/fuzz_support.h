/** Shared checks of the fuzz targets: run a reader on bytes and verify what it returns. */
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <unicode/utf8.h>

#include "error.h"
#include "readers/reader.h"

namespace fynd::fuzz {

/// Stops the run with a message: a broken promise of the code under test is a finding.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

/// True if `s` is well-formed UTF-8.
inline bool valid_utf8(std::string_view s) {
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

/// The bytes around the first ill-formed UTF-8 sequence of `s`, in hex, on stderr.
inline void show_bad_utf8(std::string_view s) {
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0) continue;
    std::fprintf(stderr, "ill-formed UTF-8 at byte %d of %d:", at, n);
    for (std::int32_t k = at < 8 ? 0 : at - 8; k < n && k < at + 8; ++k) {
      std::fprintf(stderr, " %02x", static_cast<unsigned>(static_cast<unsigned char>(s[static_cast<std::size_t>(k)])));
    }
    std::fprintf(stderr, "\n");
    return;
  }
}

/// What every reader promises: UTF-8 text, blocks whose byte ranges lie inside it.
inline void check_document(const RawDocument& doc) {
  if (!valid_utf8(doc.text)) {
    show_bad_utf8(doc.text);
    fail("document text is not UTF-8");
  }
  if (!valid_utf8(doc.title)) fail("document title is not UTF-8");
  for (const Block& b : doc.blocks) {
    if (b.begin > b.end || b.end > doc.text.size()) fail("block range outside the document text");
    if (!valid_utf8(b.text)) fail("block text is not UTF-8");
  }
  if (doc.record && !valid_utf8(doc.record->title)) fail("record title is not UTF-8");
}

/// Runs `reader` on `data` as the file `path`: InputError (and NotIndexable) is the
/// documented answer to bad input; anything else escapes and is reported by libFuzzer.
inline void read_checked(const Reader& reader, const std::filesystem::path& path, const std::uint8_t* data,
                         std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)reader.accepts(path, bytes.substr(0, 4096));
  try {
    for (const RawDocument& doc : reader.read(path, bytes)) check_document(doc);
  } catch (const InputError&) {
  }
}

}  // namespace fynd::fuzz
