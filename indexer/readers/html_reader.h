/** HtmlReader: HTML pages parsed with gumbo into headings, paragraphs and list items. */
#pragma once

#include "reader.h"

namespace fynd {

/// Reads .html/.htm files (or content starting with <!doctype html / <html). Keeps
/// h1-h6 as Heading blocks with their level, p as Paragraph, li as ListItem, loose text
/// in other block elements as Paragraph; skips script, style, nav, footer and the like.
/// <title> becomes RawDocument::title.
class HtmlReader : public Reader {
 public:
  std::string_view name() const override { return "html"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
};

}  // namespace fynd
