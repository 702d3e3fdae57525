/** Searcher: the read-only side of fynd; runs SearchRequests against the index. */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer.h"
#include "index_source.h"
#include "search_request.h"

namespace fynd {

/// Opens the index read-only (never for writing). One Searcher per thread: Xapian
/// database handles are not shared between threads.
class Searcher {
 public:
  /// Throws IndexError naming the directory if it is not a readable fynd index.
  explicit Searcher(const std::filesystem::path& db_dir);
  /// Opens the shards of `source` as one index (see IndexSource).
  explicit Searcher(const IndexSource& source);

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
  /// The databases the index is made of (one for an unsharded index).
  const std::vector<Shard>& shards() const { return shards_; }
  /// True when a shard is remote: fynd's own match spies cannot run there.
  bool has_remote() const { return remote_; }

 private:
  std::filesystem::path dir_;
  std::vector<Shard> shards_;
  bool remote_ = false;
  Xapian::Database db_;
  Analyzer analyzer_;
};

}  // namespace fynd
