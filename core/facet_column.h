/** FacetColumn: each document's facet values as small integer ids, for counting without reading strings. */
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema.h"

namespace fynd {

/// Built once per database revision from the facet value slots (core/facet_values.h) and
/// then shared read-only by every thread that searches that revision.
///
/// Per facet, the distinct values get ids 0..n-1 (the case-folded key that the facet's
/// boolean term matches, and the first display form in docid order). Many documents hold
/// exactly the same values (one funder, the same run of years, a kommun with its län and
/// area), so documents point at a *value set* and the sets hold the ids:
///
///     docid -> set id (0: no values)     set id -> [value id, …]   (CSR)
///
/// Counting a match is then one array read and one increment per facet, whatever the
/// number of values; the sets are expanded into value counts once, after the match.
class FacetColumn {
 public:
  using ValueId = std::uint32_t;
  using SetId = std::uint32_t;

  /// One facet's part of the column.
  struct Column {
    std::vector<std::string> keys;      ///< value id -> case-folded value
    std::vector<std::string> displays;  ///< value id -> display form
    std::vector<SetId> doc_set;         ///< docid -> value set (index 0 unused)
    std::vector<std::uint32_t> set_start;  ///< set id -> first position in set_values; one more entry at the end
    std::vector<ValueId> set_values;

    SetId set_of(Xapian::docid did) const { return did < doc_set.size() ? doc_set[did] : 0; }
    std::size_t set_count() const { return set_start.size() - 1; }
  };

  /// Reads every facet slot of `db` (local shards only: it walks the value streams).
  static FacetColumn build(const Xapian::Database& db);
  /// The column of `db`'s current revision, built on first use and shared by all callers
  /// asking for the same revision; callers that arrive while it is being built wait for it.
  static std::shared_ptr<const FacetColumn> shared(const Xapian::Database& db);
  /// What identifies a database revision for shared(): uuid and revision, or for several
  /// shards the uuids, document count, last docid and total length.
  static std::string revision_key(const Xapian::Database& db);

  const Column& column(Facet f) const { return columns_[static_cast<std::size_t>(f)]; }
  /// Bytes held by the arrays and strings (for the docs and /health).
  std::size_t memory_bytes() const;
  /// Milliseconds build() took.
  double build_ms() const { return build_ms_; }

 private:
  std::array<Column, kAllFacets.size()> columns_;
  double build_ms_ = 0;
};

}  // namespace fynd
