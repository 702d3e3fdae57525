// Words typed without diacritics find the words that have them: the index holds the stems
// as written, and WordForms looks the typed stem's respellings up in the index's terms.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analyzer.h"
#include "schema.h"
#include "word_forms.h"

namespace fynd {
namespace {

void add(const Analyzer& a, Xapian::WritableDatabase& db, const std::string& text) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  a.index_text(doc, text, Field::Body, pos);
  doc.set_data(text);
  db.add_document(doc);
}

/// The highest weight at which a one-word query, expanded against an index of `text`
/// alone, meets the text (0 if it does not).
double match_weight(const Analyzer& a, const std::string& query_word, const std::string& text) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  add(a, db, text);
  const auto tokens = a.tokenize(query_word);
  EXPECT_EQ(tokens.size(), 1u) << query_word;
  if (tokens.empty()) return 0;
  double best = 0;
  for (const WordExpansion& e : WordForms(a, &db).expansions(tokens[0])) {
    if (db.term_exists(e.term)) best = std::max(best, e.weight);
  }
  return best;
}

TEST(DiacriticSearch, WordsTypedWithoutDiacriticsFindThem) {
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
  EXPECT_GT(match_weight(a, "idéer", "Nya ideer"), 0.0);
  EXPECT_GT(match_weight(a, "ideer", "Nya idéer"), 0.0);
}

TEST(DiacriticSearch, CorrectlyTypedWordsKeepTheirPrecision) {
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

TEST(DiacriticSearch, FoldedStemsAreLookedUpNotIndexed) {
  Analyzer a;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  add(a, db, "Projektet drivs i Växjö och Jönköping.");
  const std::string folded_prefix(Schema::kFolded);
  for (auto it = db.allterms_begin(folded_prefix); it != db.allterms_end(folded_prefix); ++it) {
    ADD_FAILURE() << "folded term in the index: " << *it;
  }
  const std::vector<WordExpansion> e = WordForms(a, &db).expansions(a.tokenize("vaxjo").at(0));
  const std::string vaxjo = std::string(Schema::kStem) + a.tokenize("växjö").at(0).stem;
  auto it = std::find_if(e.begin(), e.end(), [&](const WordExpansion& w) { return w.term == vaxjo; });
  ASSERT_NE(it, e.end()) << vaxjo;
  EXPECT_DOUBLE_EQ(it->weight, Analyzer::kFoldedWeight);
  EXPECT_TRUE(it->adds_matches);
  // Once, though both the folded lookup and the lexicon's respellings give it.
  EXPECT_EQ(std::count_if(e.begin(), e.end(), [&](const WordExpansion& w) { return w.term == vaxjo; }), 1);
  // "vaxjo" could be six spellings; the others are not in the index and not searched.
  for (const WordExpansion& w : e) {
    if (w.weight == Analyzer::kFoldedWeight && w.term.rfind(std::string(Schema::kStem) + "v", 0) == 0) {
      EXPECT_TRUE(db.term_exists(w.term)) << w.term;
    }
  }
}

TEST(DiacriticSearch, ExactMatchRanksAboveFoldedAndPartMatches) {
  Analyzer a;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  add(a, db, "Projektets mål är tydliga");
  add(a, db, "En mal flög in");
  add(a, db, "Arbetsmarknadsavdelningen i kommunen");
  add(a, db, "Avdelningen för arbetsmarknad");
  add(a, db, "Marknad och försäljning");
  auto search = [&](const std::string& q) {
    std::vector<Xapian::Query> alts;
    for (const WordExpansion& w : WordForms(a, &db).expansions(a.tokenize(q).at(0))) {
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(w.term), w.weight);
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

}  // namespace
}  // namespace fynd
