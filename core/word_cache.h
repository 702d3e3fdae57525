/** WordCache: a bounded, thread-safe memo table from a word to what analysis found out about it. */
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fynd {

/// Hash that accepts std::string_view lookups into string-keyed maps.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Word -> V, shared by threads (readers share a lock). When it holds `max_entries`
/// words it starts over, so a huge corpus cannot grow memory without limit.
template <typename V>
class WordCache {
 public:
  explicit WordCache(std::size_t max_entries = std::size_t{1} << 20) : max_entries_(max_entries) {}

  std::optional<V> get(std::string_view word) const {
    std::shared_lock lock(mutex_);
    auto it = map_.find(word);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

  void put(std::string_view word, V value) {
    std::unique_lock lock(mutex_);
    if (map_.size() >= max_entries_) map_.clear();
    map_.insert_or_assign(std::string(word), std::move(value));
  }

 private:
  std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, V, WordHash, std::equal_to<>> map_;
};

}  // namespace fynd
