/** ShardedIndexWriter: writes a fynd index as one database or as N shards, a project to the shard of its id. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bulk_build.h"
#include "index_writer.h"

namespace fynd {

/// The writer the pipeline uses, with IndexWriter's interface. An index of one shard is a
/// plain IndexWriter on `dir`. An index of N shards is `dir/shard-0` … `dir/shard-(N-1)`
/// (each a plain fynd database) and the stub file `dir/XAPIANDB` listing them, which the
/// query tools (IndexSource) and Xapian's own tools open when given `dir`.
///
/// A project goes to shard FNV-1a(id) mod N, so re-indexing a changed file replaces each
/// project in the shard it is in; a file's old projects are removed from every shard.
/// The file signatures live in shard 0, which is committed last: whatever a crash
/// interrupts, a file recorded as indexed has all its projects committed in their shards
/// (at worst it is read again on the next run).
class ShardedIndexWriter {
 public:
  static constexpr const char* kShardPrefix = "shard-";
  static constexpr std::size_t kMaxShards = 256;

  /// `shards`: 0 keeps the layout of an existing index (one database for a new one), 1 asks
  /// for one database, N > 1 for N shards. Throws IndexError when `dir` already holds an
  /// index of another layout (the shard of a project would change: index into a new
  /// directory), when it is locked or cannot be created.
  ShardedIndexWriter(const std::filesystem::path& dir, std::size_t shards,
                     std::size_t batch_size = IndexWriter::kDefaultBatch);
  ~ShardedIndexWriter();
  ShardedIndexWriter(const ShardedIndexWriter&) = delete;
  ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

  /// The shard (0 … shards-1) of a project id: FNV-1a 64 of its bytes, mod `shards`.
  static std::size_t shard_of(std::string_view id, std::size_t shards);

  /// Writes a new index on `writers` threads (BulkBuild) when every shard was empty when
  /// opened and a build folder can be made beside each; returns whether it does (else the
  /// one-writer path goes on). Each shard is a build of its own (its projects, by
  /// shard_of(), on writers / shards threads, at least one), and commit() merges the
  /// shards side by side, each on a thread of its own, then puts them in place, shard 0
  /// (the file signatures) last; until then, what this writer holds is not in the index.
  /// `segment_docs`, `fan_in`: as BulkBuild takes them (0: its defaults).
  bool start_bulk(std::size_t writers, std::size_t segment_docs = 0, std::size_t fan_in = 0);
  bool bulk() const { return !bulks_.empty(); }

  void add(const Project& project);
  /// A prepared document (IndexWriter::build_document), to the shard of `id`.
  void add_document(const std::string& id, const std::string& file, const Xapian::Document& doc);
  /// The same, handing the document over (a bulk build writes it on another thread).
  void add_document(const std::string& id, const std::string& file, Xapian::Document&& doc);
  /// The analyzer documents are built with (the same for every shard).
  const Analyzer& analyzer() const { return shards_.front()->analyzer(); }
  Xapian::doccount remove_source(const std::string& file);
  std::optional<FileSignature> file_signature(const std::string& path) const;
  void set_file_signature(const FileSignature& signature);
  void erase_file_signature(const std::string& path);
  std::map<std::string, FileSignature> indexed_files() const;
  /// Commits every shard, shard 0 (the file signatures) last; ends a bulk build
  /// (BulkBuild::finish).
  void commit();
  Xapian::doccount doc_count() const;
  std::size_t shard_count() const { return shards_.size(); }

 private:
  void changed();

  std::vector<std::unique_ptr<IndexWriter>> shards_;
  void finish_bulk();

  std::vector<std::unique_ptr<BulkBuild>> bulks_;  ///< while a bulk build runs: one a shard
  std::filesystem::path dir_;
  std::size_t batch_size_;
  std::size_t shard_batch_;  ///< each shard's IndexWriter's batch (shards of many commit together)
  std::size_t pending_ = 0;
};

}  // namespace fynd
