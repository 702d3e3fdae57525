#include "searcher_pool.h"

#include <atomic>
#include <ctime>
#include <memory>
#include <unordered_map>

#include "error.h"
#include "schema.h"

namespace fynd::http {
namespace {

std::atomic<std::uint64_t> next_pool_id{1};

/// Seconds since the epoch of "2026-11-22T10:00:00Z", "2026-11-22 10:00:00" or a plain
/// number of seconds; nullopt otherwise.
std::optional<std::time_t> parse_time(const std::string& s) {
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789") == std::string::npos && s.size() < 15) {
    return static_cast<std::time_t>(std::stoll(s));
  }
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, min = 0, sec = 0;
  char sep = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%c%d:%d:%d", &year, &month, &day, &sep, &hour, &min, &sec) < 6) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  return timegm(&tm);
}

}  // namespace

struct SearcherPool::Slot {
  std::unique_ptr<Searcher> searcher;
  std::unique_ptr<Suggester> suggester;
  std::chrono::steady_clock::time_point checked;
};

namespace {
thread_local std::unordered_map<std::uint64_t, std::shared_ptr<void>> tls_slots;
}

SearcherPool::SearcherPool(std::filesystem::path db_dir, std::chrono::milliseconds check_interval)
    : db_dir_(std::move(db_dir)), check_interval_(check_interval), id_(next_pool_id++) {}

SearcherPool::~SearcherPool() = default;

SearcherPool::Slot& SearcherPool::slot() {
  auto& entry = tls_slots[id_];
  if (!entry) entry = std::make_shared<Slot>();
  return *static_cast<Slot*>(entry.get());
}

Searcher& SearcherPool::searcher() {
  Slot& s = slot();
  auto now = std::chrono::steady_clock::now();
  if (!s.searcher) {
    s.suggester.reset();
    s.searcher = std::make_unique<Searcher>(db_dir_);  // throws IndexError
    s.checked = now;
  } else if (now - s.checked >= check_interval_) {
    s.checked = now;
    try {
      s.searcher->reopen();
    } catch (const std::exception&) {
      // Replaced or damaged underneath us: open afresh (throws IndexError if it cannot).
      s.suggester.reset();
      s.searcher.reset();
      s.searcher = std::make_unique<Searcher>(db_dir_);
    }
  }
  return *s.searcher;
}

Suggester& SearcherPool::suggester() {
  Searcher& searcher_ref = searcher();
  Slot& s = slot();
  if (!s.suggester) s.suggester = std::make_unique<Suggester>(searcher_ref);
  return *s.suggester;
}

IndexStatus SearcherPool::status() {
  Searcher& s = searcher();
  IndexStatus st;
  st.documents = s.document_count();
  const Xapian::Database& db = s.database();
  st.indexed_at = db.get_metadata(std::string(Schema::kMetaIndexedAt));
  if (auto t = parse_time(st.indexed_at)) st.age_seconds = std::difftime(std::time(nullptr), *t);
  st.shards = s.shards();
  try {
    st.revision = std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
  }
  return st;
}

}  // namespace fynd::http
