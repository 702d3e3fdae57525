/** Searcher: the read-only side of fynd; runs SearchRequests against the index. */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "analyzer.h"
#include "search_request.h"

namespace fynd {

/// Opens the index read-only (never for writing). One Searcher per thread: Xapian
/// database handles are not shared between threads.
class Searcher {
 public:
  /// Throws IndexError naming the directory if it is not a readable fynd index.
  explicit Searcher(const std::filesystem::path& db_dir);

  SearchResult search(const SearchRequest& request) const;
  /// The stored record of a project, or nullopt.
  std::optional<Project> get(std::string_view id) const;
  /// Re-opens the database if it was re-indexed; returns true if it changed.
  bool reopen();
  std::uint64_t document_count() const;
  const std::filesystem::path& path() const { return dir_; }
  /// The underlying database, for the query library's own components.
  const Xapian::Database& database() const { return db_; }
  const Analyzer& analyzer() const { return analyzer_; }

 private:
  std::filesystem::path dir_;
  Xapian::Database db_;
  Analyzer analyzer_;
};

}  // namespace fynd
