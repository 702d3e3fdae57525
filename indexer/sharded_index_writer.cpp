#include "sharded_index_writer.h"

#include <cstdint>
#include <fstream>
#include <limits>
#include <thread>

#include "error.h"
#include "index_source.h"

namespace fynd {
namespace fs = std::filesystem;

namespace {

bool is_database_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

fs::path shard_dir(const fs::path& dir, std::size_t i) {
  return dir / (std::string(ShardedIndexWriter::kShardPrefix) + std::to_string(i));
}

/// The number of shards of the index fynd-index wrote at `dir`: 0 if there is none yet, 1
/// for one database. Throws IndexError for a stub fynd-index did not write.
std::size_t existing_shards(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  if (is_database_dir(dir)) return 1;
  if (!fs::exists(dir / IndexSource::kStubName, ec)) return 0;
  const IndexSource source(dir);
  const std::vector<Shard>& shards = source.shards();
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (shards[i].kind != Shard::Kind::Local ||
        fs::path(shards[i].location).lexically_normal() != shard_dir(dir, i).lexically_normal()) {
      throw IndexError("index " + dir.string() + ": its stub " + IndexSource::kStubName + " lists other databases than " +
                       "the shards fynd-index writes (shard-0 … shard-N); it is read-only for fynd-index");
    }
  }
  return shards.size();
}

/// Writes the stub atomically (a temp file renamed over it).
void write_stub(const fs::path& dir, std::size_t shards) {
  const fs::path stub = dir / IndexSource::kStubName;
  const fs::path tmp = dir / (std::string(IndexSource::kStubName) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# fynd index of " << shards << " shards, written by fynd-index --shards " << shards
        << ": a project is in shard FNV-1a(id) mod " << shards << ".\n";
    for (std::size_t i = 0; i < shards; ++i) out << "auto " << ShardedIndexWriter::kShardPrefix << i << '\n';
    if (!out) throw IndexError("cannot write the shard list " + stub.string());
  }
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) throw IndexError("cannot write the shard list " + stub.string() + ": " + ec.message());
}

}  // namespace

std::size_t ShardedIndexWriter::shard_of(std::string_view id, std::size_t shards) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return shards <= 1 ? 0 : static_cast<std::size_t>(h % shards);
}

ShardedIndexWriter::ShardedIndexWriter(const fs::path& dir, std::size_t shards, std::size_t batch_size)
    : dir_(dir),
      batch_size_(batch_size == 0 ? IndexWriter::kDefaultBatch : batch_size),
      shard_batch_(batch_size_) {
  if (shards > kMaxShards) throw IndexError("--shards: at most " + std::to_string(kMaxShards) + " shards");
  const std::size_t existing = existing_shards(dir);
  if (existing != 0 && shards != 0 && shards != existing) {
    throw IndexError("index " + dir.string() + " has " + std::to_string(existing) + (existing == 1 ? " database" : " shards") +
                     "; --shards " + std::to_string(shards) + " would move projects to other shards: index into a new " +
                     "directory (or merge shards with xapian-compact, see docs/shards.md)");
  }
  const std::size_t n = existing != 0 ? existing : (shards == 0 ? 1 : shards);
  if (n == 1) {
    shards_.push_back(std::make_unique<IndexWriter>(dir, batch_size_));
    BulkBuild::clear_stale(dir);  // with the index's lock held
    return;
  }
  // Shards commit together (see commit()), never on their own.
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index " + dir.string() + ": " + ec.message());
  shard_batch_ = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < n; ++i) {
    shards_.push_back(std::make_unique<IndexWriter>(shard_dir(dir, i), shard_batch_));
    BulkBuild::clear_stale(shard_dir(dir, i));
  }
  if (existing == 0) write_stub(dir, n);
}

ShardedIndexWriter::~ShardedIndexWriter() {
  bulks_.clear();  // not finished: the index stays as it was
  try {
    commit();
  } catch (...) {
    // The last commit of each shard stays readable.
  }
}

void ShardedIndexWriter::changed() {
  if (shards_.size() > 1 && ++pending_ >= batch_size_) commit();
}

void ShardedIndexWriter::add(const Project& project) {
  shards_[shard_of(project.id, shards_.size())]->add(project);
  changed();
}

