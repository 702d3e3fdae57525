#include "index_source.h"

#include <algorithm>
#include <fstream>

#include "error.h"
#include "text.h"

namespace fynd {
namespace fs = std::filesystem;

namespace {

/// Stubs naming stubs: deeper than this is a loop.
constexpr int kMaxStubDepth = 8;

bool is_database_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

std::string in_quotes(const fs::path& p) { return "'" + p.string() + "'"; }

/// "host:port" (the last colon; "[::1]:8100" for IPv6) into its parts; false if malformed.
bool split_host_port(const std::string& s, std::string& host, unsigned& port) {
  const std::size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= s.size()) return false;
  host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string digits = s.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  port = static_cast<unsigned>(std::stoul(digits));
  return port > 0 && port < 65536;
}

}  // namespace

IndexSource::IndexSource(fs::path path) : path_(std::move(path)) { resolve(path_, 0); }

void IndexSource::resolve(const fs::path& path, int depth) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw IndexError("no index at " + in_quotes(path) + ": the directory does not exist (build one with fynd-index)");
  }
  if (fs::is_regular_file(path, ec)) return read_stub(path, depth);
  if (!fs::is_directory(path, ec)) throw IndexError("no index at " + in_quotes(path) + ": not a directory");
  if (is_database_dir(path)) {
    shards_.push_back(Shard{Shard::Kind::Local, path.string(), path.string(), "", 0, "", ""});
    return;
  }
  if (fs::is_regular_file(path / kStubName, ec)) return read_stub(path / kStubName, depth);
  // A folder of shard folders, in name order.
  std::vector<fs::path> dirs;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && is_database_dir(it->path())) dirs.push_back(it->path());
  }
  if (dirs.empty()) {
    throw IndexError(in_quotes(path) + " is not a readable fynd index: no Xapian database, no " + kStubName +
                     " stub file and no shard folders in it");
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) shards_.push_back(Shard{Shard::Kind::Local, d.string(), path.string(), "", 0, "", ""});
}

void IndexSource::read_stub(const fs::path& stub, int depth) {
  if (depth > kMaxStubDepth) throw IndexError("stub file " + in_quotes(stub) + ": stubs name each other in a loop");
  std::ifstream in(stub);
  if (!in) throw IndexError("cannot read the stub file " + in_quotes(stub));
  const fs::path base = stub.parent_path();
  std::string line;
  int line_no = 0;
  const std::size_t before = shards_.size();
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = stub.string() + ":" + std::to_string(line_no);
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const std::size_t space = trimmed.find_first_of(" \t");
    const std::string type(trimmed.substr(0, space));
    const std::string rest = space == std::string_view::npos ? "" : std::string(text::trim(trimmed.substr(space)));
    if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) throw IndexError(where + ": '" + type + "' needs a database path");
      fs::path p(rest);
      if (p.is_relative()) p = base / p;
      std::error_code ec;
      if (!fs::exists(p, ec)) throw IndexError(where + ": the shard " + in_quotes(p) + " does not exist");
      if (type == "auto" && !is_database_dir(p)) {
        resolve(p, depth + 1);  // a stub (file or folder) or a folder of shards
        continue;
      }
      shards_.push_back(Shard{Shard::Kind::Local, p.string(), where, "", 0, "", ""});
    } else if (type == "remote") {
      Shard s{Shard::Kind::Remote, rest, where, "", 0, "", ""};
      if (!rest.empty() && rest.front() == ':') {
        const std::size_t sp = rest.find(' ');
        s.program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
        if (sp != std::string::npos) s.args = rest.substr(sp + 1);
        if (s.program.empty()) throw IndexError(where + ": 'remote :' needs a program");
      } else if (!split_host_port(rest, s.host, s.port)) {
        throw IndexError(where + ": expected 'remote HOST:PORT' (a port from 1 to 65535) or 'remote :PROGRAM ARGS'");
      }
      shards_.push_back(std::move(s));
    } else {
      throw IndexError(where + ": unknown database type '" + type + "' (expected auto, glass, chert or remote)");
    }
  }
  if (shards_.size() == before) throw IndexError("stub file " + in_quotes(stub) + " lists no database");
}

bool IndexSource::has_remote() const {
  return std::any_of(shards_.begin(), shards_.end(), [](const Shard& s) { return s.kind == Shard::Kind::Remote; });
}

Xapian::Database IndexSource::open() const {
  if (shards_.size() == 1 && shards_.front().kind == Shard::Kind::Local && shards_.front().listed_at == path_.string()) {
    try {
      return Xapian::Database(shards_.front().location);
    } catch (const Xapian::Error& e) {
      throw IndexError(in_quotes(path_) + " is not a readable fynd index: " + e.get_msg());
    }
  }
  Xapian::Database db;
  for (const Shard& s : shards_) {
    try {
      if (s.kind == Shard::Kind::Local) {
        db.add_database(Xapian::Database(s.location));
      } else if (s.program.empty()) {
        db.add_database(Xapian::Remote::open(s.host, s.port, kTimeoutMs, kConnectTimeoutMs));
      } else {
        db.add_database(Xapian::Remote::open(s.program, s.args, kTimeoutMs));
      }
    } catch (const Xapian::Error& e) {
      const std::string what = s.kind == Shard::Kind::Local ? "the shard " + in_quotes(s.location) + " is not readable"
                                                            : "the remote shard " + s.location + " is unreachable";
      throw IndexError(what + " (" + s.listed_at + "): " + e.get_msg());
    }
  }
  return db;
}

}  // namespace fynd
