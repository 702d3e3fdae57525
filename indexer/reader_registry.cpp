#include "reader_registry.h"

#include "readers/column_mapping.h"
#include "readers/csv_reader.h"
#include "readers/esf_record_reader.h"
#include "readers/html_reader.h"
#include "readers/markdown_reader.h"
#include "readers/pdf_reader.h"
#include "readers/project_bank_json_reader.h"
#include "readers/text_reader.h"
#include "readers/xlsx_reader.h"

namespace fynd {

ReaderRegistry::ReaderRegistry() : ReaderRegistry(std::filesystem::path()) {}

ReaderRegistry::ReaderRegistry(const std::filesystem::path& columns_file) {
  const auto profiles = ColumnProfileSet::with_file(columns_file);
  readers_.push_back(std::make_unique<PdfReader>());
  readers_.push_back(std::make_unique<XlsxReader>(profiles));
  readers_.push_back(std::make_unique<ProjectBankJsonReader>());
  readers_.push_back(std::make_unique<HtmlReader>());
  readers_.push_back(std::make_unique<MarkdownReader>());
  readers_.push_back(std::make_unique<CsvReader>(profiles));
  readers_.push_back(std::make_unique<EsfRecordReader>());
  readers_.push_back(std::make_unique<TextReader>());
}

const Reader& ReaderRegistry::reader_for(const std::filesystem::path& path, std::string_view head) const {
  for (const auto& reader : readers_) {
    if (reader->accepts(path, head)) return *reader;
  }
  return *readers_.back();
}

const Reader* ReaderRegistry::find(std::string_view name) const {
  for (const auto& reader : readers_) {
    if (reader->name() == name) return reader.get();
  }
  return nullptr;
}

void ReaderRegistry::add_front(std::unique_ptr<Reader> reader) { readers_.insert(readers_.begin(), std::move(reader)); }

}  // namespace fynd
