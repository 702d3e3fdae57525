/** PhraseIndex: finds gazetteer phrases (names, aliases, genitives) in scanned words. */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "word_map.h"
#include "word_scanner.h"

namespace fynd {

/// A phrase found in a text: words [first, last) matched the phrase of `target`.
struct PhraseMatch {
  std::size_t first = 0;
  std::size_t last = 0;
  int target = 0;
};

/// How a phrase must be written to match.
enum class PhraseCase {
  Any,          ///< case-folded comparison
  Capitalised,  ///< folded, and the first word starts with a capital (place names)
  Exact,        ///< the surface must equal the phrase ("Sida", "ESF")
};

/// Whole-word phrase lookup, longest match first. A pattern word ending in '*' matches
/// any word starting with it.
class PhraseIndex {
 public:
  /// Adds `phrase` for `target`. With `genitive`, "Xs" also matches (unless X ends in s/x/z).
  void add(std::string_view phrase, int target, PhraseCase mode, bool genitive);
  /// Every non-overlapping match in `words`, left to right, longest first at each word.
  std::vector<PhraseMatch> find_all(const std::vector<Word>& words, std::string_view text) const;
  /// True if the whole `text` is exactly one phrase (case-folded); gives its target.
  bool lookup(std::string_view text, int& target) const;

 private:
  struct Token {
    std::string text;  ///< folded, or surface for Exact
    bool prefix = false;
  };
  struct Entry {
    std::vector<Token> tokens;
    PhraseCase mode = PhraseCase::Any;
    int target = 0;
  };
  bool matches(const Entry& e, const std::vector<Word>& words, std::size_t at, std::string_view text) const;
  void add_tokens(std::vector<Token> tokens, int target, PhraseCase mode);

  WordMap<std::vector<Entry>> by_first_;  ///< entries by their first token (looked up for every word)
  std::vector<Entry> prefix_first_;       ///< entries whose first token is a prefix ("socialfond*")
  /// Indexes into prefix_first_, ascending, by the first byte of the first token (an entry
  /// whose first token is empty is in every list): a word is compared only with the entries
  /// whose first byte it starts with, in the order they were added.
  std::array<std::vector<std::uint32_t>, 256> prefix_by_byte_;
};

}  // namespace fynd
