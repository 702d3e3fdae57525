#include "searcher.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <system_error>
#include <thread>

#include "error.h"
#include "facet_counter.h"
#include "hit_decoder.h"
#include "index_source.h"
#include "match_set.h"
#include "query_builder.h"
#include "schema.h"
#include "snippeter.h"
#include "relaxed_query.h"
#include "spelling.h"

namespace fynd {
namespace {

Project decode_project(const Xapian::Document& doc) {
  const std::string data = doc.get_data();
  try {
    return nlohmann::json::parse(data).get<Project>();
  } catch (const nlohmann::json::exception& e) {
    throw IndexError(std::string("a stored project record is damaged: ") + e.what());
  }
}

/// The stored record of a hit without its evidence (most of the record's bytes, and no
/// hit shows it; get() returns it whole): read in one SAX pass, the evidence skipped.
Project decode_hit(const Xapian::Document& doc) { return decode_hit_record(doc.get_data()); }

/// Searches running in this process, to tell whether a core is free for a search's
/// second thread: when every core runs a search of its own, a second thread would only
/// take turns with them.
std::atomic<unsigned> g_running{0};

struct Running {
  Running() { g_running.fetch_add(1, std::memory_order_relaxed); }
  ~Running() { g_running.fetch_sub(1, std::memory_order_relaxed); }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;
};

bool core_to_spare() {
  static const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return g_running.load(std::memory_order_relaxed) < cores;
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& db_dir) : Searcher(IndexSource(db_dir)) {}

Searcher::Searcher(const IndexSource& source)
    : source_(source),
      dir_(source.path()),
      shards_(source.shards()),
      remote_(source.has_remote()),
      db_(source.open()),
      // A stock xapian-tcpsrv runs only Xapian's built-in match spies.
      facet_counting_(remote_ ? FacetCounting::SlotCounts : FacetCounting::Column) {}

SearchResult Searcher::search(const SearchRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  const Running running;
  if (request.limit > 10000) throw QueryError("limit: at most 10000 hits a page");
  const QueryBuilder builder(analyzer_, &db_);
  // Filter values as typed (ESF, Värmland) become the canonical values they select.
  SearchRequest resolved = request;
  std::vector<FilterSuggestion> unresolved = builder.resolver().resolve_filters(resolved);
  const ParsedQuery parsed = builder.parse(request.query);
  unresolved.insert(unresolved.end(), parsed.filter_suggestions.begin(), parsed.filter_suggestions.end());
  const std::optional<Xapian::Query> filter = builder.filter(resolved);
  const Xapian::Query query = QueryBuilder::apply_filter(parsed.query, filter);
  // The values the query text's fields select are marked selected in the facets too.
  SearchRequest counted = resolved;
  for (const auto& [facet, values] : parsed.field_selections) {
    auto& list = counted.filters[facet];
    for (const std::string& v : values) {
      if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
    }
  }

  SearchResult result;
  result.query = request.query;
  result.filter_suggestions = unresolved;
  const Xapian::doccount doc_count = db_.get_doccount();
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  // BM25 with k1 = 1.2 and stronger length normalisation (b = 0.75, Xapian's default is
  // 0.5): a long "describe my idea" query should find the closest projects, not the
  // longest texts (tests/relevance: nDCG@10 0.766 -> 0.785).
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  Xapian::MultiValueKeyMaker keys;
  const std::string kMissingLast = "\xff";
  switch (request.sort) {
    case SortOrder::Relevance: break;
    case SortOrder::StartYear: keys.add_value(Schema::kSlotStartYear, false, kMissingLast); break;
    case SortOrder::StartYearDesc: keys.add_value(Schema::kSlotStartYear, true); break;
    case SortOrder::Budget: keys.add_value(Schema::kSlotBudget, false, kMissingLast); break;
    case SortOrder::BudgetDesc: keys.add_value(Schema::kSlotBudget, true); break;
  }
  if (request.sort != SortOrder::Relevance && remote_) {
    // Xapian's remote backend cannot run a KeyMaker: sort by the value itself, where a
    // project without one sorts first in ascending order (docs/shards.md).
    const bool budget = request.sort == SortOrder::Budget || request.sort == SortOrder::BudgetDesc;
    const bool descending = request.sort == SortOrder::BudgetDesc || request.sort == SortOrder::StartYearDesc;
    enquire.set_sort_by_value_then_relevance(budget ? Schema::kSlotBudget : Schema::kSlotStartYear, descending);
  } else if (request.sort != SortOrder::Relevance) {
    enquire.set_sort_by_key_then_relevance(&keys, false);
  }
  FacetCounter facets(db_, builder, counted, parsed.query,
                      request.facets.empty() ? nullptr : facet_column());
  facets.set_revision(revision());
  // On a local index the exact set of matches comes from the posting lists (MatchSet):
  // the total and the facets are counted over it, and the ranking run weighs only what
  // can enter the page. Remote shards (and SlotCounts) keep one run over every match.
  // With a second handle on the same revision and a core that runs no other search, the
  // set is built on a thread of its own while this one ranks, decodes and snips the page;
  // the query goes over as a copy of its own (Xapian's query trees are not shared between
  // threads).
  const bool by_set = !remote_ && facet_counting_ == FacetCounting::Column;
  std::optional<MatchSet> matches;
  // The set and, when they need nothing else (no selection), the facets counted over it.
  struct SetAndFacets {
    std::optional<MatchSet> set;
    std::optional<std::map<Facet, std::vector<FacetValue>>> facets;
    std::optional<MatchSet> multi_select;  ///< FacetCounter::multi_select_query()'s set
  };
  std::future<SetAndFacets> pending;
  if (by_set) {
    const Xapian::Database* set_db = core_to_spare() ? set_database() : nullptr;
    if (set_db != nullptr) {
      const bool count_there = !request.facets.empty() && facets.counts_set_only();
      // With a selection, the set the selected facets are counted over is built there too.
      const std::optional<Xapian::Query> multi = request.facets.empty() ? std::nullopt : facets.multi_select_query();
      try {
        pending = std::async(std::launch::async, [set_db, serialised = query.serialise(), rev = revision(), count_there,
                                                  multi_serialised = multi ? multi->serialise() : std::string(),
                                                  has_multi = multi.has_value(), &facets] {
          SetAndFacets out;
          out.set = MatchSet::evaluate(*set_db, Xapian::Query::unserialise(serialised), rev);
          if (out.set && count_there) out.facets = facets.result(&*out.set);
          if (out.set && has_multi) out.multi_select = MatchSet::evaluate(*set_db, Xapian::Query::unserialise(multi_serialised), rev);
          return out;
        });
      } catch (const std::system_error&) {
        set_db = nullptr;  // no thread to be had (a process or memory limit): build it here
      }
    }
    if (set_db == nullptr) {
      matches = MatchSet::evaluate(db_, query, revision());
    }
  }
  const auto first = static_cast<Xapian::doccount>(request.offset);
  const auto page = static_cast<Xapian::doccount>(request.limit);
  // Without a set (or if the set cannot be built), one run over every match counts them.
  auto full_run = [&] {
    // Over remote shards a sorted main run reports some matches twice to the servers' spies:
    // count in a pass of its own there.
    if (!request.facets.empty() && !(remote_ && request.sort != SortOrder::Relevance)) facets.attach(enquire);
    return enquire.get_mset(first, page, doc_count);
  };
  const Snippeter snippeter(analyzer_, parsed, &snippet_words_);
  auto page_hits = [&](const Xapian::MSet& mset) {
    result.hits.clear();
    std::uint32_t rank = static_cast<std::uint32_t>(request.offset);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.project = decode_hit(it.get_document());
      hit.id = hit.project.id;
      hit.rank = ++rank;
      hit.weight = it.get_weight();
      hit.score = parsed.blank ? 0 : it.get_percent();
      if (request.snippets) {
        const std::string& body = hit.project.text.empty() ? hit.project.title : hit.project.text;
        hit.snippet = snippeter.snippet(body);
      }
      result.hits.push_back(std::move(hit));
    }
  };
  Xapian::MSet mset = by_set ? enquire.get_mset(first, page, first + page) : full_run();
  page_hits(mset);
  std::optional<std::map<Facet, std::vector<FacetValue>>> counted_there;
  if (pending.valid()) {
    SetAndFacets done = pending.get();
    matches = std::move(done.set);
    counted_there = std::move(done.facets);
    if (done.multi_select) facets.use_multi_select_set(std::move(*done.multi_select));
  }
  if (by_set && !matches) {  // an operator MatchSet does not know: weigh every match
    mset = full_run();
    page_hits(mset);
  }
  result.total = matches ? matches->size() : mset.get_matches_estimated();
  if (counted_there) {
    result.facets = std::move(*counted_there);
  } else if (!request.facets.empty()) {
    result.facets = facets.result(matches ? &*matches : nullptr);
  }
  // Few or no hits: search the spelling-corrected query instead ("Menade du: …"), and
  // several plain words as any of them rather than all.
  if (request.spelling && !parsed.blank && result.total < SpellingCorrector::kFewHits && request.offset == 0) {
    const std::optional<std::string> corrected = SpellingCorrector(db_, analyzer_).correct_query(request.query);
    SearchRequest retry = resolved;
    if (corrected) retry.query = *corrected;
    if (auto relaxed = or_relaxed(retry.query)) retry.query = *relaxed;
    retry.spelling = false;  // one retry, never a chain of them
    if (retry.query != request.query) {
      SearchResult better = search(retry);
      if (better.total > result.total) {
        if (!corrected) {
          // Only relaxed: the projects with all the words stay first.
          std::vector<Hit> hits = std::move(result.hits);
          for (Hit& h : better.hits) {
            const bool seen = std::any_of(hits.begin(), hits.end(), [&](const Hit& x) { return x.id == h.id; });
            if (!seen && hits.size() < request.limit) hits.push_back(std::move(h));
          }
          for (std::size_t i = 0; i < hits.size(); ++i) hits[i].rank = static_cast<std::uint32_t>(i + 1);
          better.hits = std::move(hits);
        }
        better.query = request.query;
        better.suggestion = corrected;
        better.filter_suggestions = result.filter_suggestions;
        // Both searches: the first run's and the retry's.
        better.took_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return better;
      }
    }
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::optional<Project> Searcher::get(std::string_view id) const {
  const std::string term = Schema::id_term(id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  return decode_project(db_.get_document(*it));
}

std::shared_ptr<const FacetColumn> Searcher::facet_column() const {
  if (facet_counting_ != FacetCounting::Column) return nullptr;
  if (!column_) column_ = FacetColumn::shared(db_);
  return column_;
}

const std::string* Searcher::revision() const {
  if (!revision_) revision_ = db_.size() == 1 ? FacetColumn::revision_key(db_) : std::string();
  return revision_->empty() ? nullptr : &*revision_;
}

const Xapian::Database* Searcher::set_database() const {
  if (!set_db_tried_) {
    set_db_tried_ = true;
    set_db_.reset();
    // One local database only: the revision of a combined handle of several is not
    // known, and the docids of both handles must be those of one revision.
    if (!remote_ && db_.size() == 1) {
      try {
        Xapian::Database other = source_.open();
        if (other.size() == 1 && other.get_uuid() == db_.get_uuid() && other.get_revision() == db_.get_revision()) {
          set_db_ = std::move(other);
        }
      } catch (const std::exception&) {
        // No second handle: the set is built on this thread, as it always could be.
      } catch (const Xapian::Error&) {
      }
    }
  }
  return set_db_ ? &*set_db_ : nullptr;
}

bool Searcher::reopen() {
  try {
    const bool changed = db_.reopen();
    if (changed) {
      column_.reset();
      set_db_.reset();
      set_db_tried_ = false;
      revision_.reset();
    }
    return changed;
  } catch (const Xapian::Error& e) {  // damaged, or a remote shard gone (NetworkError)
    throw IndexError("could not re-open the index at '" + dir_.string() + "': " + e.get_msg());
  }
}

std::uint64_t Searcher::document_count() const { return db_.get_doccount(); }

}  // namespace fynd
