/** The `fynd-index` command: runs a Pipeline, prints the summary, picks the exit code. */
#pragma once

#include <iosfwd>
#include <string>

#include "pipeline.h"

namespace fynd {

/// Exit codes of fynd-index (from core/error_codes.h, plus 1 for partial success).
struct IndexExit {
  static constexpr int kOk = 0;           ///< every file indexed, unchanged or skipped
  static constexpr int kSomeFailed = 1;   ///< finished, but some files failed
  static constexpr int kUsage = 2;        ///< bad command line
  static constexpr int kIndexUnavailable = 6;  ///< index locked, unreadable or not writable
  static constexpr int kInternal = 70;    ///< a bug
};

/// The column mapping file format and built-in profiles, for --help.
std::string index_columns_help();

/// The exit-code table for --help.
std::string index_exit_codes_help();

/// Prints the closing summary: counts and every failed file.
void print_summary(const IndexSummary& summary, std::ostream& out);

/// Runs one indexing run with `options`; never throws. Per-file lines and errors go to
/// `err`, the summary to `out` (unless quiet). Returns the exit code.
int run_index_command(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fynd
