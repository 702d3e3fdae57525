/** FacetCounter: exact multi-select facet counts (funder, region, year, theme) of a search. */
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "facet_column.h"
#include "facet_count_spy.h"
#include "match_set.h"
#include "query_builder.h"
#include "search_request.h"

namespace fynd {

/// How facets are counted.
enum class FacetCounting {
  Column,      ///< from the FacetColumn: a few ns per match, multi-select in one walk (local shards)
  SlotCounts,  ///< Xapian::ValueCountMatchSpy on the facet slots, split here (works on remote shards)
};

/// Counts the facets a request asks for over its whole matching set.
///
/// Multi-select: a facet with selected values (request.filters) is counted with the query
/// filtered by every *other* facet, so its counts show what selecting one more value would
/// add. Selected values always appear, with count 0 if nothing matches. Order: count
/// descending, then value; years ascending.
///
/// With a column: without selections the counts come from the search's MatchSet, or from
/// the main run (attach()); with selections from one walk over the MatchSet of the query
/// with all facet selections left out, each match checked against the selections' docid
/// bitmaps (FacetCountSpy). A query MatchSet cannot evaluate is walked by a BoolWeight
/// pass instead. Without a column (SlotCounts): ValueCountMatchSpy on the main run for
/// unselected facets and one extra pass per selected facet.
class FacetCounter {
 public:
  /// `column` null: count with FacetCounting::SlotCounts.
  FacetCounter(const Xapian::Database& db, const QueryBuilder& builder, const SearchRequest& request,
               const Xapian::Query& text_query, std::shared_ptr<const FacetColumn> column = nullptr);

  /// Registers what can count on the main run, which must look at every match
  /// (check_at_least = document count).
  void attach(Xapian::Enquire& main_run);

  /// Runs the remaining passes and returns the counts. `matches`: the exact set of the
  /// search's query (text and every filter), when the caller has it and did not attach().
  std::map<Facet, std::vector<FacetValue>> result(const MatchSet* matches = nullptr);

  /// True when result(matches) reads nothing but the column and `matches` (a column, no
  /// selection): it may then run on another thread than the database's.
  bool counts_set_only() const { return column_ != nullptr && !any_selection_ && !facets_.empty(); }

  /// With a column and a selection, the query whose matches result() walks for the
  /// selected facets (the search's, without its facet selections); else nullopt.
  std::optional<Xapian::Query> multi_select_query() const;
  /// The set of multi_select_query(), built elsewhere (on another handle of the same
  /// revision): result() then walks it instead of building it.
  void use_multi_select_set(MatchSet set) { multi_select_set_ = std::move(set); }
  /// The revision key the match sets built here may learn facts about (MatchSet::evaluate).
  void set_revision(const std::string* revision) { revision_ = revision; }

  /// True if the request selects values of `facet`.
  static bool has_selection(const SearchRequest& request, Facet facet);

 private:
  std::vector<FacetValue> values(Facet facet, const FacetTally& counts) const;
  std::map<Facet, std::vector<FacetValue>> column_result(const MatchSet* matches);
  std::map<Facet, std::vector<FacetValue>> slot_result();
  /// The documents that pass one facet's selection, by docid.
  std::vector<std::uint8_t> selection_bitmap(Facet facet) const;
  /// The query with the non-facet filters only (ranges, kind).
  Xapian::Query relaxed_query() const;
  void run_pass(const Xapian::Query& query, const std::vector<Xapian::MatchSpy*>& spies) const;
  /// Feeds every match of `query` to main_spy_ (MatchSet, else a BoolWeight walk).
  void count_matches(const Xapian::Query& query);

  const Xapian::Database& db_;
  const QueryBuilder& builder_;
  const SearchRequest& request_;
  Xapian::Query text_query_;
  std::shared_ptr<const FacetColumn> column_;
  std::vector<Facet> facets_;  ///< asked for, no duplicates
  bool any_selection_ = false;
  /// Column mode, no selection, one database: the spy on the main run.
  std::unique_ptr<FacetCountSpy> main_spy_;
  /// Column mode with the search's MatchSet: the unselected facets, counted over it.
  std::unique_ptr<FacetCountSpy> unselected_spy_;
  /// SlotCounts mode: the unselected facets' spies on the main run.
  std::map<Facet, std::unique_ptr<Xapian::ValueCountMatchSpy>> shared_;
  bool attached_ = false;
  std::optional<MatchSet> multi_select_set_;  ///< see use_multi_select_set()
  const std::string* revision_ = nullptr;     ///< see set_revision()
};

}  // namespace fynd
