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

TEST(SwedishAnalysis, WordsTypedWithoutDiacriticsFindThem) {
  Analyzer a;
  EXPECT_GT(match_weight(a, "Vaxjo", "Projektet drivs i Växjö."), 0.0);
  EXPECT_GT(match_weight(a, "halsa", "Bättre hälsa för äldre"), 0.0);
  EXPECT_GT(match_weight(a, "halsan", "Bättre hälsa för äldre"), 0.0);
  EXPECT_GT(match_weight(a, "Jonkoping", "Jönköpings kommun"), 0.0);
  EXPECT_GT(match_weight(a, "Jonkopings", "Jönköping"), 0.0);
  EXPECT_GT(match_weight(a, "kompetensforsorjning", "Kompetensförsörjning i länet"), 0.0);
  EXPECT_GT(match_weight(a, "cafe", "Ett café i centrum"), 0.0);
  EXPECT_GT(match_weight(a, "café", "Ett cafe i centrum"), 0.0);
  EXPECT_GT(match_weight(a, "muller", "Müller"), 0.0);
}

TEST(SwedishAnalysis, CorrectlyTypedWordsKeepTheirPrecision) {
  Analyzer a;
  EXPECT_EQ(match_weight(a, "mål", "En mal i garderoben"), 0.0);
  EXPECT_EQ(match_weight(a, "mal", "En mal i garderoben"), 1.0);
  const double folded = match_weight(a, "mal", "Projektets mål");
  EXPECT_GT(folded, 0.0);
  EXPECT_LT(folded, 1.0);
  EXPECT_EQ(match_weight(a, "här", "har"), 0.0);
  EXPECT_EQ(match_weight(a, "höra", "hora"), 0.0);
  EXPECT_EQ(match_weight(a, "län", "lan"), 0.0);
}

TEST(SwedishAnalysis, ExactMatchRanksAboveFoldedAndPartMatches) {
  Analyzer a;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&](const std::string& text) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    a.index_text(doc, text, Field::Body, pos);
    doc.set_data(text);
    db.add_document(doc);
  };
  add("Projektets mål är tydliga");
  add("En mal flög in");
  add("Arbetsmarknadsavdelningen i kommunen");
  add("Avdelningen för arbetsmarknad");
  add("Marknad och försäljning");
  auto search = [&](const std::string& q) {
    std::vector<Xapian::Query> alts;
    for (const auto& wt : a.weighted_query_terms(a.tokenize(q).at(0))) {
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(wt.term), wt.weight);
    }
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()));
    std::vector<std::string> out;
    const Xapian::MSet mset = e.get_mset(0, 10);
    for (auto m = mset.begin(); m != mset.end(); ++m) out.push_back(m.get_document().get_data());
    return out;
  };
  EXPECT_EQ(search("mål"), std::vector<std::string>{"Projektets mål är tydliga"});
  const auto mal = search("mal");
  ASSERT_EQ(mal.size(), 2u);
  EXPECT_EQ(mal[0], "En mal flög in");
  const auto marknad = search("marknad");
  ASSERT_GE(marknad.size(), 3u);
  EXPECT_EQ(marknad[0], "Marknad och försäljning");
  const auto avd = search("avdelning");
  ASSERT_EQ(avd.size(), 2u);
  EXPECT_EQ(avd[0], "Avdelningen för arbetsmarknad");
}

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
