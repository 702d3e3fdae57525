/** SearcherPool: one read-only Searcher per worker thread, re-opened when the index changes. */
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "searcher.h"
#include "suggester.h"

namespace fynd::http {

/// What /health reports about the index.
struct IndexStatus {
  std::uint64_t documents = 0;
  std::string indexed_at;                 ///< the index's indexed_at metadata, as written
  std::optional<double> age_seconds;      ///< now - indexed_at, when it parses as a time
  std::string revision;                   ///< Xapian revision (empty for sharded indexes)
  std::vector<Shard> shards;              ///< the databases searched as one (IndexSource)
};

/// Hands each thread its own Searcher (Xapian handles are not shared between threads).
/// A thread checks at most every `check_interval` whether the database was re-indexed and
/// re-opens it then, so a running service picks up a new index without a restart.
class SearcherPool {
 public:
  explicit SearcherPool(std::filesystem::path db_dir,
                        std::chrono::milliseconds check_interval = std::chrono::milliseconds(1000));
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  /// This thread's Searcher, opened or re-opened as needed. Throws IndexError (503) when
  /// the database cannot be opened.
  Searcher& searcher();
  /// This thread's Suggester over searcher().
  Suggester& suggester();
  /// Status of this thread's view of the index.
  IndexStatus status();

  const std::filesystem::path& db_dir() const { return db_dir_; }

 private:
  struct Slot;
  Slot& slot();

  std::filesystem::path db_dir_;
  std::chrono::milliseconds check_interval_;
  std::uint64_t id_;  ///< distinguishes pools in thread-local storage
};

}  // namespace fynd::http
