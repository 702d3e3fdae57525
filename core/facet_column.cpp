#include "facet_column.h"

#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <unordered_map>

#include "text.h"
#include "word_cache.h"

namespace fynd {
namespace {

FacetColumn::Column build_column(const Xapian::Database& db, Facet facet) {
  FacetColumn::Column col;
  col.doc_set.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  col.set_start = {0, 0};  // set 0: no values
  std::unordered_map<std::string, FacetColumn::SetId, WordHash, std::equal_to<>> set_of_slot;
  std::unordered_map<std::string, FacetColumn::ValueId, WordHash, std::equal_to<>> id_of_key;
  std::unordered_map<std::string, FacetColumn::ValueId, WordHash, std::equal_to<>> id_of_display;
  const Xapian::valueno slot = Schema::facet_slot(facet);
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const std::string content = *it;
    if (content.empty()) continue;
    auto found = set_of_slot.find(std::string_view(content));
    if (found == set_of_slot.end()) {
      // Split as FacetCountSpy always did: '\n'-separated, trimmed, case-folded, each
      // key once per document.
      const std::size_t first = col.set_values.size();
      std::size_t start = 0;
      while (start < content.size()) {
        std::size_t nl = content.find('\n', start);
        if (nl == std::string::npos) nl = content.size();
        const std::string_view value = std::string_view(content).substr(start, nl - start);
        start = nl + 1;
        if (value.empty()) continue;
        auto d = id_of_display.find(value);
        if (d == id_of_display.end()) {
          const std::string key = text::fold_case(text::trim(value));
          FacetColumn::ValueId id = 0;
          if (key.empty()) {
            id = UINT32_MAX;
          } else if (auto k = id_of_key.find(key); k != id_of_key.end()) {
            id = k->second;
          } else {
            id = static_cast<FacetColumn::ValueId>(col.keys.size());
            col.keys.push_back(key);
            col.displays.emplace_back(value);
            id_of_key.emplace(key, id);
          }
          d = id_of_display.emplace(std::string(value), id).first;
        }
        const FacetColumn::ValueId id = d->second;
        if (id == UINT32_MAX) continue;
        bool dup = false;
        for (std::size_t i = first; i < col.set_values.size() && !dup; ++i) dup = col.set_values[i] == id;
        if (!dup) col.set_values.push_back(id);
      }
      FacetColumn::SetId set = 0;
      if (col.set_values.size() > first) {
        set = static_cast<FacetColumn::SetId>(col.set_start.size() - 1);
        col.set_start.push_back(static_cast<std::uint32_t>(col.set_values.size()));
      }
      found = set_of_slot.emplace(content, set).first;
    }
    const Xapian::docid did = it.get_docid();
    if (did < col.doc_set.size()) col.doc_set[did] = found->second;
  }
  return col;
}

}  // namespace

FacetColumn FacetColumn::build(const Xapian::Database& db) {
  const auto started = std::chrono::steady_clock::now();
  FacetColumn out;
  for (Facet f : kAllFacets) out.columns_[static_cast<std::size_t>(f)] = build_column(db, f);
  out.build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return out;
}

std::string FacetColumn::revision_key(const Xapian::Database& db) {
  std::string key = db.get_uuid();
  if (db.size() == 1) {
    key += "@" + std::to_string(db.get_revision());
  } else {
    // No per-shard revision through a combined handle: any commit changes at least one of these.
    key += "@" + std::to_string(db.get_doccount()) + "/" + std::to_string(db.get_lastdocid()) + "/" +
           std::to_string(db.get_total_length());
  }
  return key;
}

std::shared_ptr<const FacetColumn> FacetColumn::shared(const Xapian::Database& db) {
  using Ready = std::shared_future<std::shared_ptr<const FacetColumn>>;
  static std::mutex mutex;
  static std::deque<std::pair<std::string, Ready>> cache;  // newest last; a few revisions
  constexpr std::size_t kKept = 2;
  const std::string key = revision_key(db);
  Ready ready;
  std::promise<std::shared_ptr<const FacetColumn>> promise;
  bool build_here = false;
  {
    std::lock_guard lock(mutex);
    for (const auto& [k, r] : cache) {
      if (k == key) ready = r;
    }
    if (!ready.valid()) {
      ready = promise.get_future().share();
      cache.emplace_back(key, ready);
      while (cache.size() > kKept) cache.pop_front();
      build_here = true;
    }
  }
  if (build_here) {
    try {
      promise.set_value(std::make_shared<const FacetColumn>(build(db)));
    } catch (...) {
      promise.set_exception(std::current_exception());
      std::lock_guard lock(mutex);
      std::erase_if(cache, [&](const auto& e) { return e.first == key; });
    }
  }
  return ready.get();
}

std::size_t FacetColumn::memory_bytes() const {
  std::size_t bytes = sizeof(*this);
  for (const Column& c : columns_) {
    bytes += c.doc_set.capacity() * sizeof(SetId) + c.set_start.capacity() * sizeof(std::uint32_t) +
             c.set_values.capacity() * sizeof(ValueId);
    for (const auto& s : c.keys) bytes += sizeof(s) + s.capacity();
    for (const auto& s : c.displays) bytes += sizeof(s) + s.capacity();
  }
  return bytes;
}

}  // namespace fynd
