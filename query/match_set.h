/** MatchSet: the exact set of documents a query matches, read from posting lists without weights. */
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fynd {

/// The documents a Xapian::Query matches, as a bitmap over docids 1..get_lastdocid().
///
/// evaluate() walks the query tree and combines posting lists (docids only: no weights,
/// no Documents): a term is its posting list, OR/SYNONYM/MAX the union, AND/FILTER the
/// intersection, AND_NOT the first less the others, AND_MAYBE its first subquery,
/// SCALE_WEIGHT its subquery, XOR the odd-count set, MatchAll every document. PHRASE,
/// NEAR, value ranges, wildcards, ELITE_SET and posting sources are matched by a BoolWeight
/// Xapian pass over just that subquery, which is exact by construction. An operator it
/// does not know makes evaluate() return nullopt, never a wrong set.
///
/// Over several local shards the docids are those of the combined database (what
/// postlist_begin and an MSet over it give), which FacetColumn uses too.
class MatchSet {
 public:
  /// The documents `query` matches in `db`, or nullopt for an operator it cannot evaluate.
  ///
  /// `revision`: what identifies the content `db` shows (FacetColumn::revision_key of a
  /// read-only handle on one database, whose content is fixed until it is re-opened), or
  /// null. With it, a union of terms learns which of its terms hold only documents of its
  /// largest term (a word's exact form is one of its stem's, by how the index is written),
  /// checked on the postings the first time, and from then on, for that revision, does
  /// not read their posting lists: the set is the same, from less reading.
  static std::optional<MatchSet> evaluate(const Xapian::Database& db, const Xapian::Query& query,
                                          const std::string* revision = nullptr);

  /// How many facts about terms the unions have learned for `revision` (for tests and
  /// diagnostics).
  static std::size_t learned_facts(const std::string& revision);

  /// The number of matching documents (exact).
  Xapian::doccount size() const { return count_; }
  bool contains(Xapian::docid did) const {
    const std::size_t w = did >> 6;
    return w < words_.size() && ((words_[w] >> (did & 63)) & 1) != 0;
  }
  /// Calls `f(docid)` for every matching document, in ascending docid order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        f(static_cast<Xapian::docid>((w << 6) | static_cast<unsigned>(std::countr_zero(bits))));
      }
    }
  }
  /// The matching docids in ascending order.
  std::vector<Xapian::docid> docids() const;

  /// The bitmap words: bit (docid & 63) of word (docid >> 6).
  using Words = std::vector<std::uint64_t>;

 private:
  explicit MatchSet(Words words);

  Words words_;
  Xapian::doccount count_ = 0;
};

}  // namespace fynd
