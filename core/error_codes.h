/** The single table of error codes: name, process exit code, HTTP status. */
#pragma once

#include <string_view>

namespace fynd {

enum class ErrorCode {
  Ok,
  BadUsage,          ///< wrong command-line arguments
  BadInput,          ///< an input file could not be read or parsed
  BadQuery,          ///< a malformed query or request parameter
  NotFound,          ///< no such project / route
  IndexUnavailable,  ///< the database is missing, locked or corrupt
  Internal,          ///< a bug or an unexpected library failure
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view name;  ///< stable machine-readable name, used in JSON error bodies
  int exit_code;          ///< process exit status of the command-line tools
  int http_status;        ///< status of the JSON service
};

/// One row per code; exit codes are documented in the README and in --help.
inline constexpr ErrorInfo kErrorTable[] = {
    {ErrorCode::Ok, "ok", 0, 200},
    {ErrorCode::BadUsage, "bad_usage", 2, 400},
    {ErrorCode::BadInput, "bad_input", 3, 400},
    {ErrorCode::BadQuery, "bad_query", 4, 400},
    {ErrorCode::NotFound, "not_found", 5, 404},
    {ErrorCode::IndexUnavailable, "index_unavailable", 6, 503},
    {ErrorCode::Internal, "internal", 70, 500},
};

constexpr const ErrorInfo& error_info(ErrorCode code) {
  for (const auto& row : kErrorTable) {
    if (row.code == code) return row;
  }
  return kErrorTable[sizeof(kErrorTable) / sizeof(kErrorTable[0]) - 1];
}

}  // namespace fynd
