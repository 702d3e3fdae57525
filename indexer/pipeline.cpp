#include "pipeline.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>

#include "error.h"
#include "index_writer.h"
#include "sharded_index_writer.h"
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

/// Reads a whole file; throws InputError with the system's reason.
std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(std::string("cannot read: ") + std::strerror(errno));
  return ss.str();
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

void Pipeline::show_progress(std::size_t done, std::size_t total, bool final) {
  if (!options_.progress || options_.quiet) return;
  const double now = now_seconds();
  if (!final && now - last_progress_ < 0.1) return;
  last_progress_ = now;
  if (final) {
    if (progress_shown_) log_ << "\r\033[K" << std::flush;
    progress_shown_ = false;
    return;
  }
  const double elapsed = std::max(now - started_, 1e-6);
  const double rate = static_cast<double>(done) / elapsed;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  std::ostringstream line;
  line << "\r[" << done << '/' << total << "] " << std::fixed << std::setprecision(1) << rate << " files/s ETA ";
  if (done == 0) {
    line << '?';
  } else {
    line << static_cast<long long>(eta + 0.5) << 's';
  }
  log_ << line.str() << "\033[K" << std::flush;
  progress_shown_ = true;
}

IndexSummary Pipeline::run() {
  IndexSummary summary;
  std::vector<FileIssue> missing;
  const std::vector<fs::path> files = collect_files(options_.inputs, missing);
  for (const FileIssue& m : missing) {
    report("failed", m.file, m.reason);
    summary.failed.push_back(m);
  }
  summary.files_seen = files.size();

  ShardedIndexWriter writer(options_.db, options_.shards, options_.batch_size);  // one database or N shards
  started_ = now_seconds();
  std::set<std::string> present;
  for (std::size_t i = 0; i < files.size(); ++i) {
    present.insert(files[i].string());
    show_progress(i, files.size(), false);
    index_file(writer, files[i], summary);
  }
  show_progress(files.size(), files.size(), true);

  // Files indexed before from under these inputs that are gone now.
  for (const auto& [path, signature] : writer.indexed_files()) {
    if (present.count(path) != 0 || !is_under(path, options_.inputs)) continue;
    std::error_code ec;
    if (fs::exists(path, ec) && !hidden(fs::path(path))) continue;  // still there, just not listed
    summary.projects_removed += writer.remove_source(path);
    writer.erase_file_signature(path);
    ++summary.files_removed;
  }
  writer.commit();
  summary.total_projects = writer.doc_count();
  summary.shards = writer.shard_count();
  return summary;
}

void Pipeline::index_file(ShardedIndexWriter& writer, const fs::path& path, IndexSummary& summary) {
  const std::string file = path.string();
  // Old projects of a file that can no longer be indexed are removed with it.
  auto drop_old = [&] {
    if (writer.file_signature(file)) {
      summary.projects_removed += writer.remove_source(file);
      writer.erase_file_signature(file);
    }
  };
  auto skip = [&](const std::string& reason) {
    report("skipped", file, reason);
    summary.skipped.push_back({file, reason});
    drop_old();
  };
  auto fail = [&](const std::string& reason) {
    report("failed", file, reason);
    summary.failed.push_back({file, reason});
    drop_old();
  };

  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return fail("cannot read: " + ec.message());
  if (size == 0) return skip("empty file");
  if (size > kMaxFileBytes) return skip("file too large (" + std::to_string(size >> 20) + " MB)");

  FileSignature sig;
  sig.path = file;
  sig.size = size;
  sig.mtime = mtime_of(path);
  const std::optional<FileSignature> old = writer.file_signature(file);
  if (old && old->size == sig.size && old->mtime == sig.mtime) {
    ++summary.unchanged;
    return;
  }

  std::string bytes;
  try {
    bytes = read_bytes(path);
  } catch (const Error& e) {
    return fail(e.what());
  }
  sig.size = bytes.size();
  sig.hash = content_hash(bytes);
  if (old && old->same_content(sig)) {
    writer.set_file_signature(sig);  // touched, not changed: remember the new mtime
    ++summary.unchanged;
    return;
  }

  const std::string_view head = std::string_view(bytes).substr(0, ReaderRegistry::kHeadBytes);
  const bool zip = head.substr(0, 4) == std::string_view("PK\x03\x04", 4) && has_extension(path, {".xlsx", ".xlsm"});
  if (head.substr(0, 5) != "%PDF-" && !zip && TextDecoder::looks_binary(head)) return skip("binary file");

  std::vector<Project> projects;
  try {
    const Reader& reader = registry_.reader_for(path, head);
    auto each = [&](RawDocument&& doc) {
      for (const std::string& w : doc.warnings) {
        summary.warnings.push_back(w);
        report("warning", file, reason_of(w, file));
      }
      if (!doc.record && text::trim(doc.text).empty() && doc.title.empty()) return;
      for (Project& p : understander_.projects(doc)) {
        // A project text of megabytes is a dump, not a description: index its start, so
        // that no search pays for reading and snippeting the rest.
        const std::size_t size = p.text.size();
        if (truncate_text(p.text, kMaxProjectTextBytes)) {
          const std::string w = "project \"" + p.title.substr(0, 80) + "\" has " + megabytes(size) +
                                " of text; only the first " + megabytes(p.text.size()) + " is indexed";
          summary.warnings.push_back(file + ": " + w);
          report("warning", file, w);
        }
        projects.push_back(std::move(p));
      }
    };
    // In a worker process unless turned off: a reader that crashes, hangs or runs over its
    // memory costs this file only (ReaderFailure), and the next file gets a new worker.
    if (isolated_) {
      isolated_->read(reader, path, bytes, each);
    } else {
      for (RawDocument& doc : reader.read(path, bytes)) each(std::move(doc));
    }
  } catch (const NotIndexable& e) {
    return skip(reason_of(e.what(), file));
  } catch (const Error& e) {
    return fail(reason_of(e.what(), file));
  } catch (const std::exception& e) {
    return fail(std::string("unexpected error: ") + e.what());
  }
  if (projects.empty()) return skip("no text");

  writer.remove_source(file);  // replaced below: not counted as removed
  std::size_t added = 0;
  try {
    for (const Project& p : projects) {
      const auto [it, fresh] = id_owner_.emplace(p.id, file);
      if (!fresh && it->second != file) {
        const std::string w = "project id " + p.id + " also in " + it->second + ": the later one replaces it";
        summary.warnings.push_back(file + ": " + w);
        report("warning", file, w);
        it->second = file;
      }
      writer.add(p);
      ++added;
    }
  } catch (const std::exception& e) {
    // A project the writer cannot take (Xapian errors are not std::exception and end the
    // run): the file's partial projects go, the file is reported.
    writer.remove_source(file);
    return fail(std::string("cannot index: ") + e.what());
  }
  summary.projects_indexed += added;
  writer.set_file_signature(sig);
  ++summary.files_read;
}

}  // namespace fynd
