/** IndexSource: opens "one index" (a database, a folder of shards or a Xapian stub file) as one Xapian::Database. */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace fynd {

/// One database of an index: a local shard directory or a remote `xapian-tcpsrv`.
struct Shard {
  enum class Kind { Local, Remote };
  Kind kind = Kind::Local;
  std::string location;  ///< the directory (Local), "host:port" or ":program args" (Remote)
  std::string listed_at; ///< where it was found: "stub-file:line", or the index path itself
  std::string host;      ///< Remote over TCP: host and port; a program otherwise
  unsigned port = 0;
  std::string program;   ///< Remote through a program (`remote :xapian-progsrv DB`)
  std::string args;
};

/// What a path given as `--db` names, resolved without opening anything:
///
/// - a fynd (Xapian) database directory: one local shard;
/// - a directory with a `XAPIANDB` stub file in it (what `fynd-index --shards N` writes):
///   the shards that stub lists;
/// - a directory of shard directories (each a Xapian database, taken in name order);
/// - a Xapian stub database file: one database a line, `auto PATH`, `glass PATH`,
///   `chert PATH`, `remote HOST:PORT` or `remote :PROGRAM ARGS`; `#` starts a comment;
///   relative paths are relative to the stub's folder; an `auto` path that is itself a
///   stub is followed.
///
/// open() combines the shards into one Xapian::Database, searched as one index: Xapian
/// shares the collection statistics of all shards, so weights are those of one index.
/// Errors are IndexErrors naming the path, the stub file and line, or the host:port.
class IndexSource {
 public:
  /// The stub file name Xapian itself looks for inside a database directory.
  static constexpr const char* kStubName = "XAPIANDB";
  /// Remote shards: milliseconds to connect, and for one operation.
  static constexpr unsigned kConnectTimeoutMs = 5000;
  static constexpr unsigned kTimeoutMs = 30000;

  /// Resolves `path`; throws IndexError when it names no index or a stub line is bad.
  explicit IndexSource(std::filesystem::path path);

  /// Opens every shard as one database; throws IndexError naming the shard that failed.
  Xapian::Database open() const;

  const std::filesystem::path& path() const { return path_; }
  const std::vector<Shard>& shards() const { return shards_; }
  /// True when any shard is served by a remote server: per-document work that Xapian
  /// cannot run server-side (fynd's own match spies) must then be done another way.
  bool has_remote() const;

 private:
  void resolve(const std::filesystem::path& path, int depth);
  void read_stub(const std::filesystem::path& stub, int depth);

  std::filesystem::path path_;
  std::vector<Shard> shards_;
};

}  // namespace fynd
