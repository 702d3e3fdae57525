/** The error types shared by all of fynd: one base class carrying an ErrorCode. */
#pragma once

#include <stdexcept>
#include <string>

#include "error_codes.h"

namespace fynd {

/// Base of every exception fynd's libraries throw. `code()` decides the exit code of a
/// command and the HTTP status of a request (see error_codes.h).
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

/// A file could not be read or understood; the message names the file.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ErrorCode::BadInput, message) {}
};

/// A query or request parameter is malformed; the message names the parameter.
class QueryError : public Error {
 public:
  explicit QueryError(const std::string& message) : Error(ErrorCode::BadQuery, message) {}
};

/// The index is missing, locked or damaged.
class IndexError : public Error {
 public:
  explicit IndexError(const std::string& message) : Error(ErrorCode::IndexUnavailable, message) {}
};

/// A requested project does not exist.
class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ErrorCode::NotFound, message) {}
};

}  // namespace fynd
