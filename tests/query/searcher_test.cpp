#include "searcher.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "error.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    test::build_index(dir_, test::small_corpus());
    searcher_ = std::make_unique<Searcher>(dir_);
  }
  SearchResult run(const std::string& q) const {
    SearchRequest r;
    r.query = q;
    return searcher_->search(r);
  }
  static std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
  }
  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearcherTest, MissingIndexNamesTheDirectory) {
  const auto missing = test::temp_dir() / "nope";
  try {
    Searcher s(missing);
    FAIL() << "no IndexError";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos);
  }
  const auto not_index = test::temp_dir() / "empty";
  std::filesystem::create_directories(not_index);
  EXPECT_THROW(Searcher{not_index}, IndexError);
}

TEST_F(SearcherTest, FindsWordsAndReturnsStoredProjects) {
  const SearchResult r = run("bredband");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_TRUE(contains(ids(r), "p1"));
  EXPECT_EQ(r.hits[0].rank, 1u);
  EXPECT_FALSE(r.hits[0].project.title.empty());
  EXPECT_GT(r.hits[0].score, 0);
  EXPECT_EQ(searcher_->document_count(), 8u);
}

TEST_F(SearcherTest, StemmedMatching) {
  // "kommunen" finds "kommuner" (p4) and "kommunerna" (p2) through the stem.
  const auto found = ids(run("kommunen"));
  EXPECT_TRUE(contains(found, "p1"));
  EXPECT_TRUE(contains(found, "p4"));
  // The exact form ranks above a stem-only match of otherwise similar text.
  const auto exact = ids(run("kommuner"));
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact.front(), "p4");
}

TEST_F(SearcherTest, ImplicitAndNarrowsAndOrWidens) {
  EXPECT_EQ(run("hushåll skärgården").total, 1u);
  EXPECT_GE(run("bredband OR solceller").total, 3u);
  EXPECT_EQ(run("solceller -skolor").total, 1u);
}

TEST_F(SearcherTest, LongParagraphRanksClosestProject) {
  const SearchResult r = run(
      "Vår kommun vill sätta upp solceller på taken och minska energianvändningen i våra skolor, "
      "och eleverna ska lära sig om klimat");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "p6");
}

TEST_F(SearcherTest, PhraseAndTitleField) {
  EXPECT_EQ(ids(run("\"digital service\"")), std::vector<std::string>{"p4"});
  EXPECT_EQ(run("title:bredband").total, 1u);  // only p1 has the word itself in its title
  EXPECT_EQ(run("title:bredband*").total, 2u);
  EXPECT_EQ(run("ESF-stöd").total, 1u);
}

TEST_F(SearcherTest, FacetFieldsInQuery) {
  EXPECT_EQ(run("region:\"Jönköpings län\"").total, 2u);
  EXPECT_EQ(run("företag region:\"Kronobergs län\"").total, 1u);
  EXPECT_EQ(run("year:2022").total, 2u);
  EXPECT_EQ(run("year:2015..2016").total, 2u);
  EXPECT_EQ(run("year:2021..").total, 3u);
}

TEST_F(SearcherTest, ExactTotalAndPaging) {
  SearchRequest r;
  r.query = "";
  r.limit = 3;
  const SearchResult first = searcher_->search(r);
  EXPECT_EQ(first.total, 8u);
  EXPECT_EQ(first.hits.size(), 3u);
  std::vector<std::string> all;
  for (std::size_t off = 0; off < 8; off += 3) {
    r.offset = off;
    const SearchResult page = searcher_->search(r);
    EXPECT_EQ(page.total, 8u);
    for (const Hit& h : page.hits) {
      EXPECT_EQ(h.rank, off + 1 + (all.size() - off));
      all.push_back(h.id);
    }
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::unique(all.begin(), all.end()), all.end());
  EXPECT_EQ(all.size(), 8u);
}

