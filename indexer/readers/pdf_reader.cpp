#include "pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "error.h"
#include "text.h"

namespace fynd {
namespace {

constexpr std::size_t kMaxWarnings = 5;

/// Where poppler's diagnostics go while this thread reads a PDF; null otherwise.
thread_local std::vector<std::string>* t_diagnostics = nullptr;

void collect_diagnostic(const std::string& message, void* /*closure*/) {
  if (t_diagnostics != nullptr && t_diagnostics->size() < kMaxWarnings) t_diagnostics->push_back(message);
}

/// Routes poppler diagnostics to the current read for as long as it lives.
class DiagnosticScope {
 public:
  explicit DiagnosticScope(std::vector<std::string>& sink) { t_diagnostics = &sink; }
  ~DiagnosticScope() { t_diagnostics = nullptr; }
  DiagnosticScope(const DiagnosticScope&) = delete;
  DiagnosticScope& operator=(const DiagnosticScope&) = delete;
};

std::string to_utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

PdfReader::PdfReader() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(collect_diagnostic, nullptr); });
}

bool PdfReader::accepts(const std::filesystem::path& path, std::string_view head) const {
  return has_extension(path, {".pdf"}) || head.substr(0, 5) == "%PDF-";
}

std::vector<RawDocument> PdfReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  const std::string file = path.string();
  std::vector<std::string> diagnostics;
  DiagnosticScope scope(diagnostics);
  auto fail = [&](const std::string& why) -> InputError {
    std::string msg = file + ": " + why;
    if (!diagnostics.empty()) msg += " (" + diagnostics.front() + ")";
    return InputError(msg);
  };

  if (bytes.substr(0, 5) != "%PDF-") throw fail("not a PDF (no %PDF- header)");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw fail("PDF too large");
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) throw fail("cannot open PDF: truncated or corrupt");
  if (pdf->is_locked()) throw fail("PDF is encrypted");
  const int pages = pdf->pages();
  if (pages <= 0) throw fail("PDF has no pages: truncated or corrupt");

  RawDocument doc;
  doc.source.file = file;
  doc.source.format = std::string(name());
  doc.encoding = "PDF";
  doc.title = text::squash_space(to_utf8(pdf->info_key("Title")));
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (i > 0) doc.text.push_back('\f');
    if (!page) continue;
    std::string page_text = to_utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    for (char& c : page_text) {
      if (c == '\f') c = '\n';
    }
    doc.text += page_text;
  }
  doc.text = text::nfc(doc.text);
  if (text::trim(doc.text).empty() || doc.text.find_first_not_of("\f \n\r\t") == std::string::npos) {
    throw NotIndexable(file + ": no text layer in PDF (scanned? run OCR first)");
  }
  doc.blocks = line_blocks(doc.text);
  for (const std::string& d : diagnostics) doc.warnings.push_back(file + ": poppler: " + d);
  std::vector<RawDocument> out;
  out.push_back(std::move(doc));
  return out;
}

}  // namespace fynd
