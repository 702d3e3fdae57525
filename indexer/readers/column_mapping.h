/** ColumnProfile: how a spreadsheet's header maps onto Project fields, and the set to choose from. */
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fynd {

/// What a column holds.
enum class ColumnTarget {
  Id,       ///< project number (ärende-id, operation id)
  Title,    ///< project / operation name
  Text,     ///< description; several Text columns are joined
  Owner,    ///< beneficiary / stödmottagare
  Contact,  ///< project leader
  Email,
  Start,       ///< start date
  End,         ///< end date
  Budget,      ///< total (eligible) cost in SEK
  Granted,     ///< granted support / EU amount in SEK
  BudgetEur,   ///< total cost in EUR, converted at the profile's @sek_per_eur
  GrantedEur,  ///< EU amount in EUR, converted likewise
  Funder,      ///< fund name or code ("ERDF", "Europeiska socialfonden")
  Lan,         ///< county, as the "län" field
  Kommun,      ///< municipalities, as the "kommuner" field
  Omrade,      ///< NUTS 2 area (riksområde), as the "område" field
  Region,      ///< any region name, as the "region" field
  Field,       ///< kept in Project::fields under its key, not in the text
  Ignore,      ///< dropped
};

/// The target named in a mapping file ("title", "start", ...); nullopt if unknown.
std::optional<ColumnTarget> column_target_from_name(std::string_view name);

/// One column of a profile.
struct ColumnRule {
  ColumnTarget target = ColumnTarget::Field;
  std::string key;  ///< the Project::fields key; empty: the header as the file writes it
};

/// A named mapping from header names to targets, with per-profile defaults. Loaded
/// from a TSV file: `@directive<TAB>value` lines, then `header<TAB>target[<TAB>field key]`.
struct ColumnProfile {
  std::string name;                                         ///< "tillvaxtverket", "kohesio", ... or the file stem
  std::string label;                                        ///< for messages
  std::vector<std::string> funders;                         ///< funders of every row (@funder)
  std::string id_prefix;                                    ///< prefixed to the id column (@id_prefix eruf-)
  double sek_per_eur = 0;                                   ///< SEK per EUR for *_eur columns (@sek_per_eur)
  bool budget_from_granted = false;                         ///< no budget column: the granted amount stands for it
  std::unordered_map<std::string, ColumnRule> columns;      ///< by normalised header
  std::unordered_map<std::string, std::string> fund_names;  ///< folded fund value -> funder

  /// Parses a profile; `source` names the file in errors (InputError "FILE:LINE: ...").
  static ColumnProfile parse(std::string_view text, const std::string& source);
  /// Reads and parses a mapping file; throws InputError naming it when unreadable.
  static ColumnProfile load(const std::filesystem::path& file);

  /// The rule for a header cell, or null when the profile does not know it.
  const ColumnRule* rule_for(std::string_view header) const;
  /// The funder a fund cell names (through @fund), or the cell as written.
  std::string funder_for(std::string_view value) const;
};

/// A header as profiles compare it: case-folded, '_' as space, white space squashed.
std::string normalise_header(std::string_view header);

/// The profiles a reader chooses from: a mapping file given by the user first, then the
/// built-in ones compiled in from data/columns/*.tsv.
class ColumnProfileSet {
 public:
  /// The built-in profiles only.
  static std::shared_ptr<const ColumnProfileSet> builtin();
  /// The built-in profiles behind a user's mapping file (empty path: built-in only).
  static std::shared_ptr<const ColumnProfileSet> with_file(const std::filesystem::path& file);

  /// `user` (from --columns) is asked before the built-in profiles.
  ColumnProfileSet(std::vector<ColumnProfile> builtin, std::optional<ColumnProfile> user);

  /// The profile that knows most of `header`'s columns, provided it knows a title or
  /// text column and at least two columns (a user's profile: one); earlier profiles win
  /// ties. Null when none fits.
  const ColumnProfile* choose(const std::vector<std::string>& header) const;
  const std::vector<ColumnProfile>& profiles() const { return profiles_; }

 private:
  std::vector<ColumnProfile> profiles_;
  bool has_user_ = false;
};

}  // namespace fynd
