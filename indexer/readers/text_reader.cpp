#include "text_reader.h"

#include "text_decoder.h"

namespace fynd {

RawDocument decode_document(const std::filesystem::path& path, std::string_view bytes, std::string_view format) {
  DecodedText decoded = TextDecoder().decode(bytes, path.string());
  RawDocument doc;
  doc.text.reserve(decoded.text.size());
  for (std::size_t i = 0; i < decoded.text.size(); ++i) {
    const char c = decoded.text[i];
    if (c == '\r') {
      if (i + 1 < decoded.text.size() && decoded.text[i + 1] == '\n') continue;
      doc.text.push_back('\n');
    } else {
      doc.text.push_back(c);
    }
  }
  doc.encoding = std::move(decoded.encoding);
  doc.warnings = std::move(decoded.warnings);
  doc.source.file = path.string();
  doc.source.format = std::string(format);
  return doc;
}

bool TextReader::accepts(const std::filesystem::path& /*path*/, std::string_view /*head*/) const { return true; }

std::vector<RawDocument> TextReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  RawDocument doc = decode_document(path, bytes, name());
  doc.blocks = line_blocks(doc.text);
  std::vector<RawDocument> out;
  out.push_back(std::move(doc));
  return out;
}

}  // namespace fynd
