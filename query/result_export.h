/** ResultExport: every match of a SearchRequest as CSV, written chunk by chunk, with the one column table fynd-query and fynd-serve share. */
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "search_request.h"

namespace fynd {

class Searcher;

/// One column of an exported hit list: its header name, what it holds, and how a hit fills it.
struct ExportColumn {
  std::string_view name;
  std::string_view description;
  std::string (*cell)(const Hit& hit);
};

/// The columns of a CSV export, in order: rank, id, title, funders, regions, years, start,
/// end, themes, budget_sek, owner, source, url. Lists are joined with "; ".
std::span<const ExportColumn> export_columns();

/// RFC 4180 quoting: a field holding a comma, a quote, CR or LF is put in quotes, with
/// quotes doubled. A text that a spreadsheet would run as a formula (starting with =, +, -,
/// @, tab or CR) gets a leading apostrophe first.
std::string csv_field(std::string_view value);
/// The fields as one CSV record ending in CRLF.
std::string csv_record(const std::vector<std::string>& fields);

struct ExportOptions {
  std::size_t rows_per_chunk = 500;  ///< hits fetched and written per chunk (bounds memory)
  std::optional<std::size_t> limit;  ///< at most this many rows; all matches when absent
  bool byte_order_mark = true;       ///< start with a UTF-8 BOM (Excel then reads å/ä/ö right)
};

/// Writes all hits of a request (from `request.offset` on, in its rank or sort order) as
/// CSV: the BOM and the header, then the rows, a chunk of hits at a time. The query is
/// searched as the page shows it: when a search finds almost nothing, the spelling
/// correction or the any-word form that Searcher::search would answer with is exported
/// instead. Facets and snippets are not computed.
class ResultExport {
 public:
  /// Runs the first search, so that a malformed query throws here (before any output).
  ResultExport(const Searcher& searcher, SearchRequest request, ExportOptions options = {});

  /// Appends the next chunk to `out` (header and first rows first); false once everything
  /// was written (then `out` is unchanged).
  bool next(std::string& out);

  /// Matches of the exported query (before offset and limit).
  std::uint64_t total() const { return total_; }
  /// Rows written so far.
  std::uint64_t rows() const { return rows_; }
  /// The query the rows answer (the corrected or relaxed form when that was used).
  const std::string& query() const { return request_.query; }

 private:
  /// Hits [request_.offset + rows_, + rows_per_chunk), capped by the limit.
  std::vector<Hit> fetch();

  const Searcher& searcher_;
  SearchRequest request_;
  ExportOptions options_;
  std::uint64_t total_ = 0;
  std::uint64_t rows_ = 0;
  std::size_t wanted_ = 0;  ///< rows to write in all
  bool header_done_ = false;
  std::vector<Hit> first_;  ///< the first chunk, fetched by the constructor
};

}  // namespace fynd
