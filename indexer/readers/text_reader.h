/** TextReader: plain text files (.txt and any other text), one Line block per line. */
#pragma once

#include "reader.h"

namespace fynd {

/// Reads plain text in any encoding TextDecoder knows. The fallback reader: it accepts
/// every file, so the registry asks it last.
class TextReader : public Reader {
 public:
  std::string_view name() const override { return "text"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
};

/// Decodes `bytes` into a RawDocument's text (UTF-8 NFC, '\r\n' turned into '\n'),
/// encoding and warnings, and sets its source; shared by the text-based readers.
RawDocument decode_document(const std::filesystem::path& path, std::string_view bytes, std::string_view format);

}  // namespace fynd
