/** Splits Swedish compounds into lexicon words: "arbetsmarknadsavdelningen" -> arbets|marknads|avdelningen. */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "swedish_lexicon.h"
#include "word_cache.h"

namespace fynd {

/// One part of a split compound.
struct CompoundPart {
  std::string text;  ///< the part as written inside the word: "arbets", "avdelningen"
  std::string base;  ///< its dictionary form: linking letters removed ("arbete", "marknad");
                     ///< the head (last part) keeps its inflection ("avdelningen")
};

/// Finds the parts of a Swedish compound with the Hunspell sv_SE lexicon.
///
/// A split is accepted only if every part is a lexicon word: the last part (the head)
/// any inflected form Hunspell knows, the others dictionary entries or their compound
/// forms, allowing the linking -s- ("marknads"), -e- and the dropped or changed final
/// vowel (skol|gård, gatu|belysning). Among valid splits the one with the fewest parts
/// wins, then the one with the longest parts.
///
/// Ordinary words are protected from false splits: a word Hunspell knows as a simple
/// word is split only with parts of at least kStrictPartLength letters and modifiers
/// the dictionary marks as compound forms (or a linking -s-), names (Norrköping) never,
/// and unknown words with the strict length.
class CompoundSplitter {
 public:
  /// Parts shorter than this (in letters) are never accepted.
  static constexpr std::size_t kMinPartLength = 3;
  /// The minimum part length for words the dictionary lists whole, and unknown words.
  static constexpr std::size_t kStrictPartLength = 4;
  /// At most this many parts.
  static constexpr std::size_t kMaxParts = 4;

  explicit CompoundSplitter(const SwedishLexicon& lexicon) : lexicon_(lexicon) {}

  /// The parts of a folded word, in order; empty if it is not a compound. Cached.
  std::vector<CompoundPart> split(std::string_view word) const;
  /// split() without the protection of words the dictionary lists whole: "solenergi" ->
  /// sol|energi (parts of kMinPartLength letters, any modifier the dictionary has). For
  /// rare query words whose parts are searched as a fallback; not cached.
  std::vector<CompoundPart> split_loose(std::string_view word) const;
  /// split(), with every part that is a compound itself split too, down to single
  /// words: arbets|marknadsavdelningen -> arbets|marknads|avdelningen.
  std::vector<CompoundPart> split_fully(std::string_view word) const;

 private:
  /// The dictionary form of a non-final part, or empty if it is none. `strict`: only
  /// forms the dictionary marks for compounds, or a linking -s-.
  std::string modifier_base(std::string_view part, bool strict) const;

  std::vector<CompoundPart> compute_split(std::string_view word, bool loose = false) const;

  const SwedishLexicon& lexicon_;
  mutable WordCache<std::vector<CompoundPart>> cache_;
};

}  // namespace fynd
