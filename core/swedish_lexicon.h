/** A thread-safe, cached view of the Hunspell sv_SE dictionary: known words, lemmas, suggestions. */
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// Swedish word knowledge from Hunspell sv_SE (hunspell-sv).
///
/// Words are looked up as given (callers pass folded, NFC, lowercase words). Simple words
/// and their inflections are found in the dictionary's own word list and suffix rules
/// (AffixTable, a few hash probes); Hunspell proper, ~100 µs a call, is loaded on first
/// need and asked only about compounds (known) and for suggestions. Answers are cached
/// per word. All methods are thread-safe: Hunspell is guarded by a mutex, the caches by
/// a shared mutex.
class SwedishLexicon {
 public:
  /// Opens `<dir>/sv_SE.aff` and `<dir>/sv_SE.dic`; throws fynd::Error if either is missing.
  explicit SwedishLexicon(const std::string& dictionary_dir = default_dictionary_dir());
  ~SwedishLexicon();
  SwedishLexicon(const SwedishLexicon&) = delete;
  SwedishLexicon& operator=(const SwedishLexicon&) = delete;

  /// True if Hunspell accepts the word (including its own compounds and inflections).
  /// A lowercase word is also tried capitalised, so "växjö" and "jönköping" are known.
  bool known(std::string_view word) const;
  /// True if the word is a dictionary entry or an inflection of one, not only a
  /// Hunspell-built compound. The compound splitter uses this for its parts. Names
  /// are found lowercase ("växjö").
  bool known_simple(std::string_view word) const;
  /// True if the word is known only capitalised: a name such as "växjö", "norrköping".
  bool is_name(std::string_view word) const;
  /// True if the word is an inflection of an entry the dictionary lets end a compound
  /// ("avdelningen" in "arbetsmarknadsavdelningen").
  bool can_end_compound(std::string_view word) const;
  /// True if the word is itself a dictionary entry (a base form such as "projekt",
  /// "marknad"), not an inflection and not an entry usable only inside compounds.
  bool is_entry(std::string_view word) const;
  /// True if the dictionary marks the word as a form that may begin or sit inside a
  /// compound ("arbets" in "arbetsmarknad", "kompetens").
  bool is_compound_form(std::string_view word) const;
  /// The dictionary base forms of the word (Hunspell's stem of a simple word: the
  /// entries it inflects from by one suffix rule, itself if it is an entry), folded,
  /// without duplicates; empty if unknown or only known as a compound.
  std::vector<std::string> lemmas(std::string_view word) const;
  /// Spelling suggestions, best first (slow: meant for single query words).
  std::vector<std::string> suggest(std::string_view word) const;

  /// Where the sv_SE files are looked for: $FYND_HUNSPELL_DIR or /usr/share/hunspell.
  static std::string default_dictionary_dir();
  /// The process-wide instance, created on first use (throws fynd::Error if the
  /// dictionary is missing).
  static const SwedishLexicon& shared();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fynd
