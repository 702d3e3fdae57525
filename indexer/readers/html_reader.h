/** HtmlReader: HTML pages parsed with gumbo into headings, paragraphs and list items. */
#pragma once

#include <cstddef>
#include <string>

#include "reader.h"

namespace fynd {

/// Deeper element nesting than this is flattened before parsing (real pages stay far below).
inline constexpr std::size_t kMaxHtmlDepth = 256;

/// Removes the start and end tags of elements nested deeper than `max_depth` from `html`,
/// keeping their text; returns how many tags were removed (0: `html` is untouched). Depth
/// is counted on a light scan of the tags, not a parse: void elements, self-closing tags
/// and elements whose end tag may be omitted (p, li, td, ...) do not nest; comments and
/// the content of script/style are skipped.
std::size_t cap_nesting(std::string& html, std::size_t max_depth);

/// Reads .html/.htm files (or content starting with <!doctype html / <html). Keeps
/// h1-h6 as Heading blocks with their level, p as Paragraph, li as ListItem, loose text
/// in other block elements as Paragraph; skips script, style, nav, footer and the like.
/// <title> becomes RawDocument::title. Pages nested deeper than kMaxHtmlDepth are
/// flattened below that depth, with a warning; the DOM is walked without recursion.
class HtmlReader : public Reader {
 public:
  std::string_view name() const override { return "html"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
};

}  // namespace fynd
