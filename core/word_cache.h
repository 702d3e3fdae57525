/** WordCache: a bounded, thread-safe memo table from a word to what analysis found out about it. */
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "word_map.h"

namespace fynd {

/// Hash that accepts std::string_view lookups into string-keyed maps.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Word -> V, shared by threads. The words are spread over kShards tables by hash, each
/// with its own lock (readers share it), so the indexer's preparing threads, which look
/// words up all the time and add the new ones, seldom wait for each other: with one lock,
/// every first sight of a word stopped the other threads' look-ups. When a table holds
/// its share of `max_entries` words it starts over, so a huge corpus cannot grow memory
/// without limit. A cache only saves work: what it holds never changes a result.
template <typename V>
class WordCache {
 public:
  static constexpr std::size_t kShards = 16;

  explicit WordCache(std::size_t max_entries = std::size_t{1} << 20)
      : max_per_shard_(max_entries / kShards == 0 ? 1 : max_entries / kShards) {}

  std::optional<V> get(std::string_view word) const {
    const Shard& shard = shard_of(word);
    std::shared_lock lock(shard.mutex);
    const V* v = shard.map.find(word);
    if (v == nullptr) return std::nullopt;
    return *v;
  }

  void put(std::string_view word, V value) {
    Shard& shard = shard_of(word);
    std::unique_lock lock(shard.mutex);
    if (shard.map.size() >= max_per_shard_) shard.map.clear();
    shard.map.assign(word, std::move(value));
  }

  /// Words held, over all tables.
  std::size_t size() const {
    std::size_t n = 0;
    for (const Shard& shard : shards_) {
      std::shared_lock lock(shard.mutex);
      n += shard.map.size();
    }
    return n;
  }

 private:
  struct alignas(64) Shard {  // one cache line each: the locks do not share one
    mutable std::shared_mutex mutex;
    WordMap<V> map;
  };

  static std::size_t shard_index(std::string_view word) {
    const std::size_t h = WordHash{}(word);
    return (h ^ (h >> 29)) % kShards;  // high bits too: the tables' buckets use the low ones
  }
  const Shard& shard_of(std::string_view word) const { return shards_[shard_index(word)]; }
  Shard& shard_of(std::string_view word) { return shards_[shard_index(word)]; }

  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace fynd
