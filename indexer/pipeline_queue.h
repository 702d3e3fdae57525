/** PipelineQueue: a bounded, closable first-in first-out queue between pipeline threads. */
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace fynd {

/// Many producers, many consumers. push() waits while the queue holds `capacity` items,
/// so a fast producer cannot run ahead of its consumers without bound; pop() waits for
/// an item and returns nothing once the queue is closed and empty.
template <typename T>
class PipelineQueue {
 public:
  explicit PipelineQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// Adds an item, waiting for room; returns false (dropping it) if the queue is closed.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  /// The oldest item, waiting for one; nothing once closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  /// No more items: consumers drain what is left, producers' pushes fail.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace fynd
