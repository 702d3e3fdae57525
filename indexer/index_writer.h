/** IndexWriter: the only writer of a fynd index; one Xapian document per Project. */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>

#include "analyzer.h"
#include "project.h"

namespace fynd {

/// What the index remembers of an input file to tell whether it changed.
struct FileSignature {
  std::string path;         ///< as given to the indexer
  std::uint64_t size = 0;   ///< bytes
  std::int64_t mtime = 0;   ///< modification time, nanoseconds since the file clock's epoch
  std::string hash;         ///< 64-bit FNV-1a of the content, hex

  /// Same content: size and hash agree (a new mtime alone is not a change).
  bool same_content(const FileSignature& other) const { return size == other.size && hash == other.hash; }
};

/// Hashes file content for FileSignature::hash.
std::string content_hash(std::string_view bytes);

/// content_hash() fed piece by piece: a file's hash without holding the file.
class ContentHash {
 public:
  void update(std::string_view bytes);
  /// The hash of everything fed so far, as content_hash() gives it.
  std::string hex() const;

 private:
  std::uint64_t h_ = 14695981039346656037ULL;
};

/// Owns a Xapian::WritableDatabase (created if missing). Changes are grouped into
/// transactions committed every `batch_size` changes and by commit(), so a crash leaves
/// the last commit readable. Not thread-safe; one writer per database (Xapian's lock).
class IndexWriter {
 public:
  static constexpr std::size_t kDefaultBatch = 500;

  /// Opens or creates the database in `dir`. Throws IndexError when it is locked by
  /// another writer or cannot be opened.
  explicit IndexWriter(const std::filesystem::path& dir, std::size_t batch_size = kDefaultBatch);
  /// Commits what is pending; errors are swallowed (call commit() to see them).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Adds or replaces (by id term) the document of a project.
  void add(const Project& project);
  /// Adds or replaces the document `doc`, built by build_document() (maybe on another
  /// thread), of the project `id` from `file`. An id that cannot be in the index yet (the
  /// database was empty when opened and this writer has not added the id) is added
  /// without Xapian's look-up of the id term: the same docid and document as a replace.
  void add_document(const std::string& id, const std::string& file, const Xapian::Document& doc);
  /// Deletes every document that came from `file`; returns how many there were.
  Xapian::doccount remove_source(const std::string& file);

  /// The signature stored for `path`, if the file was indexed before.
  std::optional<FileSignature> file_signature(const std::string& path) const;
  void set_file_signature(const FileSignature& signature);
  void erase_file_signature(const std::string& path);
  /// Every indexed file with its signature, by path.
  std::map<std::string, FileSignature> indexed_files() const;

  /// Commits pending changes and stamps Schema::kMetaIndexedAt.
  void commit();
  /// Commits a new revision even with nothing pending (stamped as commit() does).
  void stamp();
  /// Of the documents with the id `id`, keeps the one with the highest docid (the last
  /// added) and deletes the others.
  void keep_latest(const std::string& id);
  Xapian::doccount doc_count() const;
  Xapian::rev revision() const { return db_.get_revision(); }
  /// The database held no document and no file signature when it was opened.
  bool started_empty() const { return started_empty_; }
  /// The analyzer documents are built with; thread-safe, so preparing threads share it.
  const Analyzer& analyzer() const { return analyzer_; }

  /// The Xapian document of a project: terms, facet terms, values and JSON data.
  static Xapian::Document build_document(const Project& project, const Analyzer& analyzer);

 private:
  void begin();
  void changed();

  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  std::size_t batch_size_;
  std::size_t pending_ = 0;
  bool in_transaction_ = false;
  /// The database held no document when opened: an id not in `added_` is new.
  bool started_empty_ = false;
  std::unordered_set<std::string> added_;  ///< ids added by this writer, while started_empty_
};

}  // namespace fynd
