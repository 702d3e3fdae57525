/** EsfRecordReader: ESF project-bank records as "Key:" / value text, one project each. */
#pragma once

#include "reader.h"

namespace fynd {

/// Reads the text form of Svenska ESF-rådet's project bank: a heading line
/// ("2019/00503 - Räkna med mig! 2020"), then "Key:" lines each followed by its value
/// (or "Key: value" on one line), then the free description. Recognised by content:
/// at least four known keys in the first 60 lines. Yields one record with id
/// "esf-2019-00503", amounts parsed from "11 444 103", years from the period.
class EsfRecordReader : public Reader {
 public:
  std::string_view name() const override { return "esf"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;

  /// The number of known ESF keys among the first 60 lines of `text`.
  static int known_keys(std::string_view text);
  /// Parses "11 444 103" (spaces, no-break spaces, "kr") into 11444103.
  static std::optional<std::int64_t> parse_amount(std::string_view s);
};

}  // namespace fynd
