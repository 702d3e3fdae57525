#include "bulk_build.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "error.h"

namespace fynd {
namespace fs = std::filesystem;

namespace {

/// Removes build folders of `index` left by runs that are gone (killed before the end).
void remove_stale_builds(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;  // still running
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

/// Swaps two directories in one step (renameat2 RENAME_EXCHANGE), or, on a file system
/// without it, moves `target` aside and `replacement` into its place.
void exchange(const fs::path& replacement, const fs::path& target) {
  if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) return;
  const int err = errno;
  if (err != EINVAL && err != ENOSYS && err != ENOTSUP) {
    throw IndexError("cannot put the new index in place of " + target.string() + ": " + std::strerror(err));
  }
  const fs::path aside = replacement.parent_path() / "replaced";
  std::error_code ec;
  fs::rename(target, aside, ec);
  if (!ec) fs::rename(replacement, target, ec);
  if (ec) throw IndexError("cannot put the new index in place of " + target.string() + ": " + ec.message());
  fs::rename(aside, replacement, ec);  // removed with the build folder
}

std::size_t power(std::size_t base, std::size_t exp) {
  std::size_t r = 1;
  while (exp-- > 0) r *= base;
  return r;
}

}  // namespace

namespace {

/// The index folder as one name in its parent ("db/", "." and links resolved), so the
/// build folder is its sibling and the rename replaces the folder itself.
fs::path folder_of(const fs::path& index) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(index, ec);
  if (ec) p = fs::absolute(index).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();
  return p;
}

}  // namespace

void BulkBuild::clear_stale(const fs::path& index) {
  const fs::path folder = folder_of(index);
  remove_stale_builds(folder.parent_path(), "." + folder.filename().string() + ".build-");
}

std::size_t BulkBuild::merge_fan_in(std::size_t wanted) {
  if (wanted < 2) wanted = kMergeFanIn;
  constexpr std::size_t kReserve = 64;  // the index, the reader's pipes, stdio, ...
  const auto needed = static_cast<rlim_t>(2 * wanted * kFilesPerSource + kReserve);
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::min<std::size_t>(wanted, 16);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? needed : std::min(needed, limit.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return wanted;
  const std::size_t room = limit.rlim_cur > kReserve ? static_cast<std::size_t>(limit.rlim_cur) - kReserve : 0;
  return std::max<std::size_t>(2, room / (2 * kFilesPerSource));
}

BulkBuild::BulkBuild(fs::path index, std::size_t writers, std::size_t segment_docs, std::size_t fan_in)
    : index_(folder_of(index)),
      segment_docs_(segment_docs == 0 ? kSegmentDocs : segment_docs),
      fan_in_(merge_fan_in(fan_in)) {
  const fs::path parent = index_.parent_path();
  const std::string prefix = "." + index_.filename().string() + ".build-";
  remove_stale_builds(parent, prefix);
  work_ = parent / (prefix + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(work_, ec);
  fs::create_directories(work_, ec);
  if (ec) throw IndexError("cannot create the build folder " + work_.string() + ": " + ec.message());
  writers = std::max<std::size_t>(writers, 1);
  for (std::size_t i = 0; i < writers; ++i) {
    // A writer's queue holds one segment, so the reading order can fill the next segment
    // (for the next thread) while this one is still written.
    queues_.push_back(std::make_unique<PipelineQueue<Task>>(segment_docs_ + 1));
  }
  for (std::size_t i = 0; i < writers; ++i) threads_.emplace_back([this, i] { write(i); });
}

BulkBuild::~BulkBuild() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;  // what is still queued is dropped, not written
  }
  stop();
  std::error_code ec;
  fs::remove_all(work_, ec);
}

