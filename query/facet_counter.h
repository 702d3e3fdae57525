/** FacetCounter: exact multi-select facet counts (funder, region, year, theme) of a search. */
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "facet_count_spy.h"
#include "query_builder.h"
#include "search_request.h"

namespace fynd {

/// Counts the facets a request asks for over its whole matching set.
///
/// Multi-select: a facet with selected values (request.filters) is counted with the query
/// filtered by every *other* facet, so its counts show what selecting one more value would
/// add; that is one extra pass per such facet. Facets without a selection share the spies
/// of one pass, normally the main search run (attach()). Selected values always appear,
/// with count 0 if nothing matches. Order: count descending, then value; years ascending.
class FacetCounter {
 public:
  /// FacetSpy: fynd's FacetCountSpy, in this process. ServerSide: Xapian's built-in
  /// ValueCountMatchSpy, which a stock xapian-tcpsrv runs on its shard (for indexes with
  /// remote shards); its whole slot strings are split into values here.
  enum class Mode { FacetSpy, ServerSide };

  FacetCounter(const Xapian::Database& db, const QueryBuilder& builder, const SearchRequest& request,
               const Xapian::Query& text_query, Mode mode = Mode::FacetSpy);

  /// Registers the spies of the unselected facets on the main run, which must look at
  /// every match (check_at_least = document count).
  void attach(Xapian::Enquire& main_run);

  /// Runs the remaining passes and returns the counts.
  std::map<Facet, std::vector<FacetValue>> result();

  /// True if the request selects values of `facet`.
  static bool has_selection(const SearchRequest& request, Facet facet);

 private:
  using Counts = std::unordered_map<std::string, FacetCountSpy::Entry>;
  std::vector<FacetValue> values(Facet facet, const Counts& counts) const;
  void run_pass(const Xapian::Query& query, const std::vector<Xapian::MatchSpy*>& spies) const;

  const Xapian::Database& db_;
  const QueryBuilder& builder_;
  const SearchRequest& request_;
  Xapian::Query text_query_;
  std::vector<Facet> facets_;                                  ///< asked for, no duplicates
  Mode mode_;
  std::map<Facet, std::unique_ptr<FacetCountSpy>> shared_;     ///< unselected facets
  std::map<Facet, std::unique_ptr<Xapian::ValueCountMatchSpy>> server_shared_;  ///< the same, Mode::ServerSide
  bool attached_ = false;
};

}  // namespace fynd
