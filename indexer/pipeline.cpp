#include "pipeline.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <future>
#include <iomanip>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "error.h"
#include "index_writer.h"
#include "sharded_index_writer.h"
#include "pipeline_queue.h"
#include "text.h"
#include "text_decoder.h"

namespace fynd {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{512} << 20;

/// Cuts `text` to at most `max_bytes`, at the last paragraph or line break (else the last
/// space, else a character boundary) before the limit. Returns false if it was short enough.
bool truncate_text(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return false;
  const std::string_view head = std::string_view(text).substr(0, max_bytes);
  std::size_t cut = head.rfind("\n\n");
  if (cut == std::string_view::npos || cut < max_bytes / 2) cut = head.rfind('\n');
  if (cut == std::string_view::npos || cut < max_bytes / 2) cut = head.rfind(' ');
  if (cut == std::string_view::npos || cut < max_bytes / 2) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  }
  text.resize(cut);
  return true;
}

std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 1 && name.front() == '.' && name != "..";
}

/// A Xapian database folder (never an input, e.g. the index inside the inputs).
bool xapian_database(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) || fs::exists(dir / "flintlock", ec) ||
         fs::exists(dir / "XAPIANDB", ec);  // a sharded index
}

std::int64_t mtime_of(const fs::path& p) {
  std::error_code ec;
  const auto t = fs::last_write_time(p, ec);
  if (ec) return 0;
  return static_cast<std::int64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
}

/// The message without a leading "FILE: " (the report line names the file already).
std::string reason_of(const std::string& message, const std::string& file) {
  const std::string prefix = file + ": ";
  if (message.rfind(prefix, 0) == 0) return message.substr(prefix.size());
  return message;
}

