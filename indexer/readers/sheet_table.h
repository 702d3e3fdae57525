/** SheetTable: the rows of one CSV file or spreadsheet sheet, and their mapping onto projects. */
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "column_mapping.h"
#include "reader.h"

namespace fynd {

/// One row as read: its number as a spreadsheet shows it (1-based, header included).
struct SheetRow {
  std::size_t number = 0;
  std::vector<std::string> cells;  ///< UTF-8; empty cells are empty strings
};

/// A table read by the CSV or XLSX reader, before column mapping.
struct SheetTable {
  std::string sheet;           ///< sheet name ("" for CSV), for ids and messages
  std::vector<SheetRow> rows;  ///< every row, header included
  bool fixed_width = true;     ///< CSV: a row with another field count than the header is bad
};

/// Maps a table onto projects: finds the header (the first of the first ten non-empty
/// rows that a profile fits), chooses the profile by it, and turns each later row into a
/// RawDocument with `record` set, as ProjectBankJsonReader does. Bad rows (wrong field
/// count, no name and no text) are skipped and bad cells (unparseable date or amount)
/// dropped, each with a warning "FILE: row N: ..." in `warnings`. Throws NotIndexable
/// naming the file when no profile fits the header.
std::vector<RawDocument> sheet_documents(const std::filesystem::path& path, std::string_view format,
                                         const SheetTable& table, const ColumnProfileSet& profiles,
                                         std::vector<std::string>& warnings);

}  // namespace fynd
