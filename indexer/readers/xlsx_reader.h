/** XlsxReader: Excel workbooks (.xlsx, libzip + pugixml), every sheet, one project per row. */
#pragma once

#include <cstdint>
#include <memory>

#include "column_mapping.h"
#include "reader.h"

namespace fynd {

/// Reads Office Open XML workbooks: every sheet in workbook order, cells from shared
/// strings, inline strings, numbers, booleans and formula results; numbers whose cell
/// style is a date format become ISO dates (1900 and 1904 date systems). Each sheet's
/// rows are mapped onto projects by the column profile that fits its header (see
/// sheet_table.h); a sheet no profile fits is skipped with a warning. A zip whose parts
/// would expand beyond `max_uncompressed` bytes in all is refused with an InputError
/// naming the file and the part (a zip bomb guard).
class XlsxReader : public Reader {
 public:
  static constexpr std::uint64_t kDefaultMaxUncompressed = std::uint64_t{256} << 20;

  explicit XlsxReader(std::shared_ptr<const ColumnProfileSet> profiles = nullptr,
                      std::uint64_t max_uncompressed = kDefaultMaxUncompressed);

  std::string_view name() const override { return "xlsx"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;

  /// The ISO date of a spreadsheet serial day number ("43466" -> "2019-01-01").
  static std::string serial_to_date(double serial, bool date1904);
  /// True when a number format code shows a date ("yyyy-mm-dd", "d/m/yy", not "0.00"
  /// nor "h:mm").
  static bool is_date_format(std::string_view code);

 private:
  std::shared_ptr<const ColumnProfileSet> profiles_;  ///< null: the built-in ones, looked up when read
  std::uint64_t max_uncompressed_;
};

}  // namespace fynd
