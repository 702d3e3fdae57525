/** IsolatedReader: format readers run in a worker process, one bad file costing that file only. */
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "isolated_worker.h"
#include "reader_registry.h"

namespace fynd {

/// A file whose reader crashed, ran out of time or over its memory budget in the worker.
/// The message is the reason alone ("crashed while parsing HTML (signal 11)", "timed out
/// after 30 s", "over 200 MB of memory while reading"); the pipeline names the file.
class ReaderFailure : public InputError {
 public:
  using InputError::InputError;
};

/// Runs `Reader::read` of the registry's readers in an IsolatedWorker. Documents come
/// back one by one as the reader's results are sent; what a reader throws is thrown
/// again here with its type (NotIndexable, InputError, other errors) and message.
///
/// One caller at a time: a pipeline with several reading threads gives each its own.
///
/// For tests and debugging, the worker obeys `FYND_TEST_FAULT=KIND:GLOB[,KIND:GLOB...]`:
/// on a file whose name matches GLOB it crashes (KIND crash: SIGSEGV), hangs (hang) or
/// allocates memory until stopped (oom) instead of reading it, or crashes once N + 1 of
/// its documents have reached the reading process (crash@N).
class IsolatedReader {
 public:
  /// `registry` must outlive this object and not change (the worker reads a copy of it).
  IsolatedReader(const ReaderRegistry& registry, IsolationLimits limits);

  /// Reads `bytes` of `path` with `reader` (one of the registry's) in the worker and
  /// calls `each` per document. Throws ReaderFailure when the worker fails the file.
  void read(const Reader& reader, const std::filesystem::path& path, std::string_view bytes,
            const std::function<void(RawDocument&&)>& each);
  /// The same, the worker reading the file itself through read_documents(): a reader that
  /// streams (JSON Lines) holds one record at a time in the worker, and the file's bytes
  /// are never copied to it.
  void read(const Reader& reader, const std::filesystem::path& path, const std::function<void(RawDocument&&)>& each);

  /// Starts the worker before the caller starts threads (see IsolatedWorker::prestart).
  void prestart() { worker_.prestart(); }

  /// Workers started so far (1 + one per crash, budget kill or recycling).
  std::size_t workers_started() const { return worker_.workers_started(); }

 private:
  void run(const Reader& reader, const std::filesystem::path& path, std::optional<std::string_view> bytes,
           const std::function<void(RawDocument&&)>& each);

  IsolatedWorker worker_;
};

/// What a reader does to a file, for failure messages: "parsing HTML", "reading text".
std::string reader_activity(std::string_view reader_name);

/// The one-line reason for a file the worker did not finish ("timed out after 30 s").
std::string failure_reason(const WorkerOutcome& outcome, const IsolationLimits& limits,
                           std::string_view reader_name);

}  // namespace fynd