void BulkBuild::stop() {
  for (auto& q : queues_) q->close();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void BulkBuild::check_failed() {
  std::lock_guard lock(mutex_);
  if (failed_) std::rethrow_exception(failed_);
}

void BulkBuild::add_document(const std::string& id, const std::string& file, Xapian::Document doc) {
  if (id.empty()) throw InputError("project without id from " + file);
  check_failed();
  if (!ids_.insert(id).second) {
    duplicate_ids_.insert(id);
    ++repeats_;
  }
  ++file_docs_[file];
  queues_[segment_ % queues_.size()]->push(Task{segment_, std::move(doc), false});
  ++added_;
  if (++in_segment_ == segment_docs_) end_segment();
}

void BulkBuild::end_segment() {
  if (in_segment_ == 0) return;
  queues_[segment_ % queues_.size()]->push(Task{segment_, Xapian::Document(), true});
  ++segment_;
  in_segment_ = 0;
}

Xapian::doccount BulkBuild::remove_source(const std::string& file) {
  const auto it = file_docs_.find(file);
  if (it == file_docs_.end()) return 0;
  const std::size_t n = it->second;
  file_docs_.erase(it);
  removed_files_.push_back(file);
  removed_ += n;
  return static_cast<Xapian::doccount>(n);
}

std::optional<FileSignature> BulkBuild::file_signature(const std::string& path) const {
  const auto it = signatures_.find(path);
  if (it == signatures_.end()) return std::nullopt;
  return it->second;
}

void BulkBuild::set_file_signature(const FileSignature& signature) { signatures_[signature.path] = signature; }

void BulkBuild::erase_file_signature(const std::string& path) { signatures_.erase(path); }

Xapian::doccount BulkBuild::doc_count() const {
  return static_cast<Xapian::doccount>(added_ - std::min(added_, removed_ + repeats_));
}

void BulkBuild::write(std::size_t thread) {
  PipelineQueue<Task>& queue = *queues_[thread];
  std::optional<Xapian::WritableDatabase> db;
  fs::path dir;
  while (std::optional<Task> task = queue.pop()) {
    {
      std::lock_guard lock(mutex_);
      if (stopped_ || failed_) continue;  // drained, so the reading order never waits on a full queue
    }
    try {
      if (!db) {
        dir = work_ / ("segment-" + std::to_string(task->segment));
        // Nothing reads a segment before it is merged, and a crash discards it: no sync.
        db.emplace(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
      }
      if (!task->end) {
        db->add_document(task->doc);
        task->doc = Xapian::Document();  // freed here, not by the reading order's thread
        continue;
      }
      db->commit();
      db->close();
      db.reset();
      segment_done(Part{task->segment, 0, dir});
    } catch (const Xapian::Error& e) {
      std::lock_guard lock(mutex_);
      if (!failed_) {
        failed_ = std::make_exception_ptr(IndexError("cannot write index segment " + dir.string() + ": " + e.get_description()));
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failed_) failed_ = std::current_exception();
    }
  }
}

void BulkBuild::segment_done(Part part) {
  std::vector<Part> group;
  {
    std::lock_guard lock(mutex_);
    parts_.push_back(part);
    // The fan_in_ parts of this level that cover the same range of segments, once all
    // of them are there, become one part of the next level.
    const std::size_t span = power(fan_in_, part.level + 1);
    const std::size_t start = part.first - part.first % span;
    for (const Part& p : parts_) {
      if (p.level == part.level && p.first >= start && p.first < start + span) group.push_back(p);
    }
    if (group.size() < fan_in_) return;
    parts_.erase(std::remove_if(parts_.begin(), parts_.end(),
                                [&](const Part& p) {
                                  return p.level == part.level && p.first >= start && p.first < start + span;
                                }),
                 parts_.end());
  }
  merge(std::move(group), part.level + 1);
}

void BulkBuild::merge(std::vector<Part> parts, std::size_t level) {
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.first < b.first; });
  const fs::path dir = work_ / ("merged-" + std::to_string(level) + "-" + std::to_string(parts.front().first));
  {
    Xapian::Database sources;
    for (const Part& p : parts) sources.add_database(Xapian::Database(p.dir.string()));
    sources.compact(dir.string());  // docids renumbered: each source's follow the previous one's
  }
  for (const Part& p : parts) {
    std::error_code ec;
    fs::remove_all(p.dir, ec);
  }
  segment_done(Part{parts.front().first, level, dir});
}

void BulkBuild::finish(std::unique_ptr<IndexWriter>& current, std::size_t batch_size) {
  merge_all();
  install(current, batch_size);
}

void BulkBuild::merge_all() {
  end_segment();
  stop();
  check_failed();
  std::vector<Part> parts;
  {
    std::lock_guard lock(mutex_);
    parts = parts_;
  }
  merged_ = !parts.empty();
  if (!merged_) return;
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.first < b.first; });
  try {
    Xapian::Database sources;
    for (const Part& p : parts) sources.add_database(Xapian::Database(p.dir.string()));
    // Full compaction: blocks filled, as a search reads them best.
    sources.compact((work_ / "index").string(), Xapian::Compactor::FULL);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot merge the index segments in " + work_.string() + ": " + e.get_description());
  }
}

void BulkBuild::install(std::unique_ptr<IndexWriter>& current, std::size_t batch_size) {
  if (!merged_) {  // no project: the index stays, with what is known of the files
    for (const auto& [path, signature] : signatures_) current->set_file_signature(signature);
    return;
  }
  const fs::path built = work_ / "index";
  const Xapian::rev before = current->revision();
  {
    IndexWriter whole(built, batch_size);
    for (const std::string& file : removed_files_) whole.remove_source(file);
    for (const std::string& id : duplicate_ids_) whole.keep_latest(id);
    for (const auto& [path, signature] : signatures_) whole.set_file_signature(signature);
    // A reader of the empty index reopens on a new revision only.
    do whole.stamp();
    while (whole.revision() <= before);
  }
  current.reset();  // the empty index's writer: closed, so the folder can move
  try {
    exchange(built, index_);
  } catch (...) {
    current = std::make_unique<IndexWriter>(index_, batch_size);
    throw;
  }
  current = std::make_unique<IndexWriter>(index_, batch_size);
}

}  // namespace fynd