bool ShardedIndexWriter::start_bulk(std::size_t writers, std::size_t segment_docs, std::size_t fan_in) {
  if (bulk()) return true;
  for (const auto& shard : shards_) {
    if (!shard->started_empty()) return false;
  }
  if (!shards_.front()->indexed_files().empty()) return false;
  const std::size_t n = shards_.size();
  const std::size_t per_shard = std::max<std::size_t>(1, writers / n);
  // The builds share the process's open files: the limit is raised once for the fan-in
  // of one build, which the shards' builds then share.
  const std::size_t fan = fan_in != 0 ? fan_in : std::max<std::size_t>(2, BulkBuild::merge_fan_in(0) / n);
  try {
    for (std::size_t i = 0; i < n; ++i) {
      bulks_.push_back(std::make_unique<BulkBuild>(n == 1 ? dir_ : shard_dir(dir_, i), per_shard, segment_docs, fan));
    }
  } catch (const IndexError&) {
    bulks_.clear();
    return false;  // no build folder beside the index (a parent folder we cannot write): one writer
  }
  return true;
}

void ShardedIndexWriter::add_document(const std::string& id, const std::string& file, const Xapian::Document& doc) {
  // A handle shares its document, and a handle's count is not thread-safe: the bulk
  // build's thread gets a copy of its own.
  if (bulk()) return bulks_[shard_of(id, shards_.size())]->add_document(id, file, Xapian::Document::unserialise(doc.serialise()));
  shards_[shard_of(id, shards_.size())]->add_document(id, file, doc);
  changed();
}

void ShardedIndexWriter::add_document(const std::string& id, const std::string& file, Xapian::Document&& doc) {
  if (bulk()) return bulks_[shard_of(id, shards_.size())]->add_document(id, file, std::move(doc));
  shards_[shard_of(id, shards_.size())]->add_document(id, file, doc);
  changed();
}

Xapian::doccount ShardedIndexWriter::remove_source(const std::string& file) {
  Xapian::doccount n = 0;
  if (bulk()) {
    for (auto& b : bulks_) n += b->remove_source(file);
    return n;
  }
  for (auto& shard : shards_) n += shard->remove_source(file);
  if (n > 0) changed();
  return n;
}

std::optional<FileSignature> ShardedIndexWriter::file_signature(const std::string& path) const {
  if (bulk()) return bulks_.front()->file_signature(path);
  return shards_.front()->file_signature(path);
}

void ShardedIndexWriter::set_file_signature(const FileSignature& signature) {
  if (bulk()) return bulks_.front()->set_file_signature(signature);
  shards_.front()->set_file_signature(signature);
}

void ShardedIndexWriter::erase_file_signature(const std::string& path) {
  if (bulk()) return bulks_.front()->erase_file_signature(path);
  shards_.front()->erase_file_signature(path);
}

std::map<std::string, FileSignature> ShardedIndexWriter::indexed_files() const {
  if (bulk()) return bulks_.front()->indexed_files();
  return shards_.front()->indexed_files();
}

void ShardedIndexWriter::commit() {
  if (bulk()) finish_bulk();
  for (std::size_t i = shards_.size(); i-- > 0;) shards_[i]->commit();
  pending_ = 0;
}

void ShardedIndexWriter::finish_bulk() {
  // The analyzers of the old writers go with them: the preparing threads are done.
  const std::vector<std::unique_ptr<BulkBuild>> bulks = std::move(bulks_);
  bulks_.clear();
  // Each shard's final merge is one Xapian compaction, on one thread: the shards' run
  // side by side.
  std::vector<std::exception_ptr> errors(bulks.size());
  std::vector<std::thread> merges;
  for (std::size_t i = 1; i < bulks.size(); ++i) {
    merges.emplace_back([&, i] {
      try {
        bulks[i]->merge_all();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  try {
    bulks.front()->merge_all();
  } catch (...) {
    errors.front() = std::current_exception();
  }
  for (std::thread& t : merges) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  // Shard 0 holds the file signatures: in place last, as in every commit.
  for (std::size_t i = bulks.size(); i-- > 0;) bulks[i]->install(shards_[i], shard_batch_);
}

Xapian::doccount ShardedIndexWriter::doc_count() const {
  Xapian::doccount n = 0;
  if (bulk()) {
    for (const auto& b : bulks_) n += b->doc_count();
    return n;
  }
  for (const auto& shard : shards_) n += shard->doc_count();
  return n;
}

}  // namespace fynd
