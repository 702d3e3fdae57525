/** WordForms: the forms of a query word that an index holds, and the parts of a rare compound. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"

namespace fynd {

/// Looks a query word up in the index's term list: its inflections and the compounds
/// beginning with it (for phrases), and whether it is a rare compound whose parts should
/// be searched too. Without an index it knows only the word itself.
class WordForms {
 public:
  /// At most kMaxForms forms a word, the most frequent, found among the first kFormScan
  /// index terms that begin with the shared beginning of the word and its stem.
  static constexpr std::size_t kMaxForms = 40;
  static constexpr std::size_t kFormScan = 1000;
  /// A compound in fewer documents than this is rare.
  static constexpr Xapian::doccount kRareCompoundDocs = 5;

  WordForms(const Analyzer& analyzer, const Xapian::Database* db) : analyzer_(analyzer), db_(db) {}

  /// `prefix` + each form: the word itself first, then its inflections, then (with
  /// `modifiers`) compounds that begin with it, the most frequent first.
  std::vector<std::string> indexed(const Token& token, std::string_view prefix, bool modifiers) const;

  /// The parts of a compound word as tokens when the word is rare in the index
  /// (solenergi -> sol, energi); empty otherwise, and without an index.
  std::vector<Token> rare_compound_parts(const Token& token) const;

 private:
  const Analyzer& analyzer_;
  const Xapian::Database* db_;
};

}  // namespace fynd
