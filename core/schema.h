/** The single table of Xapian term prefixes, value slots and facets used by fynd. */
#pragma once

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace fynd {

/// The facets a search can be filtered and counted by.
enum class Facet { Funder, Region, Year, Theme };

inline constexpr std::array<Facet, 4> kAllFacets = {Facet::Funder, Facet::Region, Facet::Year,
                                                    Facet::Theme};

/// Term prefixes and value slots. Nothing else in fynd spells a prefix or a slot number.
///
/// Free text follows Xapian's convention: lowercase words with positions, stems under
/// `Z` without positions. Title words are also indexed under `S` (with positions), so
/// `title:` searches only titles. A compound's parts go under `ZP` ("ZPmarknad" for
/// "arbetsmarknadsavdelningen"), searched at a lower weight than `Z` (see Analyzer).
/// `ZF` + a stem without diacritics ("ZFvaxjo") is a query-side key only: the stems of the
/// index that spell it with å/ä/ö/é/ü (WordForms), and the places whose names have it
/// (PlaceWords). Indexes built before kept `ZF` terms; they are still searched.
/// Facet terms are boolean (wdf 0) and their value is case-folded, e.g. `XFUNDER:europeiska socialfonden`, `XYEAR:2020`;
/// region terms carry kMetadataWdf instead: a query word naming a place searches them (PlaceWords).
struct Schema {
  // --- term prefixes -------------------------------------------------------------
  static constexpr std::string_view kId = "Q";          ///< unique project id
  static constexpr std::string_view kTitle = "S";       ///< title words (positional)
  static constexpr std::string_view kStem = "Z";        ///< stems (no positions)
  static constexpr std::string_view kPart = "ZP";       ///< stems of compound parts (no positions)
  static constexpr std::string_view kFolded = "ZF";     ///< stems without diacritics (query side, see above)
  static constexpr std::string_view kFunder = "XFUNDER:";
  static constexpr std::string_view kRegion = "XREGION:";
  static constexpr std::string_view kYear = "XYEAR:";
  static constexpr std::string_view kTheme = "XTHEME:";
  static constexpr std::string_view kKind = "XKIND:";    ///< project / article
  static constexpr std::string_view kSource = "XSRC:";   ///< source file path (for deletes)

  // --- value slots ---------------------------------------------------------------
  static constexpr Xapian::valueno kSlotStartYear = 0;  ///< sortable_serialise(year)
  static constexpr Xapian::valueno kSlotEndYear = 1;    ///< sortable_serialise(year)
  static constexpr Xapian::valueno kSlotBudget = 2;     ///< sortable_serialise(SEK)
  static constexpr Xapian::valueno kSlotFunders = 10;   ///< facet values, see facet_slot()
  static constexpr Xapian::valueno kSlotRegions = 11;
  static constexpr Xapian::valueno kSlotYears = 12;
  static constexpr Xapian::valueno kSlotThemes = 13;

  // --- index metadata keys -------------------------------------------------------
  static constexpr std::string_view kMetaFilePrefix = "file:";  ///< file:<path> -> signature
  static constexpr std::string_view kMetaIndexedAt = "indexed_at";

  // --- weights -------------------------------------------------------------------
  static constexpr unsigned kTitleWdf = 5;  ///< wdf increment of a title word in the body terms
  static constexpr unsigned kMetadataWdf = 2;  ///< wdf of a word of the metadata (funders, themes, …)

  /// The boolean-term prefix of a facet.
  static std::string_view facet_prefix(Facet f);
  /// The value slot holding a facet's display values of a document (all of them).
  static Xapian::valueno facet_slot(Facet f);
  /// The facet's name as used in queries, JSON and URLs: funder, region, year, theme.
  static std::string_view facet_name(Facet f);
  static std::optional<Facet> facet_from_name(std::string_view name);

  /// The boolean term for a facet value: prefix + case-folded NFC value.
  static std::string facet_term(Facet f, std::string_view value);
  /// The id term of a project.
  static std::string id_term(std::string_view id);
  /// The source term of a file path.
  static std::string source_term(std::string_view path);
  /// Xapian terms are at most 245 bytes; long values are cut at a UTF-8 boundary.
  static std::string clamp_term(std::string term);
};

}  // namespace fynd
