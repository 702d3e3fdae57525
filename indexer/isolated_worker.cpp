#include "isolated_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <vector>

#include "error.h"

namespace fynd {

namespace {

// Frames on the socket: one type byte, the payload length (8 bytes, host order), the
// payload. Caller to worker: a request. Worker to caller: items, then one end frame.
constexpr char kRequest = 'R';
constexpr char kStarted = 'S';  // the request is in: the memory budget counts from here
constexpr char kItem = 'I';
constexpr char kDone = 'D';
constexpr char kFailed = 'F';
constexpr char kOutOfMemory = 'M';
constexpr std::size_t kHeader = 9;

/// How often the worker's memory is looked at while the caller waits (ms).
constexpr int kMemoryCheckMs = 20;

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void put_header(std::string& out, char type, std::size_t size) {
  const std::uint64_t n = size;
  out.push_back(type);
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
}

/// Writes all of `data`; false when the other side is gone.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

/// Reads exactly `size` bytes; false at end of file or error.
bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t virtual_bytes() {
  char buf[128] = {};
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  return std::strtoull(buf, nullptr, 10) * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

/// The worker's main loop: requests in, frames out, until the caller closes the socket.
[[noreturn]] void worker_main(int fd, const IsolatedWorker::Job& job) {
  std::string out;  // buffered frames, flushed when large, 0.1 s old, and at the end of a request
  double flushed_at = now_seconds();
  auto flush = [&] {
    if (!write_all(fd, out)) ::_exit(0);  // the caller is gone
    out.clear();
    flushed_at = now_seconds();
  };
  constexpr std::size_t kFlushBytes = std::size_t{64} << 10;
  const IsolatedWorker::Emit emit = [&](std::string_view item) {
    put_header(out, kItem, item.size());
    if (item.size() >= kFlushBytes) {  // a large item goes as it is, not through the buffer
      flush();
      if (!write_all(fd, item)) ::_exit(0);
      return;
    }
    out.append(item);
    // Items come out within 0.1 s, however small: the caller sees a slow stream progress.
    if (out.size() >= kFlushBytes || now_seconds() - flushed_at >= 0.1) flush();
  };
  std::string request;
  for (;;) {
    char header[kHeader];
    if (!read_all(fd, header, kHeader) || header[0] != kRequest) ::_exit(0);
    std::uint64_t size = 0;
    std::memcpy(&size, header + 1, sizeof size);
    request.resize(size);
    if (!read_all(fd, request.data(), request.size())) ::_exit(0);
    put_header(out, kStarted, 0);
    flush();
    char end = kDone;
    std::string message;
    try {
      job(request, emit);
    } catch (const std::bad_alloc&) {
      end = kOutOfMemory;
    } catch (const std::exception& e) {
      end = kFailed;
      message = e.what();
    } catch (...) {
      end = kFailed;
      message = "unknown exception";
    }
    if (end == kOutOfMemory) {
      out.clear();  // what is left of the items is not worth sending
      out.shrink_to_fit();
    }
    put_header(out, end, message.size());
    out.append(message);
    flush();
    if (end == kOutOfMemory) ::_exit(0);  // start afresh after running out
    request.clear();
    if (request.capacity() > kFlushBytes * 16) std::string().swap(request);  // a large file's bytes go back
    if (out.capacity() > kFlushBytes * 16) std::string().swap(out);
  }
}

}  // namespace

std::size_t resident_bytes(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/statm";
  char buf[128] = {};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  char* rest = nullptr;
  std::strtoull(buf, &rest, 10);  // total program size; resident comes next
  return std::strtoull(rest, nullptr, 10) * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

IsolatedWorker::IsolatedWorker(Job job, IsolationLimits limits) : job_(std::move(job)), limits_(limits) {}

IsolatedWorker::~IsolatedWorker() { stop(); }

void IsolatedWorker::start() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw IndexError(std::string("cannot start a reader worker: socketpair: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw IndexError(std::string("cannot start a reader worker: fork: ") + std::strerror(err));
  }
  if (pid == 0) {
    // The worker. It dies with the caller, holds none of the caller's files (the index's
    // lock and tables among them) and never returns into the caller's code.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(0);
    int fd = fds[1];
    if (fd != 3) {
      ::dup2(fd, 3);
      fd = 3;
    }
    ::close_range(4, ~0U, 0);
    if (limits_.memory_bytes > 0 && !kAddressSanitizer) {
      // A backstop for allocations faster than the caller's checks: address space well
      // above the budget makes a runaway allocation fail (std::bad_alloc) in the worker.
      const std::size_t room = std::max(limits_.memory_bytes * 4, std::size_t{1} << 30);
      const rlim_t cap = static_cast<rlim_t>(virtual_bytes() + room);
      const struct rlimit lim = {cap, cap};
      ::setrlimit(RLIMIT_AS, &lim);
    }
    worker_main(fd, job_);
  }
  ::close(fds[1]);
  pid_ = pid;
  fd_ = fds[0];
  rss_at_start_ = resident_bytes(pid_);
  ++started_;
}

void IsolatedWorker::stop() {
  if (pid_ < 0) return;
  ::close(fd_);  // an idle worker reads end of file and exits
  fd_ = -1;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

void IsolatedWorker::kill_worker() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  stop();
}

WorkerOutcome IsolatedWorker::ended_outcome(WorkerOutcome out) {
  // The worker closed its end in the middle of a request: it died or exited.
  int status = 0;
  ::close(fd_);
  fd_ = -1;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  out.status = WorkerStatus::Crashed;
  if (WIFSIGNALED(status)) {
    out.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    out.exit_code = WEXITSTATUS(status);
  }
  return out;
}

WorkerOutcome IsolatedWorker::run(std::string_view request, const OnItem& on_item) {
  return run({request}, on_item);
}

WorkerOutcome IsolatedWorker::run(std::initializer_list<std::string_view> request, const OnItem& on_item,
                                  Budget budget) {
  // A worker that kept memory from earlier requests (fragmentation, caches) is replaced
  // before it starts the next one with less than its budget.
  if (pid_ >= 0 && limits_.memory_bytes > 0 && resident_bytes(pid_) > rss_at_start_ + limits_.memory_bytes) stop();
  if (pid_ < 0) start();

  WorkerOutcome out;
  std::size_t base = resident_bytes(pid_);
  std::size_t request_size = 0;
  for (std::string_view part : request) request_size += part.size();
  std::string frame;
  put_header(frame, kRequest, request_size);
  bool sent = write_all(fd_, frame);
  for (std::string_view part : request) sent = sent && write_all(fd_, part);
  if (!sent) return ended_outcome(out);

  std::string buf;
  std::vector<char> chunk(std::size_t{256} << 10);
  std::size_t pos = 0;  // start of the first unparsed frame in buf
  double waited = 0;  // on the budget: since the request was sent, or (PerItem) since the last item
  double total_waited = 0;
  double last_check = now_seconds();
  auto over_memory = [&] {
    const std::size_t rss = resident_bytes(pid_);
    if (rss > base) out.peak_bytes = std::max(out.peak_bytes, rss - base);
    return limits_.memory_bytes > 0 && rss > base + limits_.memory_bytes;
  };
  try {
    for (;;) {
      // Every complete frame in the buffer first.
      while (buf.size() - pos >= kHeader) {
        std::uint64_t size = 0;
        std::memcpy(&size, buf.data() + pos + 1, sizeof size);
        if (buf.size() - pos - kHeader < size) break;
        const char type = buf[pos];
        const std::string_view payload(buf.data() + pos + kHeader, size);
        pos += kHeader + size;
        if (type == kItem) {
          if (budget == Budget::PerItem) waited = 0;
          on_item(payload);
          continue;
        }
        if (type == kStarted) {
          base = resident_bytes(pid_);  // the worker holds the request now
          continue;
        }
        out.seconds = total_waited;
        if (type == kDone) return out;
        if (type == kFailed) {
          out.status = WorkerStatus::Failed;
          out.message = std::string(payload);
          return out;
        }
        out.status = WorkerStatus::OverMemory;  // kOutOfMemory: the worker exits
        stop();
        return out;
      }
      if (pos > 0) {
        buf.erase(0, pos);
        pos = 0;
      }
      // Wait for more, within the budgets.
      const double remaining = limits_.timeout_seconds > 0 ? limits_.timeout_seconds - waited : 1e9;
      if (remaining <= 0) {
        out.status = WorkerStatus::TimedOut;
        out.seconds = total_waited;
        kill_worker();
        return out;
      }
      const int wait_ms = static_cast<int>(std::min(remaining * 1000.0 + 1, double{kMemoryCheckMs}));
      struct pollfd p = {fd_, POLLIN, 0};
      const double before = now_seconds();
      const int ready = ::poll(&p, 1, std::max(wait_ms, 1));
      const double after = now_seconds();
      waited += after - before;
      total_waited += after - before;
      if (after - last_check >= kMemoryCheckMs / 1000.0 || ready == 0) {
        last_check = after;
        if (over_memory()) {
          out.status = WorkerStatus::OverMemory;
          out.seconds = total_waited;
          kill_worker();
          return out;
        }
      }
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) continue;
      const ssize_t n = ::read(fd_, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        out.seconds = total_waited;
        return ended_outcome(out);
      }
      buf.append(chunk.data(), static_cast<std::size_t>(n));
    }
  } catch (...) {
    kill_worker();  // the rest of its items are not wanted
    throw;
  }
}

}  // namespace fynd
