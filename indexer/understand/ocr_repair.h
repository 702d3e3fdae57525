/** OcrRepair: detects OCR-damaged Swedish (å/ä/ö read as é, &, d, a, o) and repairs it. */
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace fynd {

class SwedishLexicon;

/// Statistics of one text, for deciding whether it is OCR-damaged.
struct OcrDamage {
  std::size_t words = 0;     ///< words of two or more letters
  std::size_t unknown = 0;   ///< of them, not in the lexicon
  std::size_t suspect = 0;   ///< unknown and containing an OCR sign (é & @ | or a digit inside letters)
  bool damaged() const;
};

/// Repairs words with the typical confusions of OCR'd Swedish: é/&/@/d -> å/ä/ö,
/// a -> ä/å, o -> ö, A/O -> Ä/Å/Ö, I or | or 1 -> l at word start, 6 -> ö. A word is changed
/// only when it is not a known word and a candidate is (fewest substitutions first; a
/// simple dictionary word before a Hunspell compound), so correct words never change.
/// Thread-safe (the lexicon is).
class OcrRepair {
 public:
  /// With the shared sv_SE lexicon; `extra_words` (folded) count as known (gazetteer names).
  explicit OcrRepair(std::vector<std::string> extra_words = {});
  OcrRepair(const SwedishLexicon& lexicon, std::vector<std::string> extra_words);

  /// Counts unknown and suspect words.
  OcrDamage assess(std::string_view text) const;
  /// The repaired word, or the word itself.
  std::string repair_word(std::string_view word) const;
  /// The text with every OCR word repaired; everything else byte for byte as it was.
  std::string repair(std::string_view text) const;
  /// True if the lexicon (or the extra words) knows the word, in any case.
  bool known(std::string_view word) const;

  /// At most this many candidates are tried per word.
  static constexpr std::size_t kMaxCandidates = 4096;

 private:
  const SwedishLexicon& lexicon_;
  std::unordered_set<std::string> extra_;
};

}  // namespace fynd
