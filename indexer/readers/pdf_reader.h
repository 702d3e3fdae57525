/** PdfReader: the text layer of PDF files via poppler-cpp, pages separated by '\f'. */
#pragma once

#include "reader.h"

namespace fynd {

/// Reads .pdf files (or content starting with "%PDF-"). The text of each page, in
/// reading order, is joined with '\f' and gives Line blocks with PageBreak blocks between
/// pages; the document information "Title" becomes the title. A truncated, corrupt or
/// encrypted PDF throws InputError naming the file; one without a text layer (scanned)
/// throws NotIndexable.
/// Poppler's own diagnostics never reach stderr: they become warnings.
class PdfReader : public Reader {
 public:
  PdfReader();
  std::string_view name() const override { return "pdf"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
};

}  // namespace fynd
