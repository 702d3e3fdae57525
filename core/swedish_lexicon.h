/** A thread-safe, cached view of the Hunspell sv_SE dictionary: known words, lemmas, suggestions. */
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// Swedish word knowledge from Hunspell sv_SE (hunspell-sv).
///
/// Words are looked up as given (callers pass folded, NFC, lowercase words). Answers are
/// cached per word, so repeated lookups during indexing cost one hash probe. All methods
/// are thread-safe: Hunspell itself is guarded by a mutex, the caches by a shared mutex.
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
  /// Hunspell-built compound. The compound splitter uses this for its parts.
  bool known_simple(std::string_view word) const;
  /// True if the word is known only capitalised: a name such as "växjö", "norrköping".
  bool is_name(std::string_view word) const;
  /// True if the word is itself a dictionary entry (a base form such as "projekt",
  /// "marknad"), not an inflection and not an entry usable only inside compounds.
  bool is_entry(std::string_view word) const;
  /// True if the dictionary marks the word as a form that may begin or sit inside a
  /// compound ("arbets" in "arbetsmarknad", "kompetens").
  bool is_compound_form(std::string_view word) const;
  /// The dictionary base forms of the word (Hunspell stem), lowercased, without
  /// duplicates; empty if the word is unknown.
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
