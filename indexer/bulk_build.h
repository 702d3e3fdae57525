/** BulkBuild: a new index written on several threads as small segments, merged into one database. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index_writer.h"
#include "pipeline_queue.h"

namespace fynd {

/// Writes the documents of a run into an index that was empty when the run began.
///
/// One Xapian database takes its documents on one thread, and that thread set the pace of
/// a whole run (Xapian's inverter and commits cost as much CPU as understanding and
/// analysis together). A new index has nothing to replace and no reader that needs to
/// see it grow, so its documents go, in reading order, into segments of kSegmentDocs
/// documents each, written by `writers` threads (segment s by thread s mod writers).
/// Finished segments are merged kMergeFanIn at a time with Xapian's compaction, which
/// copies their encoded postings (every merge copies its documents once more, so the
/// fan-in is wide: a 100k-project run merges once, at the end; each source database holds
/// a few files open, so the fan-in is capped by the open-file limit, see merge_fan_in());
/// finish() merges what is left into one database, applies
/// what must be applied to the whole (the projects of a file that failed after some were
/// added, the earlier copies of a duplicate id, the file signatures), and puts it in
/// place of the empty index with one rename.
///
/// The result is the database the one-writer path gives for the same reading order:
/// the same documents with the same terms, values and data, docids in reading order, one
/// document per id. Where the two differ: an id seen twice keeps the later document
/// under the later docid (the one-writer path gives the later document the earlier
/// docid); a removed project leaves no docid gap.
///
/// Until finish() the index stays as it was (empty, and readable); a run killed before
/// then leaves it empty, and the next run starts again from the beginning. The segments
/// live in a hidden folder beside the index, `.NAME.build-PID`, removed at the end (and
/// by the next run if a killed one left it).
///
/// Not thread-safe: one caller (the pipeline's writing thread).
class BulkBuild {
 public:
  static constexpr std::size_t kSegmentDocs = 500;
  static constexpr std::size_t kMergeFanIn = 256;
  /// Files Xapian holds open for each database a merge reads (postlist, termlist,
  /// position and docdata tables), and a margin.
  static constexpr std::size_t kFilesPerSource = 5;

  /// The fan-in to use for `wanted` (0: kMergeFanIn): raises the process's soft limit of
  /// open files towards its hard limit as far as that fan-in needs (finish() may merge up
  /// to two fan-ins of parts at once), and returns what the limit allows (at least 2).
  static std::size_t merge_fan_in(std::size_t wanted);

  /// `index`: the index directory (an empty database). `segment_docs` and `fan_in` (0:
  /// the defaults above) shape the segments and their merges. Throws IndexError when the
  /// build folder cannot be made.
  BulkBuild(std::filesystem::path index, std::size_t writers, std::size_t segment_docs = 0, std::size_t fan_in = 0);
  /// Removes the build folders of `index` that runs which are gone left behind (a run
  /// killed after its new index was in place leaves one, and nothing rebuilds that index).
  static void clear_stale(const std::filesystem::path& index);

  /// Stops the threads and removes the build folder; the index stays as it was unless
  /// finish() put the new one in place.
  ~BulkBuild();
  BulkBuild(const BulkBuild&) = delete;
  BulkBuild& operator=(const BulkBuild&) = delete;

  /// The next document in reading order. Throws IndexError when a segment could not be
  /// written (the run ends; the index stays empty).
  void add_document(const std::string& id, const std::string& file, Xapian::Document doc);
  /// Removes the projects of `file` added so far (at finish); returns how many.
  Xapian::doccount remove_source(const std::string& file);

  std::optional<FileSignature> file_signature(const std::string& path) const;
  void set_file_signature(const FileSignature& signature);
  void erase_file_signature(const std::string& path);
  std::map<std::string, FileSignature> indexed_files() const { return signatures_; }
  /// Projects added, less those removed and earlier copies of a repeated id (about: a
  /// removed file's project may also be a repeat).
  Xapian::doccount doc_count() const;

  /// Writes the last segment, waits for the threads, merges every segment into one
  /// database and renames it into the place of the index, whose writer `current` is
  /// closed first (it is reopened on the new database). Throws IndexError; the index then
  /// stays empty.
  void finish(std::unique_ptr<IndexWriter>& current, std::size_t batch_size);
  /// finish() in two steps, for builds that end side by side (the shards of one index):
  /// merge_all() writes the last segment, waits for the threads and merges the segments
  /// (thread-safe against other BulkBuilds; throws IndexError); install() then applies
  /// removals, repeats and signatures and puts the database in place of the index.
  void merge_all();
  void install(std::unique_ptr<IndexWriter>& current, std::size_t batch_size);

 private:
  /// A database of consecutive documents: a written segment or a merge of some.
  struct Part {
    std::size_t first = 0;  ///< the index of its first level-0 segment
    std::size_t level = 0;  ///< 0: written; L: a merge of kMergeFanIn parts of level L-1
    std::filesystem::path dir;
  };
  struct Task {
    std::size_t segment = 0;
    Xapian::Document doc;
    bool end = false;  ///< the segment is complete: commit and close it
  };

  void write(std::size_t thread);
  void segment_done(Part part);
  void merge(std::vector<Part> parts, std::size_t level);
  void end_segment();
  void check_failed();
  void stop();

  std::filesystem::path index_;
  std::filesystem::path work_;  ///< the build folder
  std::size_t segment_docs_;
  std::size_t fan_in_;
  std::vector<std::unique_ptr<PipelineQueue<Task>>> queues_;
  std::vector<std::thread> threads_;

  std::size_t segment_ = 0;       ///< the segment being filled
  std::size_t in_segment_ = 0;    ///< its documents so far
  std::size_t added_ = 0;
  std::size_t removed_ = 0;
  std::size_t repeats_ = 0;  ///< documents whose id came before
  std::unordered_set<std::string> ids_;
  std::unordered_set<std::string> duplicate_ids_;
  std::unordered_map<std::string, std::size_t> file_docs_;  ///< documents added per file
  std::vector<std::string> removed_files_;
  std::map<std::string, FileSignature> signatures_;

  std::mutex mutex_;            ///< guards what follows (shared with the threads)
  std::vector<Part> parts_;     ///< finished, not yet merged into a larger part
  std::exception_ptr failed_;
  bool stopped_ = false;
  bool merged_ = false;  ///< merge_all() found segments and merged them
};

}  // namespace fynd