bool is_under(const std::string& file, const std::vector<fs::path>& inputs) {
  for (const fs::path& in : inputs) {
    const std::string root = in.lexically_normal().string();
    if (file == root) return true;
    if (root == "." ) return !fs::path(file).is_absolute();
    std::string dir = root;
    if (!dir.empty() && dir.back() != '/') dir.push_back('/');
    if (file.rfind(dir, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<fs::path> collect_files(const std::vector<fs::path>& inputs, std::vector<FileIssue>& missing) {
  std::vector<fs::path> files;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    if (seen.insert(p.string()).second) files.push_back(p);
  };
  for (const fs::path& raw : inputs) {
    const fs::path input = raw.lexically_normal();
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      missing.push_back({input.string(), "no such file or directory"});
      continue;
    }
    if (fs::is_regular_file(st)) {
      add(input);
      continue;
    }
    if (!fs::is_directory(st)) {
      missing.push_back({input.string(), "not a regular file or directory"});
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      missing.push_back({input.string(), "cannot list folder: " + ec.message()});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (hidden(p)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        if (xapian_database(p)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) {
        found.push_back(p.lexically_normal());
      } else if (it->is_symlink(ec) && !it->exists(ec)) {
        // A link to nothing (or to a loop of links) stands for a file that is not there.
        // Links to folders are not followed, so a link to a parent folder loops nowhere.
        std::error_code target_ec;
        const fs::path target = fs::read_symlink(p, target_ec);
        missing.push_back({p.lexically_normal().string(), "dangling symbolic link to " + target.string()});
      }
    }
    std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
    for (const fs::path& p : found) add(p);
  }
  return files;
}

std::string one_line_name(const std::string& file) {
  if (file.find_first_of("\n\r") == std::string::npos) return file;
  std::string out;
  for (char c : file) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Pipeline::Pipeline(IndexOptions options, std::ostream& log)
    : options_(std::move(options)), log_(log), registry_(options_.columns) {
  if (options_.isolation) isolated_ = std::make_unique<IsolatedReader>(registry_, options_.reader_limits);
}

void Pipeline::report(const char* what, const std::string& file, const std::string& reason) {
  if (options_.quiet && std::strcmp(what, "failed") != 0) return;
  if (progress_shown_) log_ << "\r\033[K";
  log_ << what << ' ' << one_line_name(file) << ": " << reason << '\n';
}

/// What stage 2 makes of a batch, in order: a warning, or a project's Xapian document.
struct Pipeline::Prepared {
  std::string warning;
  std::string id;
  Xapian::Document doc;
  bool is_warning = false;
};

/// One step of the reading order, applied by the writing thread.
struct Pipeline::Op {
  enum class Kind {
    Unchanged,  ///< the index has the file as it is
    Touched,    ///< same content, new mtime: `signature` is remembered
    Begin,      ///< the file's documents follow; its old projects go
    Batch,      ///< some of its projects, prepared
    End,        ///< the file is read: `signature` is remembered
    Skipped,    ///< not indexable (`reason`), before or while reading
    Failed,     ///< unreadable (`reason`), before or while reading
  };
  Kind kind = Kind::Unchanged;
  std::string file;
  std::uint64_t offset = 0;  ///< Begin: the file's size, if read document by document; Batch: end of its last document
  std::string reason;
  FileSignature signature;
  std::future<std::vector<Prepared>> batch;
};

/// A batch of documents on its way to a preparing thread.
struct Pipeline::Job {
  std::vector<RawDocument> docs;
  std::promise<std::vector<Prepared>> done;
};

struct Pipeline::Run {
  Run(std::size_t threads, ShardedIndexWriter& w)
      : writer(w), ops(4 * threads + 16), jobs(2 * threads) {}

  ShardedIndexWriter& writer;
  std::map<std::string, FileSignature> known;  ///< signatures at the start, read by stage 1
  PipelineQueue<Op> ops;    ///< stage 1 -> 3, in reading order
  PipelineQueue<Job> jobs;  ///< stage 1 -> 2
  std::atomic<bool> stop{false};
  IndexSummary summary;
  std::size_t files_done = 0;
  // The file being applied by stage 3.
  std::string file;
  bool had_signature = false;
  bool file_over = false;             ///< failed or skipped while reading: later batches are dropped
  Xapian::doccount removed = 0;       ///< its old projects, removed at Begin
  std::size_t added = 0;
  std::uint64_t file_bytes = 0;       ///< its size, if it is read document by document (progress)
  std::uint64_t file_offset = 0;      ///< where its last applied document ends
  double file_started = 0;            ///< when its Begin was applied
};

void Pipeline::show_progress(const Run& run, std::size_t total, bool final) {
  if (!options_.progress || options_.quiet) return;
  const bool lines = options_.progress_lines;
  const double now = now_seconds();
  const double every = options_.progress_seconds >= 0 ? options_.progress_seconds : lines ? 10.0 : 1.0;
  if (final) {
    if (progress_shown_ && !lines) log_ << "\r\033[K" << std::flush;
    progress_shown_ = false;
    return;
  }
  if (now - last_progress_ < every) return;
  last_progress_ = now;
  const std::size_t done = run.files_done;
  const double elapsed = std::max(now - started_, 1e-6);
  const double rate = static_cast<double>(done) / elapsed;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  const std::size_t projects = run.summary.projects_indexed + (run.file_over ? 0 : run.added);
  std::ostringstream line;
  line << (lines ? "progress [" : "\r[") << done << '/' << total << "] " << std::fixed << std::setprecision(1) << rate
       << " files/s ETA ";
  if (done == 0) {
    line << '?';
  } else {
    line << static_cast<long long>(eta + 0.5) << 's';
  }
  line << ", " << projects << " projects (" << static_cast<double>(projects) / elapsed << "/s)";
  // A file read document by document: how far into its bytes the indexed projects reach.
  if (!run.file_over && run.file_bytes > 0 && run.file_offset > 0) {
    const double share = 100.0 * static_cast<double>(std::min(run.file_offset, run.file_bytes)) /
                         static_cast<double>(run.file_bytes);
    line << ", " << std::setprecision(0) << share << "% of " << one_line_name(fs::path(run.file).filename().string());
    const double in_file = now - run.file_started;
    if (share >= 1 && in_file > 0) line << " (ETA " << static_cast<long long>(in_file * (100 - share) / share + 0.5) << "s)";
  }
  if (lines) {
    log_ << line.str() << std::endl;
  } else {
    log_ << line.str() << "\033[K" << std::flush;
    progress_shown_ = true;
  }
}

IndexSummary Pipeline::run() {
  std::vector<FileIssue> missing;
  const std::vector<fs::path> files = collect_files(options_.inputs, missing);
  ShardedIndexWriter writer(options_.db, options_.shards, options_.batch_size);  // one database or N shards
  std::size_t threads = options_.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  Run run(threads, writer);
  for (const FileIssue& m : missing) {
    report("failed", m.file, m.reason);
    run.summary.failed.push_back(m);
  }
  run.summary.files_seen = files.size();
  run.known = writer.indexed_files();
  started_ = now_seconds();
  last_progress_ = started_;

  // The reader worker is forked while this is the only thread (IsolatedWorker::prestart).
  if (isolated_) isolated_->prestart();
  // A new index is written on as many threads as it is prepared on (BulkBuild); they start
  // after the fork above.
  if (options_.bulk) writer.start_bulk(threads, options_.bulk_segment_docs, options_.bulk_fan_in);
  std::vector<std::thread> workers;
  std::exception_ptr reading_error;
  std::thread reader([&] {
    try {
      read_files(files, run);
    } catch (...) {
      reading_error = std::current_exception();
    }
    run.ops.close();
  });
  for (std::size_t i = 0; i < threads; ++i) workers.emplace_back([&] { prepare(run); });
  auto stop_all = [&] {
    run.stop = true;
    run.ops.close();
    run.jobs.close();
    reader.join();
    for (std::thread& t : workers) t.join();
  };
  try {
    while (std::optional<Op> op = run.ops.pop()) {
      show_progress(run, files.size(), false);
      apply(run, *op);
    }
  } catch (...) {
    stop_all();  // a database error ends the run: the last commit stays
    throw;
  }
  stop_all();
  if (reading_error) std::rethrow_exception(reading_error);
  show_progress(run, files.size(), true);

  // Files indexed before from under these inputs that are gone now.
  std::set<std::string> present;
  for (const fs::path& f : files) present.insert(f.string());
  for (const auto& [path, signature] : run.known) {
    if (present.count(path) != 0 || !is_under(path, options_.inputs)) continue;
    std::error_code ec;
    if (fs::exists(path, ec) && !hidden(fs::path(path))) continue;  // still there, just not listed
    run.summary.projects_removed += writer.remove_source(path);
    writer.erase_file_signature(path);
    ++run.summary.files_removed;
  }
  // Merging a new index's segments takes seconds at 100k projects: say so meanwhile.
  const bool merging = writer.bulk() && options_.progress && !options_.quiet;
  const char* merge_note = "merging the segments of the new index into one database";
  if (merging && options_.progress_lines) {
    log_ << "progress: " << merge_note << std::endl;
  } else if (merging) {
    log_ << '\r' << merge_note << "\033[K" << std::flush;
  }
  writer.commit();
  if (merging && !options_.progress_lines) log_ << "\r\033[K" << std::flush;
  run.summary.total_projects = writer.doc_count();
  run.summary.shards = writer.shard_count();
  return std::move(run.summary);
}

void Pipeline::read_files(const std::vector<fs::path>& files, Run& run) {
  for (const fs::path& path : files) {
    if (run.stop) return;
    read_file(path, run);
  }
}

void Pipeline::read_file(const fs::path& path, Run& run) {
  const std::string file = path.string();
  auto push = [&](Op::Kind kind, std::string reason = {}, FileSignature sig = {}) {
    Op op;
    op.kind = kind;
    op.file = file;
    op.reason = std::move(reason);
    op.signature = std::move(sig);
    run.ops.push(std::move(op));
  };
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return push(Op::Kind::Failed, "cannot read: " + ec.message());
  if (size == 0) return push(Op::Kind::Skipped, "empty file");

  FileSignature sig;
  sig.path = file;
  sig.size = size;
  sig.mtime = mtime_of(path);
  const auto known = run.known.find(file);
  const FileSignature* old = known == run.known.end() ? nullptr : &known->second;
  if (old && old->size == sig.size && old->mtime == sig.mtime) return push(Op::Kind::Unchanged);

  // The content hash and the first bytes, in one pass that holds a chunk at a time.
  std::string head;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return push(Op::Kind::Failed, std::string("cannot open: ") + std::strerror(errno));
    ContentHash hash;
    std::string chunk(std::size_t{1} << 20, '\0');
    std::uint64_t total = 0;
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto n = static_cast<std::size_t>(in.gcount());
      if (n == 0) break;
      const std::string_view piece(chunk.data(), n);
      if (head.size() < ReaderRegistry::kHeadBytes) head.append(piece.substr(0, ReaderRegistry::kHeadBytes - head.size()));
      hash.update(piece);
      total += n;
    }
    if (in.bad()) return push(Op::Kind::Failed, std::string("cannot read: ") + std::strerror(errno));
    sig.size = total;
    sig.hash = hash.hex();
  }
  if (old && old->same_content(sig)) return push(Op::Kind::Touched, {}, sig);  // touched, not changed

  const bool zip = std::string_view(head).substr(0, 4) == std::string_view("PK\x03\x04", 4) &&
                   has_extension(path, {".xlsx", ".xlsm"});
  if (head.rfind("%PDF-", 0) != 0 && !zip && TextDecoder::looks_binary(head)) return push(Op::Kind::Skipped, "binary file");

  const Reader* reader = nullptr;
  try {
    reader = &registry_.reader_for(path, head);
  } catch (const NotIndexable& e) {
    return push(Op::Kind::Skipped, reason_of(e.what(), file));
  } catch (const Error& e) {
    return push(Op::Kind::Failed, reason_of(e.what(), file));
  }
  if (sig.size > kMaxFileBytes && !reader->streams(path)) {
    return push(Op::Kind::Skipped, "file too large (" + std::to_string(sig.size >> 20) + " MB)");
  }

  {
    Op begin;
    begin.kind = Op::Kind::Begin;
    begin.file = file;
    if (reader->streams(path)) begin.offset = sig.size;
    run.ops.push(std::move(begin));
  }
  std::vector<RawDocument> batch;
  auto submit = [&] {
    if (batch.empty()) return;
    std::uint64_t offset = 0;
    for (const RawDocument& d : batch) offset = std::max(offset, d.source.end);
    Job job;
    job.docs = std::move(batch);
    batch.clear();
    Op op;
    op.kind = Op::Kind::Batch;
    op.file = file;
    op.offset = offset;
    op.batch = job.done.get_future();
    run.jobs.push(std::move(job));
    run.ops.push(std::move(op));
  };
  try {
    auto sink = [&](RawDocument&& doc) {
      if (run.stop) throw IndexError("indexing stopped");
      batch.push_back(std::move(doc));
      if (batch.size() >= kBatchDocuments) submit();
    };
    // In a worker process unless turned off: a reader that crashes, hangs or runs over its
    // memory costs this file only (ReaderFailure), and the next file gets a new worker.
    if (isolated_) {
      isolated_->read(*reader, path, sink);
    } else {
      read_documents(*reader, path, sink);
    }
  } catch (const NotIndexable& e) {
    return push(Op::Kind::Skipped, reason_of(e.what(), file));
  } catch (const Error& e) {
    return push(Op::Kind::Failed, reason_of(e.what(), file));
  } catch (const std::exception& e) {
    return push(Op::Kind::Failed, std::string("unexpected error: ") + e.what());
  }
  submit();
  push(Op::Kind::End, {}, sig);
}

void Pipeline::prepare(Run& run) const {
  while (std::optional<Job> job = run.jobs.pop()) {
    try {
      std::vector<Prepared> out;
      for (const RawDocument& doc : job->docs) {
        for (const std::string& w : doc.warnings) out.push_back({w, {}, {}, true});
        if (!doc.record && text::trim(doc.text).empty() && doc.title.empty()) continue;
        for (Project& p : understander_.projects(doc)) {
          // A project text of megabytes is a dump, not a description: index its start, so
          // that no search pays for reading and snippeting the rest.
          const std::size_t size = p.text.size();
          if (truncate_text(p.text, kMaxProjectTextBytes)) {
            out.push_back({doc.source.file + ": project \"" + p.title.substr(0, 80) + "\" has " + megabytes(size) +
                               " of text; only the first " + megabytes(p.text.size()) + " is indexed",
                           {}, {}, true});
          }
          if (p.id.empty()) throw InputError("project without id from " + p.source.file);
          Xapian::Document d = IndexWriter::build_document(p, run.writer.analyzer());
          out.push_back({{}, std::move(p.id), std::move(d), false});
        }
      }
      job->done.set_value(std::move(out));
    } catch (...) {
      job->done.set_exception(std::current_exception());
    }
  }
}

void Pipeline::end_file(Run& run, const char* what, const std::string& reason) {
  report(what, run.file, reason);
  (std::strcmp(what, "failed") == 0 ? run.summary.failed : run.summary.skipped).push_back({run.file, reason});
  // Old projects of a file that can no longer be indexed are removed with it, and so
  // are the ones of this run already added.
  run.writer.remove_source(run.file);
  if (run.had_signature) {
    run.summary.projects_removed += run.removed;
    run.writer.erase_file_signature(run.file);
  }
  run.file_over = true;
  ++run.files_done;
}

void Pipeline::apply(Run& run, Op& op) {
  ShardedIndexWriter& writer = run.writer;
  switch (op.kind) {
    case Op::Kind::Unchanged:
      ++run.summary.unchanged;
      ++run.files_done;
      return;
    case Op::Kind::Touched:
      writer.set_file_signature(op.signature);  // remember the new mtime
      ++run.summary.unchanged;
      ++run.files_done;
      return;
    case Op::Kind::Begin:
      run.file = op.file;
      run.had_signature = writer.file_signature(op.file).has_value();
      run.removed = writer.remove_source(op.file);  // replaced below: not counted as removed
      run.file_over = false;
      run.added = 0;
      run.file_bytes = op.offset;
      run.file_offset = 0;
      run.file_started = now_seconds();
      return;
    case Op::Kind::Skipped:
    case Op::Kind::Failed: {
      const char* what = op.kind == Op::Kind::Failed ? "failed" : "skipped";
      if (run.file != op.file || run.file_over) {  // before reading: nothing of it added
        run.file = op.file;
        run.had_signature = writer.file_signature(op.file).has_value();
        run.removed = run.had_signature ? writer.remove_source(op.file) : 0;
        run.file_over = false;
      }
      if (!run.file_over) end_file(run, what, op.reason);
      return;
    }
    case Op::Kind::Batch:
      break;
    case Op::Kind::End:
      if (run.file_over) return;
      if (run.added == 0) return end_file(run, "skipped", "no text");
      run.summary.projects_indexed += run.added;
      writer.set_file_signature(op.signature);
      ++run.summary.files_read;
      ++run.files_done;
      run.file_over = true;
      return;
  }

  std::vector<Prepared> items;
  try {
    items = op.batch.get();
  } catch (const NotIndexable& e) {
    if (!run.file_over) end_file(run, "skipped", reason_of(e.what(), op.file));
    return;
  } catch (const Error& e) {
    if (!run.file_over) end_file(run, "failed", reason_of(e.what(), op.file));
    return;
  } catch (const std::exception& e) {
    if (!run.file_over) end_file(run, "failed", std::string("unexpected error: ") + e.what());
    return;
  }
  if (run.file_over) return;
  for (Prepared& item : items) {
    if (item.is_warning) {
      run.summary.warnings.push_back(item.warning);
      report("warning", op.file, reason_of(item.warning, op.file));
      continue;
    }
    const auto [it, fresh] = id_owner_.emplace(item.id, op.file);
    if (!fresh && it->second != op.file) {
      const std::string w = "project id " + item.id + " also in " + it->second + ": the later one replaces it";
      run.summary.warnings.push_back(op.file + ": " + w);
      report("warning", op.file, w);
      it->second = op.file;
    }
    try {
      writer.add_document(item.id, op.file, std::move(item.doc));
    } catch (const std::exception& e) {
      // A project the writer cannot take (Xapian errors are not std::exception and end the
      // run): the file's partial projects go, the file is reported.
      return end_file(run, "failed", std::string("cannot index: ") + e.what());
    }
    ++run.added;
  }
  run.file_offset = std::max(run.file_offset, op.offset);
}

}  // namespace fynd
