/** WorkerPool: a fixed set of threads running queued jobs (the request processing, off the event loop). */
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fynd::http {

/// Jobs run in the order queued. The threads live as long as the pool, so each keeps
/// its own thread-local state (a worker's Searcher) from job to job.
class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> job);
  /// Runs the jobs already queued, then joins the threads; safe to call more than once.
  void shutdown();
  std::size_t size() const { return threads_.size(); }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace fynd::http
