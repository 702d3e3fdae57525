/** IsolatedWorker: runs a job in a forked worker process with time and memory budgets. */
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace fynd {

/// True when built with AddressSanitizer, whose shadow memory and quarantine make a
/// process's resident size say little about what its code allocates.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

/// The budgets of one request (one file) in a worker.
struct IsolationLimits {
  /// Seconds the worker may spend on one request; 0 = no limit. Time the caller spends
  /// in its own item callback does not count. For a request run with
  /// IsolatedWorker::Budget::PerItem, the seconds the worker may go without sending an item.
  double timeout_seconds = 30;
  /// Resident memory the worker may hold above what it held once it had received the
  /// request (its own memory and the request's bytes); 0 = no limit. Off by default under AddressSanitizer (see kAddressSanitizer).
  std::size_t memory_bytes = kAddressSanitizer ? 0 : std::size_t{200} << 20;
};

/// How a request ended.
enum class WorkerStatus {
  Finished,    ///< the job returned; every item it emitted was delivered
  Failed,      ///< the job threw; `message` is its what()
  Crashed,     ///< the worker died (a signal, or an exit in the middle of the job)
  TimedOut,    ///< over IsolationLimits::timeout_seconds; the worker was killed
  OverMemory,  ///< over IsolationLimits::memory_bytes (or out of memory); killed
};

struct WorkerOutcome {
  WorkerStatus status = WorkerStatus::Finished;
  int signal = 0;           ///< Crashed: the signal that ended the worker, else 0
  int exit_code = -1;       ///< Crashed by exiting: its exit code
  std::string message;      ///< Failed: the exception's message
  double seconds = 0;       ///< time the worker spent on the request
  std::size_t peak_bytes = 0;  ///< most resident memory seen above the request's start
};

/// A worker process forked from the caller that runs `job` for each request and streams
/// the items the job emits back over a socket, one by one (a job that emits a million
/// records never holds them together, nor does the caller). The worker is reused for
/// the next request; when it crashes, runs over a budget or is killed, the next request
/// starts a new one. The job runs in a copy of the caller's memory as it was when the
/// worker was forked: it may use objects that existed then and do not change.
class IsolatedWorker {
 public:
  using Emit = std::function<void(std::string_view item)>;
  using Job = std::function<void(std::string_view request, const Emit& emit)>;
  using OnItem = std::function<void(std::string_view item)>;
  /// What IsolationLimits::timeout_seconds bounds: the whole request, or the time
  /// between two items (a job that streams a file of millions of records makes progress
  /// for as long as items keep coming, however long the whole file takes).
  enum class Budget { PerRequest, PerItem };

  IsolatedWorker(Job job, IsolationLimits limits);
  ~IsolatedWorker();
  IsolatedWorker(const IsolatedWorker&) = delete;
  IsolatedWorker& operator=(const IsolatedWorker&) = delete;

  /// Sends `request` to the worker (starting one if none runs) and calls `on_item` with
  /// each item as it arrives, until the job ends. An exception from `on_item` kills the
  /// worker and propagates.
  WorkerOutcome run(std::string_view request, const OnItem& on_item);
  /// The same with the request given in pieces, sent one after the other without being
  /// copied together (a file's bytes after a small header); the job sees them joined.
  WorkerOutcome run(std::initializer_list<std::string_view> request, const OnItem& on_item,
                    Budget budget = Budget::PerRequest);

  /// Starts the worker now if none runs. Call it before the caller starts other threads:
  /// fork copies only the forking thread, and a lock another thread holds at that moment
  /// (in the allocator, ICU, a sanitizer) would stay locked in the worker forever.
  void prestart() {
    if (pid_ < 0) start();
  }

  const IsolationLimits& limits() const { return limits_; }
  /// Workers started so far (1 + restarts after crashes, budgets and recycling).
  std::size_t workers_started() const { return started_; }

 private:
  void start();
  void stop();
  void kill_worker();
  WorkerOutcome ended_outcome(WorkerOutcome out);

  Job job_;
  IsolationLimits limits_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::size_t rss_at_start_ = 0;
  std::size_t started_ = 0;
};

/// The resident memory of process `pid` in bytes (from /proc), 0 if unknown.
std::size_t resident_bytes(pid_t pid);

}  // namespace fynd
