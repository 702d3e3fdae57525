// Precise query expansion: the parts of a compound query word add matches only as far as
// the index shows them to be precise; the OR retry needs most words; the
// phrase forms are cached per database revision.
#include <gtest/gtest.h>

#include <algorithm>

#include "query_builder.h"
#include "relaxed_query.h"
#include "schema.h"
#include "test_support.h"
#include "word_forms.h"

namespace fynd {
namespace {

class QueryExpansionTest : public ::testing::Test {
 protected:
  /// Indexes kFiller texts about industry (so that "industri" is in most documents, as
  /// "projekt" is in a real index) and then `texts` (ids t0, t1, ...).
  void index(const std::vector<std::string>& texts) {
    Xapian::WritableDatabase w(path_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < kFiller; ++i) add(w, "Industrin i länet växer, nummer " + std::to_string(i), "filler");
    for (std::size_t i = 0; i < texts.size(); ++i) add(w, texts[i], "t" + std::to_string(i));
    w.commit();
    db_ = Xapian::Database(path_.string());
  }
  void add(Xapian::WritableDatabase& w, const std::string& text, const std::string& id) const {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer_.index_text(doc, text, Field::Body, pos);
    doc.set_data(id);
    w.add_document(doc);
  }
  /// The ids of the matches (fillers as "filler"), sorted.
  std::vector<std::string> matches(const std::string& q) const {
    const QueryBuilder builder(analyzer_, &db_);
    Xapian::Enquire e(db_);
    e.set_query(builder.parse(q).query);
    std::vector<std::string> out;
    const Xapian::MSet m = e.get_mset(0, db_.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(it.get_document().get_data());
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::vector<std::string> ids(std::size_t from, std::size_t to) {
    std::vector<std::string> out;
    for (std::size_t i = from; i < to; ++i) out.push_back("t" + std::to_string(i));
    std::sort(out.begin(), out.end());
    return out;
  }

  static constexpr int kFiller = 30;
  std::filesystem::path path_ = test::temp_dir() / "db";
  Analyzer analyzer_;
  Xapian::Database db_;
};

TEST_F(QueryExpansionTest, CommonPartOfAWordThatFindsEnoughAddsNoMatches) {
  const Token word = analyzer_.tokenize("stålindustrins").front();
  ASSERT_FALSE(word.parts.empty()) << "the analyzer no longer splits stålindustrins";
  std::vector<std::string> texts;
  for (Xapian::doccount i = 0; i < WordForms::kFewDocs; ++i) texts.push_back("Stålindustrin behöver folk " + std::to_string(i));
  texts.push_back("Stål och metall i Bergslagen.");  // t5: a rare part alone
  index(texts);
  // Neither the common part nor the rare one widens a word that finds enough by itself.
  EXPECT_EQ(matches("stålindustrins"), ids(0, WordForms::kFewDocs));
  // The parts still weigh: the query holds them, but only beside the word's own terms.
  const std::string d = QueryBuilder(analyzer_, &db_).parse("stålindustrins").query.get_description();
  EXPECT_NE(d.find("AND_MAYBE"), std::string::npos) << d;
  EXPECT_NE(d.find(std::string(Schema::kStem) + "industri"), std::string::npos) << d;
}

TEST_F(QueryExpansionTest, RareWordIsWidenedByItsPreciseParts) {
  index({"Stålindustrin behöver folk.",        // t0 the word
         "Stål och metall i Bergslagen.",      // t1 a rare part
         "Stålverket och metallverket."});     // t2 the rare part inside another compound
  // The word finds too little: its rare part adds matches, the common part ("industri",
  // in every filler) does not.
  const std::vector<std::string> m = matches("stålindustrins");
  EXPECT_EQ(std::count(m.begin(), m.end(), "filler"), 0);
  EXPECT_EQ(std::count(m.begin(), m.end(), "t0"), 1);
  EXPECT_EQ(std::count(m.begin(), m.end(), "t1"), 1);
  // The word itself ranks first.
  const QueryBuilder builder(analyzer_, &db_);
  Xapian::Enquire e(db_);
  e.set_query(builder.parse("stålindustrins").query);
  const Xapian::MSet top = e.get_mset(0, 1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top.begin().get_document().get_data(), "t0");
}

TEST_F(QueryExpansionTest, WordInsideLongerCompoundsStillMatches) {
  std::vector<std::string> texts;
  for (int i = 0; i < 8; ++i) texts.push_back("Fiber till byn nummer " + std::to_string(i));    // t0..t7
  for (int i = 0; i < 8; ++i) texts.push_back("Fiberutbyggnaden i by nummer " + std::to_string(i));  // t8..t15
  index(texts);
  // "fiber" in "fiberutbyggnaden" is the word itself, not a part of the query word: it
  // matches however many texts have it, below the texts with the word.
  EXPECT_EQ(matches("fiber"), ids(0, 16));
  const QueryBuilder builder(analyzer_, &db_);
  Xapian::Enquire e(db_);
  e.set_query(builder.parse("fiber").query);
  std::vector<std::string> top;
  const Xapian::MSet m = e.get_mset(0, 8);
  for (auto it = m.begin(); it != m.end(); ++it) top.push_back(it.get_document().get_data());
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, ids(0, 8));
}

TEST_F(QueryExpansionTest, RespellingsAndCompoundOnlyWordsStillMatch) {
  index({"Besöksnäringen i fjällen.",   // t0 written with diacritics
         "Arbetsmarknadsavdelningen i staden."});  // t1 the word only inside a compound
  EXPECT_EQ(matches("besoksnaringen"), ids(0, 1));
  EXPECT_EQ(matches("marknad"), ids(1, 2));
}

TEST_F(QueryExpansionTest, WithoutAnIndexEveryExpansionMatches) {
  const std::string d = QueryBuilder(analyzer_).parse("stålindustrins").query.get_description();
  EXPECT_EQ(d.find("AND_MAYBE"), std::string::npos) << d;
  for (const WordExpansion& e : WordForms(analyzer_, nullptr).expansions(analyzer_.tokenize("stålindustrins").front())) {
    EXPECT_TRUE(e.adds_matches) << e.term;
  }
}

TEST_F(QueryExpansionTest, PhraseFormsAreCachedPerRevision) {
  index({"kommunala partnerskapet"});
  const Token t = analyzer_.tokenize("kommunalt").front();
  const WordForms forms(analyzer_, &db_);
  const std::vector<std::string> first = forms.indexed(t, "", false);
  EXPECT_EQ(first, (std::vector<std::string>{"kommunalt", "kommunala"}));
  EXPECT_EQ(forms.indexed(t, "", false), first);  // from the cache
  {
    Xapian::WritableDatabase w(path_.string(), Xapian::DB_OPEN);
    add(w, "kommunal samverkan", "t1");
    w.commit();
  }
  // The old revision still answers from its entry; the new one sees the new form.
  EXPECT_EQ(forms.indexed(t, "", false), first);
  const Xapian::Database reopened(path_.string());
  const std::vector<std::string> now = WordForms(analyzer_, &reopened).indexed(t, "", false);
  EXPECT_EQ(now.size(), 3u);
  EXPECT_EQ(std::count(now.begin(), now.end(), "kommunal"), 1);
}

TEST(RelaxedQuery, NeedsAllWordsButOne) {
  EXPECT_EQ(or_relaxed("stålindustrins kompetens"), "stålindustrins OR kompetens");
  EXPECT_EQ(or_relaxed("kvinnor företag landsbygd"),
            "(företag landsbygd) OR (kvinnor landsbygd) OR (kvinnor företag)");
  // Stop words are not words to keep: "stål och metall" is two words.
  EXPECT_EQ(or_relaxed("stål och metall"), "stål OR metall");
}

TEST(RelaxedQuery, LeavesSyntaxSingleWordsAndLongTextsAlone) {
  EXPECT_FALSE(or_relaxed("bredband"));
  EXPECT_FALSE(or_relaxed("bredband och"));
  EXPECT_FALSE(or_relaxed("\"bredband landsbygd\""));
  EXPECT_FALSE(or_relaxed("bredband OR fiber"));
  EXPECT_FALSE(or_relaxed("bredband -fiber"));
  EXPECT_FALSE(or_relaxed("bredband region:Värmland"));
  EXPECT_FALSE(or_relaxed("bred*"));
  EXPECT_FALSE(or_relaxed("vi vill bygga bredband fiber landsbygd byar företag"));  // 7 words: OR-ed already
}

}  // namespace
}  // namespace fynd
