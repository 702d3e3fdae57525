/** CsvReader: CSV/TSV exports of project lists (RFC 4180, libcsv), one project per row. */
#pragma once

#include <memory>

#include "column_mapping.h"
#include "reader.h"

namespace fynd {

/// Reads .csv and .tsv files in any encoding TextDecoder knows (UTF-8 with or without
/// BOM, Windows-1252, ...). The delimiter (',', ';' or tab) is the one the header line
/// uses most outside quotes; fields follow RFC 4180 (quotes, doubled quotes, the
/// delimiter and line breaks inside quoted fields). Rows are mapped onto projects by the
/// column profile that fits the header (see sheet_table.h).
class CsvReader : public Reader {
 public:
  /// Chooses profiles from `profiles` (the built-in ones when null).
  explicit CsvReader(std::shared_ptr<const ColumnProfileSet> profiles = nullptr);

  std::string_view name() const override { return "csv"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;

  /// The delimiter of `text`: ',', ';' or '\t', whichever its first line holds most of
  /// outside quotes (',' when none).
  static char detect_delimiter(std::string_view text);

 private:
  std::shared_ptr<const ColumnProfileSet> profiles_;  ///< null: the built-in ones, looked up when read
};

}  // namespace fynd
