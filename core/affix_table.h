/** AffixTable: the sv_SE Hunspell word list and suffix rules, for fast lemma lookups without Hunspell's compounding. */
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "word_cache.h"
#include "word_map.h"

namespace fynd {

/// The dictionary entries (`.dic`) and suffix rules (`SFX` in `.aff`) of a Hunspell
/// dictionary, read once. Finds the entries a word form inflects from by undoing one
/// suffix rule, which is what Hunspell does for a simple word, without trying compounds:
/// a lookup costs a few hash probes instead of Hunspell's ~100 µs. Immutable after
/// construction, so thread-safe.
class AffixTable {
 public:
  /// Reads both files; throws fynd::Error if either cannot be read.
  AffixTable(const std::string& aff_path, const std::string& dic_path);

  /// The entries `form` is an inflection of (including itself when it is a standalone
  /// entry), folded; empty if none. Forms usable only inside compounds are not words.
  std::vector<std::string> bases(std::string_view form) const;
  /// A standalone entry: not an inflection, not usable only inside compounds.
  bool is_entry(std::string_view word) const;
  /// An entry the dictionary marks as a compound beginning or middle (flag X or U).
  bool is_compound_form(std::string_view word) const;
  /// The entry may end a compound (flag Y: avdelning, insats).
  bool can_end_compound(std::string_view entry) const;
  /// Every entry `form` inflects from is written capitalised in the dictionary (a name).
  bool is_name(std::string_view form) const;

 private:
  struct Entry {
    std::string flags;         ///< union of the flags of the entry's lines
    bool capitalised = false;  ///< written with a capital in the dictionary
    bool lowercase = false;    ///< also (or only) written lowercase
  };
  struct Rule {
    char flag;
    std::string strip;
    std::vector<std::u32string> condition;  ///< one alternative set per letter; "^" first = negated
    bool compound_only;                     ///< the form exists only inside compounds
  };

  void read_aff(const std::string& path);
  void read_dic(const std::string& path);
  /// Whether the end of `base` satisfies a rule's condition.
  static bool condition_holds(const Rule& rule, std::string_view base);
  static bool standalone(const Entry& e);

  WordMap<Entry> entries_;
  /// Suffix rules by the text they add ("et", "en", "" ...).
  std::unordered_map<std::string, std::vector<Rule>, WordHash, std::equal_to<>> rules_by_add_;
  std::size_t longest_add_ = 0;
};

}  // namespace fynd
