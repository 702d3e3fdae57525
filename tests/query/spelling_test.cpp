#include "spelling.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

std::u32string u32(const char32_t* s) { return std::u32string(s); }

TEST(SpellingCorrector, SwedishAwareDistance) {
  EXPECT_DOUBLE_EQ(SpellingCorrector::distance(u32(U"bredband"), u32(U"bredband")), 0.0);
  EXPECT_LT(SpellingCorrector::distance(u32(U"bredbandsutbygnad"), u32(U"bredbandsutbyggnad")), 1.0);
  EXPECT_LT(SpellingCorrector::distance(u32(U"hälsa"), u32(U"halsa")), 1.0);
  EXPECT_DOUBLE_EQ(SpellingCorrector::distance(u32(U"projetk"), u32(U"projekt")), 1.0);
  EXPECT_DOUBLE_EQ(SpellingCorrector::distance(u32(U"kommun"), u32(U"kommon")), 1.0);
  EXPECT_GT(SpellingCorrector::distance(u32(U"bredband"), u32(U"turism")), SpellingCorrector::kMaxDistance);
}

class SpellingSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    auto corpus = test::small_corpus();
    corpus.push_back(test::make_project("p9", "Utbyggnad", "Bredbandsutbyggnad i glesbygden, bredbandsutbyggnaden fortsätter."));
    test::build_index(dir_, corpus);
    searcher_ = std::make_unique<Searcher>(dir_);
  }
  SearchResult run(const std::string& q) const {
    SearchRequest r;
    r.query = q;
    return searcher_->search(r);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SpellingSearch, CorrectsAMisspeltCompound) {
  const auto r = run("bredbandsutbygnad");
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "bredbandsutbyggnad");
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  ASSERT_GE(ids.size(), 2u);
  ids.resize(2);  // the projects with the corrected word come first (parts match weakly)
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"p8", "p9"}));
  EXPECT_EQ(r.query, "bredbandsutbygnad");
}

TEST_F(SpellingSearch, CorrectsTyposAndKeepsOperatorsAndKnownWords) {
  const Xapian::Database db(dir_.string());
  const SpellingCorrector c(db, searcher_->analyzer());
  EXPECT_EQ(c.correct_query("kulturav OR turism"), std::optional<std::string>("kulturarv OR turism"));
  EXPECT_EQ(c.correct_query("bredband"), std::nullopt);
  EXPECT_EQ(c.correct_query("bredbandet"), std::nullopt);  // inflected form of an indexed word
  EXPECT_EQ(c.correct_query("xyzzyqwerty"), std::nullopt);
}

TEST_F(SpellingSearch, NoSuggestionWhenTheQueryFindsEnough) {
  const auto r = run("bredband");
  EXPECT_FALSE(r.suggestion.has_value());
  EXPECT_GE(r.total, 2u);
}

}  // namespace
}  // namespace fynd
