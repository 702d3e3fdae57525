/** WordMap: a compact open-addressing hash table from a word to a value, for memo tables. */
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fynd {

/// Word -> V for tables looked up once per word of every text (analysis and theme memos).
/// std::unordered_map keeps each entry in a node of its own and, with a hash it takes to
/// be cheap, hashes the keys of a bucket again while it walks it; here a look-up reads one
/// array of (hash, index) slots, probed linearly, and compares a key only when its whole
/// 64-bit hash is equal. Entries live in one vector in insertion order: an insert may move
/// them, so a pointer from find() or insert() holds until the next insert. Not
/// thread-safe; no erase (clear() empties it).
template <typename V>
class WordMap {
 public:
  using Entry = std::pair<std::string, V>;

  /// The entry (word, value) of `word`, or nullptr.
  const Entry* find_entry(std::string_view word) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t h = hash(word);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == 0) return nullptr;
      if (s.hash == h && entries_[s.index - 1].first == word) return &entries_[s.index - 1];
    }
  }
  Entry* find_entry(std::string_view word) { return const_cast<Entry*>(std::as_const(*this).find_entry(word)); }

  /// The value of `word`, or nullptr.
  const V* find(std::string_view word) const {
    const Entry* e = find_entry(word);
    return e == nullptr ? nullptr : &e->second;
  }
  V* find(std::string_view word) { return const_cast<V*>(std::as_const(*this).find(word)); }

  /// Adds `word` (which must not be in the table) and returns its entry.
  Entry& insert_entry(std::string_view word, V value) {
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) grow();
    const std::uint64_t h = hash(word);
    entries_.emplace_back(std::string(word), std::move(value));
    place(h, static_cast<std::uint32_t>(entries_.size()));
    return entries_.back();
  }
  /// Adds `word` (which must not be in the table) and returns its value.
  V& insert(std::string_view word, V value) { return insert_entry(word, std::move(value)).second; }

  /// The value of `word`, added as V() if it is not there.
  V& operator[](std::string_view word) {
    if (V* v = find(word)) return *v;
    return insert(word, V());
  }

  /// Makes room for `n` entries without growing.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    while (n * 4 > slots_.size() * 3) grow();
  }

  /// Sets the value of `word`, adding it if need be.
  void assign(std::string_view word, V value) {
    if (V* v = find(word)) {
      *v = std::move(value);
    } else {
      insert(word, std::move(value));
    }
  }

  std::size_t size() const { return entries_.size(); }
  void clear() {
    entries_.clear();
    slots_.clear();
    mask_ = 0;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = 0;  ///< 1 + the entry's place in entries_; 0: empty
  };

  static std::uint64_t hash(std::string_view word) { return std::hash<std::string_view>{}(word); }

  void place(std::uint64_t h, std::uint32_t index) {
    std::size_t i = h & mask_;
    while (slots_[i].index != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{h, index};
  }

  void grow() {
    const std::size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    std::vector<Slot> old(n, Slot{});
    old.swap(slots_);
    mask_ = n - 1;
    for (const Slot& s : old) {
      if (s.index != 0) place(s.hash, s.index);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<std::pair<std::string, V>> entries_;
};

/// A per-thread memo table that belongs to one owner at a time, told apart by a number (an
/// Extractor's id, never reused; an Analyzer's fingerprint of what its answers depend
/// on): of() empties it when another owner uses
/// it on the same thread, or when it holds `max_words` (words of free text are not a
/// closed set), and gives the table. Declare it `thread_local`.
template <typename V>
class OwnedWordMemo {
 public:
  WordMap<V>& of(std::uint64_t owner, std::size_t max_words) {
    if (owner_ != owner || words_.size() >= max_words) {
      words_.clear();
      owner_ = owner;
    }
    return words_;
  }

 private:
  std::uint64_t owner_ = 0;
  WordMap<V> words_;
};

}  // namespace fynd
