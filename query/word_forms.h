/** WordForms: the forms of a query word that an index holds, and which of its expansions may match. */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer.h"

namespace fynd {

/// One term a query word is searched by, with its weight and whether it may add matches.
struct WordExpansion {
  std::string term;
  double weight = 1.0;
  /// false: the term only weighs the documents the word's other terms match
  /// (Xapian::Query::OP_AND_MAYBE), so that a part found everywhere ("projekt" in
  /// "projektgruppsträffar") does not turn the word into every project.
  bool adds_matches = true;
};

/// Looks a query word up in the index's term list: its inflections and the compounds
/// beginning with it (for phrases), which of its expansions (compound parts) are precise
/// enough to add matches, and whether it is a rare compound whose parts should be
/// searched too. Without an index it knows only the word itself.
class WordForms {
 public:
  /// At most kMaxForms forms a word, the most frequent, found among the first kFormScan
  /// index terms that begin with the shared beginning of the word and its stem.
  static constexpr std::size_t kMaxForms = 40;
  static constexpr std::size_t kFormScan = 1000;
  /// A compound in fewer documents than this is rare.
  static constexpr Xapian::doccount kRareCompoundDocs = 5;
  /// A word whose own terms (exact form, stem, respellings) are in fewer documents than
  /// this finds too little: the parts of a compound query word add matches only then.
  static constexpr Xapian::doccount kFewDocs = kRareCompoundDocs;
  /// A part of a compound query word in more than this share of the index's documents
  /// ("utveckling", "miljö", "projekt") never adds matches; it only weighs.
  static constexpr double kCommonShare = 0.1;
  /// A stem typed without diacritics is looked up in at most this many spellings with
  /// them (3 for each a, 2 for each o, e and u).
  static constexpr std::size_t kMaxRespellings = 512;

  WordForms(const Analyzer& analyzer, const Xapian::Database* db) : analyzer_(analyzer), db_(db) {}

  /// `prefix` + each form: the word itself first, then its inflections, then (with
  /// `modifiers`) compounds that begin with it, the most frequent first. Cached per
  /// database revision (the scan of the term list is the costly part of a phrase query).
  std::vector<std::string> indexed(const Token& token, std::string_view prefix, bool modifiers) const;

  /// Analyzer::weighted_query_terms(token), each marked whether it may add matches: the
  /// word's own terms, its respellings and the word inside longer compounds ("fiber" in
  /// "fiberutbyggnaden") always; the parts of a compound query word only when the word
  /// finds too little (kFewDocs) and the part is not common (kCommonShare). Without an
  /// index every term adds matches.
  /// Then the region terms of the places the word names (PlaceWords), as the terms that
  /// name them.
  std::vector<WordExpansion> expansions(const Token& token) const;

  /// The parts of a compound word as tokens when the word is rare in the index
  /// (solenergi -> sol, energi); empty otherwise, and without an index.
  std::vector<Token> rare_compound_parts(const Token& token) const;

  /// Drops the process's cached forms (tests).
  static void clear_cache();

 private:
  std::vector<std::string> scan(const Token& token, std::string_view prefix, bool modifiers) const;
  std::vector<WordExpansion> term_expansions(const Token& token) const;
  /// The index's stem terms that spell `folded` (a stem without diacritics) with å, ä, ö,
  /// é or ü; cached per database revision.
  std::vector<std::string> diacritic_stems(const Token& token, const std::string& folded) const;

  const Analyzer& analyzer_;
  const Xapian::Database* db_;
};

}  // namespace fynd
