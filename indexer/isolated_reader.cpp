#include "isolated_reader.h"

#include <fnmatch.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

#include "worker_codec.h"

namespace fynd {

namespace {

// Items from the worker start with one tag byte.
constexpr char kDocument = 'D';
constexpr char kNotIndexable = 'N';
constexpr char kError = 'E';       // a fynd::Error: its code (8 bytes), then the message
constexpr char kUnexpected = 'U';  // another std::exception: the message

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

std::uint64_t get_u64(std::string_view& in) {
  if (in.size() < sizeof(std::uint64_t)) throw InputError("reader worker: a request arrived cut short");
  std::uint64_t v = 0;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return v;
}

std::string_view get_string(std::string_view& in) {
  const std::uint64_t n = get_u64(in);
  if (in.size() < n) throw InputError("reader worker: a request arrived cut short");
  const std::string_view s = in.substr(0, n);
  in.remove_prefix(n);
  return s;
}

/// FYND_TEST_FAULT: makes the worker fail a matching file on purpose (see the header).
/// Returns N of a crash@N fault (0: none).
std::uint64_t inject_fault(const std::filesystem::path& path) {
  const char* spec = std::getenv("FYND_TEST_FAULT");
  if (spec == nullptr || *spec == '\0') return 0;
  const std::string name = path.filename().string();
  std::string_view rest = spec;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t colon = one.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string kind(one.substr(0, colon));
    const std::string glob(one.substr(colon + 1));
    if (::fnmatch(glob.c_str(), name.c_str(), 0) != 0) continue;
    if (kind.rfind("crash@", 0) == 0) return std::strtoull(kind.c_str() + 6, nullptr, 10);
    if (kind == "crash") {
      ::signal(SIGSEGV, SIG_DFL);
      ::raise(SIGSEGV);
    } else if (kind == "hang") {
      for (;;) ::pause();
    } else if (kind == "oom") {
      std::vector<std::unique_ptr<char[]>> held;
      for (;;) {
        constexpr std::size_t kChunk = std::size_t{8} << 20;
        held.emplace_back(new char[kChunk]);
        volatile char* p = held.back().get();
        for (std::size_t i = 0; i < kChunk; i += 4096) p[i] = 1;  // resident, not just reserved
      }
    }
  }
  return 0;
}

/// The worker's side: decodes a request, runs the reader, sends documents or the error.
void read_in_worker(const ReaderRegistry& registry, std::string_view request, const IsolatedWorker::Emit& emit) {
  const std::string name(get_string(request));
  const std::filesystem::path path(std::string(get_string(request)));
  const bool given = get_u64(request) != 0;  // the bytes follow, else the worker reads the file
  const std::string_view bytes = given ? get_string(request) : std::string_view();
  const Reader* reader = registry.find(name);
  if (reader == nullptr) throw std::logic_error("reader worker: no reader named " + name);
  std::string item;
  try {
    const std::uint64_t crash_after = inject_fault(path);
    std::uint64_t sent = 0;
    auto send = [&](const RawDocument& doc) {
      // crash@N: the documents so far reach the reading process (the worker flushes what
      // is 0.1 s old with the next one), then the worker dies.
      const bool crash = crash_after != 0 && ++sent > crash_after;
      if (crash) ::usleep(150 * 1000);
      item.assign(1, kDocument);
      encode_document(doc, item);
      emit(item);
      if (crash) {
        ::signal(SIGSEGV, SIG_DFL);
        ::raise(SIGSEGV);
      }
    };
    if (given) {
      for (const RawDocument& doc : reader->read(path, bytes)) send(doc);
    } else {
      read_documents(*reader, path, [&](RawDocument&& doc) { send(doc); });
    }
  } catch (const std::bad_alloc&) {
    throw;  // the worker reports it as over its memory
  } catch (const NotIndexable& e) {
    item.assign(1, kNotIndexable);
    item += e.what();
    emit(item);
  } catch (const Error& e) {
    item.assign(1, kError);
    put_u64(item, static_cast<std::uint64_t>(e.code()));
    item += e.what();
    emit(item);
  } catch (const std::exception& e) {
    item.assign(1, kUnexpected);
    item += e.what();
    emit(item);
  }
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

}  // namespace

std::string reader_activity(std::string_view name) {
  if (name == "html") return "parsing HTML";
  if (name == "pdf") return "parsing PDF";
  if (name == "json") return "parsing JSON";
  if (name == "xlsx") return "parsing XLSX";
  if (name == "csv") return "parsing CSV";
  if (name == "esf") return "parsing an ESF record";
  if (name == "markdown") return "parsing Markdown";
  if (name == "text") return "reading text";
  return "reading " + std::string(name);
}

std::string failure_reason(const WorkerOutcome& outcome, const IsolationLimits& limits, std::string_view reader_name) {
  switch (outcome.status) {
    case WorkerStatus::Crashed:
      if (outcome.signal != 0) {
        return "crashed while " + reader_activity(reader_name) + " (signal " + std::to_string(outcome.signal) + ")";
      }
      return "crashed while " + reader_activity(reader_name) + " (exit code " + std::to_string(outcome.exit_code) + ")";
    case WorkerStatus::TimedOut:
      return "timed out after " + seconds_text(limits.timeout_seconds) + " s";
    case WorkerStatus::OverMemory:
      if (limits.memory_bytes == 0) return "out of memory while reading";
      return "over " + std::to_string(limits.memory_bytes >> 20) + " MB of memory while reading";
    case WorkerStatus::Failed:
      return "reader worker failed: " + outcome.message;
    case WorkerStatus::Finished:
      break;
  }
  return {};
}

IsolatedReader::IsolatedReader(const ReaderRegistry& registry, IsolationLimits limits)
    : worker_([&registry](std::string_view request, const IsolatedWorker::Emit& emit) {
                read_in_worker(registry, request, emit);
              },
              limits) {}

void IsolatedReader::read(const Reader& reader, const std::filesystem::path& path, std::string_view bytes,
                          const std::function<void(RawDocument&&)>& each) {
  run(reader, path, bytes, each);
}

void IsolatedReader::read(const Reader& reader, const std::filesystem::path& path,
                          const std::function<void(RawDocument&&)>& each) {
  run(reader, path, std::nullopt, each);
}

void IsolatedReader::run(const Reader& reader, const std::filesystem::path& path,
                         std::optional<std::string_view> given, const std::function<void(RawDocument&&)>& each) {
  const std::string_view name = reader.name();
  const std::string file = path.string();
  const std::string_view bytes = given.value_or(std::string_view());
  std::string header;  // the bytes follow it, not copied into it
  put_u64(header, name.size());
  header += name;
  put_u64(header, file.size());
  header += file;
  put_u64(header, given ? 1 : 0);
  if (given) put_u64(header, bytes.size());

  // An error the reader threw is the worker's last item; it is thrown here once the
  // request has ended, so that the worker stays up for the next file.
  char error_tag = 0;
  std::string error_message;
  ErrorCode error_code = ErrorCode::BadInput;
  // A file the worker reads itself is read document by document: the time budget is for
  // each document (a stalled reader), not for the whole file (millions of records).
  std::size_t documents = 0;
  const auto budget = given ? IsolatedWorker::Budget::PerRequest : IsolatedWorker::Budget::PerItem;
  const WorkerOutcome outcome = worker_.run({header, bytes}, [&](std::string_view item) {
    if (item.empty()) return;
    const char tag = item.front();
    item.remove_prefix(1);
    if (tag == kDocument) {
      ++documents;
      each(decode_document(item));
      return;
    }
    if (tag == kError) error_code = static_cast<ErrorCode>(get_u64(item));
    error_tag = tag;
    error_message = std::string(item);
  }, budget);
  if (outcome.status == WorkerStatus::TimedOut && documents > 0) {  // stalled after its first documents
    throw ReaderFailure("timed out: no document for " + seconds_text(worker_.limits().timeout_seconds) + " s");
  }
  if (outcome.status != WorkerStatus::Finished) {
    throw ReaderFailure(failure_reason(outcome, worker_.limits(), name));
  }
  if (error_tag == kNotIndexable) throw NotIndexable(error_message);
  if (error_tag == kError && error_code == ErrorCode::BadInput) throw InputError(error_message);
  if (error_tag == kError) throw Error(error_code, error_message);
  if (error_tag != 0) throw std::runtime_error(error_message);
}

}  // namespace fynd
