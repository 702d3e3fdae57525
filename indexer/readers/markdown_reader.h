/** MarkdownReader: .md files; '#' headings become Heading blocks, list items ListItems. */
#pragma once

#include "reader.h"

namespace fynd {

/// Reads Markdown structurally (ATX headings, '-', '*', '+' and '1.' list items,
/// paragraphs separated by blank lines); inline markup is left as written. The first
/// level-1 heading is the title.
class MarkdownReader : public Reader {
 public:
  std::string_view name() const override { return "markdown"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
};

}  // namespace fynd
