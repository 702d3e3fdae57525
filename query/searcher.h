/** Searcher: the read-only side of fynd; runs SearchRequests against the index. */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer.h"
#include "facet_column.h"
#include "facet_counter.h"
#include "index_source.h"
#include "search_request.h"
#include "snippeter.h"

namespace fynd {

/// Opens the index read-only (never for writing). One Searcher per thread: Xapian
/// database handles are not shared between threads.
class Searcher {
 public:
  /// Throws IndexError naming the directory if it is not a readable fynd index.
  explicit Searcher(const std::filesystem::path& db_dir);
  /// Opens the shards of `source` as one index (see IndexSource).
  explicit Searcher(const IndexSource& source);

  /// Hits carry the stored record without its evidence (no result shows it; get() has it).
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

  /// How facets are counted: Column (the default) from the shared FacetColumn of the
  /// open revision, built on first use; SlotCounts with Xapian's ValueCountMatchSpy,
  /// for databases with remote shards (stock xapian-tcpsrv runs only built-in spies).
  void set_facet_counting(FacetCounting mode) { facet_counting_ = mode; }
  FacetCounting facet_counting() const { return facet_counting_; }
  /// The facet column of the open revision (built or shared on first call), or null in
  /// SlotCounts mode. A search holds its own reference, so a reopen never pulls the
  /// column from under a running search.
  std::shared_ptr<const FacetColumn> facet_column() const;

 private:
  /// A second handle on db_'s revision for the match set, which is then built on a
  /// thread of its own beside the ranking run; null when there is none (remote or
  /// several shards, SlotCounts, or the index moved on since db_ was opened).
  const Xapian::Database* set_database() const;

  IndexSource source_;
  std::filesystem::path dir_;
  std::vector<Shard> shards_;
  bool remote_ = false;
  Xapian::Database db_;
  mutable std::optional<Xapian::Database> set_db_;  ///< see set_database()
  mutable bool set_db_tried_ = false;               ///< opened (or found unusable) for db_'s revision
  /// FacetColumn::revision_key of db_ when it is one database (what MatchSet may learn
  /// facts about), else empty; computed on first use after an open or reopen.
  const std::string* revision() const;
  mutable std::optional<std::string> revision_;
  Analyzer analyzer_;
  FacetCounting facet_counting_ = FacetCounting::Column;
  mutable std::shared_ptr<const FacetColumn> column_;  ///< of db_'s open revision
  mutable SnippetWordMemo snippet_words_;  ///< the words this Searcher's snippets analysed
};

}  // namespace fynd