TEST_F(SearcherTest, Sorting) {
  SearchRequest r;
  r.limit = 20;
  r.sort = SortOrder::Budget;
  auto res = searcher_->search(r);
  ASSERT_EQ(res.hits.size(), 8u);
  EXPECT_EQ(res.hits.front().id, "p6");
  EXPECT_EQ(res.hits.back().id, "p7");  // no budget: last
  r.sort = SortOrder::BudgetDesc;
  res = searcher_->search(r);
  EXPECT_EQ(res.hits.front().id, "p5");
  r.sort = SortOrder::StartYear;
  res = searcher_->search(r);
  EXPECT_EQ(res.hits.front().id, "p5");
  EXPECT_EQ(res.hits.back().id, "p7");
  r.sort = SortOrder::StartYearDesc;
  res = searcher_->search(r);
  EXPECT_EQ(res.hits.front().id, "p6");
}

TEST_F(SearcherTest, RequestFilters) {
  SearchRequest r;
  r.filters[Facet::Funder] = {"Europeiska socialfonden", "Energimyndigheten"};
  EXPECT_EQ(searcher_->search(r).total, 2u);  // OR within a facet
  r.filters[Facet::Year] = {"2022"};
  EXPECT_EQ(searcher_->search(r).total, 1u);  // AND across facets
  SearchRequest y;
  y.year_from = 2015;
  y.year_to = 2016;
  EXPECT_EQ(searcher_->search(y).total, 2u);
  SearchRequest b;
  b.budget_min = 2000000;
  b.budget_max = 5000000;
  EXPECT_EQ(searcher_->search(b).total, 3u);
  SearchRequest k;
  k.kind = ProjectKind::Article;
  EXPECT_EQ(searcher_->search(k).total, 0u);
}

TEST_F(SearcherTest, GetAndReopen) {
  auto p = searcher_->get("p3");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->title, "Energieffektiva företag");
  EXPECT_FALSE(searcher_->get("missing").has_value());
  EXPECT_FALSE(searcher_->reopen());
}

// The match set is built on a second handle beside the ranking run; it must always be
// the set of the revision the Searcher has open, which a one-pass search
// (FacetCounting::SlotCounts: no match set) also searches.
TEST_F(SearcherTest, MatchSetBesideTheRankingRunKeepsToTheOpenRevision) {
  SearchRequest r;
  r.query = "kommunen";
  r.facets = {Facet::Funder, Facet::Year};
  auto same = [](const SearchResult& a, const SearchResult& b) {
    EXPECT_EQ(a.total, b.total);
    EXPECT_EQ(ids(a), ids(b));
    test::expect_same_facets(a.facets, b.facets);
  };
  Searcher one_pass(dir_);
  one_pass.set_facet_counting(FacetCounting::SlotCounts);
  const SearchResult before = searcher_->search(r);  // the second handle opens here
  ASSERT_GT(before.total, 0u);
  same(before, one_pass.search(r));
  Searcher not_yet_searched(dir_);
  test::add_to_index(dir_, {test::make_project("n1", "Kommunen bygger", "Kommunen bygger ut laddplatser.",
                                               {"Energimyndigheten"}, {}, {2023})});
  // A handle opened now would see the new project: the Searcher opened before it must not.
  same(not_yet_searched.search(r), before);
  same(searcher_->search(r), before);
  ASSERT_TRUE(searcher_->reopen());
  ASSERT_TRUE(not_yet_searched.reopen());
  ASSERT_TRUE(one_pass.reopen());
  const SearchResult after = searcher_->search(r);
  EXPECT_EQ(after.total, before.total + 1);
  same(after, one_pass.search(r));
  same(not_yet_searched.search(r), after);
}

TEST_F(SearcherTest, HitsCarrySnippets) {
  const SearchResult r = run("kommunen");
  ASSERT_FALSE(r.hits.empty());
  for (const Hit& h : r.hits) EXPECT_NE(h.snippet.find("<mark>"), std::string::npos) << h.snippet;
}

TEST_F(SearcherTest, MalformedQueryThrowsQueryError) {
  EXPECT_THROW(run("(bredband"), QueryError);
  EXPECT_THROW(run("foo:bar"), QueryError);
}

}  // namespace
}  // namespace fynd
