#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analyzer.h"
#include "schema.h"

namespace fynd {
namespace {

/// Every term the index path gives a text.
std::set<std::string> doc_terms(const Analyzer& a, const std::string& text) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  a.index_text(doc, text, Field::Body, pos);
  std::set<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.insert(*it);
  return out;
}

/// The highest weight at which a one-word query meets a text (0 if it does not).
double match_weight(const Analyzer& a, const std::string& query_word, const std::string& text) {
  const auto terms = doc_terms(a, text);
  const auto tokens = a.tokenize(query_word);
  EXPECT_EQ(tokens.size(), 1u) << query_word;
  if (tokens.empty()) return 0;
  double best = 0;
  for (const auto& wt : a.weighted_query_terms(tokens[0])) {
    if (terms.count(wt.term) > 0) best = std::max(best, wt.weight);
  }
  return best;
}

TEST(SwedishAnalysis, DefiniteAndIrregularFormsShareAStem) {
  Analyzer a;
  const std::vector<std::vector<std::string>> groups = {
      {"projekt", "projektet", "projekten", "projektets", "projektens"},
      {"stöd", "stödet", "stödets"},
      {"insats", "insatsen", "insatser", "insatserna"},
      {"län", "länet", "länets"},
      {"ansökan", "ansökningar", "ansökningarna"},
      {"kommun", "kommunen", "kommuner", "kommunerna"},
      {"företag", "företaget", "företagen"},
      {"hälsa", "hälsan"},
      {"arbetsmarknadsavdelning", "arbetsmarknadsavdelningen", "arbetsmarknadsavdelningar"},
  };
  for (const auto& g : groups) {
    for (const auto& w : g) EXPECT_EQ(a.stem(w), a.stem(g.front())) << w << " vs " << g.front();
  }
  EXPECT_NE(a.stem("mål"), a.stem("mal"));
  EXPECT_NE(a.stem("projekt"), a.stem("produkt"));
}

TEST(SwedishAnalysis, CompoundPartsFindTheCompound) {
  Analyzer a;
  const std::string text = "Arbetsmarknadsavdelningen ansvarar för bredbandsutbyggnaden.";
  for (const char* part : {"marknad", "arbetsmarknad", "avdelning", "avdelningen", "bredband", "utbyggnad"}) {
    const double w = match_weight(a, part, text);
    EXPECT_GT(w, 0.0) << part;
    EXPECT_LT(w, 1.0) << part << ": a part match must weigh less than a whole-word match";
  }
  EXPECT_EQ(match_weight(a, "arbetsmarknadsavdelningen", text), 1.0);
  EXPECT_EQ(match_weight(a, "avdelning", "Avdelningen för arbetsmarknad"), 1.0);
  EXPECT_EQ(match_weight(a, "kommun", "Kommunikation och marknadsföring"), 0.0);
}

// Words typed without diacritics, and the precision of words typed with them, are tested
// with an index in tests/query/diacritic_search_test.cpp (the folded stems are looked up
// there, not indexed).

TEST(SwedishAnalysis, PlainOptionsGiveSnowballOnly) {
  AnalyzerOptions plain;
  plain.lemmas = plain.compounds = plain.folding = false;
  Analyzer a(plain);
  const Xapian::Stem snowball("swedish");
  for (const char* w : {"projektet", "insats", "arbetsmarknadsavdelningen", "växjö"}) {
    EXPECT_EQ(a.stem(w), snowball(w));
    const auto t = a.tokenize(w).at(0);
    EXPECT_TRUE(t.parts.empty());
    EXPECT_TRUE(t.folded.empty());
    EXPECT_TRUE(a.expansion_terms(t).empty());
    EXPECT_EQ(a.weighted_query_terms(t).size(), 2u);
  }
}

}  // namespace
}  // namespace fynd
