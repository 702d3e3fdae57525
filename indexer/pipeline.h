/** Pipeline: files -> readers -> Understander -> IndexWriter, incremental, one run, on every core. */
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "isolated_reader.h"
#include "reader_registry.h"
#include "understand/understander.h"

namespace fynd {

class ShardedIndexWriter;

/// What one `fynd-index` run is asked to do.
/// The most text one project keeps (bytes); the rest of a longer text is dropped at index
/// time with a warning, so no search reads or snippets megabytes for one hit.
inline constexpr std::size_t kMaxProjectTextBytes = std::size_t{1} << 20;

struct IndexOptions {
  std::filesystem::path db = "fynd-db";       ///< the index directory (created if missing)
  std::vector<std::filesystem::path> inputs;  ///< files and folders, folders recursively
  bool quiet = false;                         ///< only "failed" lines
  bool progress = false;                      ///< progress on stderr: files, projects, share of a streamed file
  bool progress_lines = false;                ///< one plain line per update (stderr is no terminal), not "\r..."
  double progress_seconds = -1;               ///< between updates; < 0: 1 s, or 10 s with progress_lines
  std::size_t batch_size = 500;               ///< projects per commit
  std::filesystem::path columns;              ///< column mapping file for CSV/XLSX (--columns)
  std::size_t threads = 0;                    ///< document-preparing threads (0 = one per core)
  bool isolation = true;                      ///< readers run in a worker process (--no-isolation)
  IsolationLimits reader_limits;              ///< per-file time and memory of a reader in the worker
  std::size_t shards = 0;                     ///< N shard databases (--shards); 0 keeps the index's layout
  bool bulk = true;                           ///< a new index is built in segments on several threads (--no-bulk: off)
  std::size_t bulk_segment_docs = 0;          ///< documents per segment of a bulk build (0: BulkBuild's default)
  std::size_t bulk_fan_in = 0;                ///< segments merged at a time (0: BulkBuild's default)
};

/// One file that was not indexed, and why.
struct FileIssue {
  std::string file;
  std::string reason;
};

/// A file name for a one-line message: line breaks in it are written as \n and \r.
std::string one_line_name(const std::string& file);

/// The outcome of a run, for the closing summary and the exit code.
struct IndexSummary {
  std::size_t files_seen = 0;        ///< input files found
  std::size_t files_read = 0;        ///< read and indexed (new or changed)
  std::size_t projects_indexed = 0;  ///< projects added or replaced
  std::size_t unchanged = 0;         ///< files skipped because the index has them as they are
  std::size_t files_removed = 0;     ///< files gone from the inputs whose projects were removed
  std::size_t projects_removed = 0;  ///< projects of removed or changed files deleted
  std::vector<FileIssue> skipped;    ///< not indexable by nature: empty, binary, no text
  std::vector<FileIssue> failed;     ///< should have been readable: corrupt, malformed, I/O
  std::vector<std::string> warnings; ///< undecodable bytes, skipped records, duplicate ids
  std::size_t total_projects = 0;    ///< documents in the index after the run
  std::size_t shards = 1;            ///< databases the index is made of
};

/// Lists the files under `inputs` in a deterministic order: each input in the order
/// given, folders walked recursively with paths sorted, hidden files and folders (".x")
/// and Xapian databases skipped, duplicates dropped, links to folders not followed.
/// Inputs that do not exist and dangling symbolic links are reported in `missing`.
std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& inputs,
                                                 std::vector<FileIssue>& missing);

/// One indexing run over IndexOptions::inputs into IndexOptions::db. Unchanged files
/// (same size and content hash as recorded) are skipped, changed files have their old
/// projects deleted before the new ones are added, and files that disappeared from under
/// the inputs lose their projects. A bad file is reported and never stops the run.
///
/// Three stages, each on its own threads, joined by bounded queues (so memory holds a
/// few batches, not the input):
///  1. one reading thread lists and hashes the files and streams each through its reader
///     (read_documents(), in a worker process unless IndexOptions::isolation is off:
///     IsolatedReader), cutting the documents into batches of kBatchDocuments;
///  2. IndexOptions::threads preparing threads turn a batch into Xapian documents
///     (understanding, analysis, stored record);
///  3. the calling thread, the only one to touch the database, applies the batches in
///     reading order, so docids, terms, warnings and the summary are those of a run on
///     one thread, whatever the number of threads.
class Pipeline {
 public:
  /// `log` receives one line per skipped or failed file and per warning.
  Pipeline(IndexOptions options, std::ostream& log);

  /// Runs; throws IndexError when the database cannot be opened or written.
  IndexSummary run();

  /// Documents handed to a preparing thread at a time.
  static constexpr std::size_t kBatchDocuments = 32;

 private:
  struct Run;  ///< the queues and state of one run(), in pipeline.cpp
  struct Op;
  struct Prepared;
  struct Job;

  /// Stage 1, on the reading thread: every file, in order.
  void read_files(const std::vector<std::filesystem::path>& files, Run& run);
  void read_file(const std::filesystem::path& path, Run& run);
  /// Stage 2, on each preparing thread.
  void prepare(Run& run) const;
  /// Stage 3: applies one operation of the reading order to the index.
  void apply(Run& run, Op& op);
  void end_file(Run& run, const char* what, const std::string& reason);
  void report(const char* what, const std::string& file, const std::string& reason);
  void show_progress(const Run& run, std::size_t total, bool final);

  IndexOptions options_;
  std::ostream& log_;
  ReaderRegistry registry_;
  Understander understander_;
  std::unique_ptr<IsolatedReader> isolated_;  ///< null with --no-isolation; used by the reading thread only
  std::unordered_map<std::string, std::string> id_owner_;  ///< id -> file, this run
  double started_ = 0;
  double last_progress_ = 0;  ///< when the last update was shown (the start before the first)
  bool progress_shown_ = false;
};

}  // namespace fynd
