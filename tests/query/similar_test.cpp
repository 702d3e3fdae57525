#include "similar.h"

#include <gtest/gtest.h>

#include "error.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

TEST(Similar, FromProjectExcludesItselfAndExplains) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, test::small_corpus());
  const Searcher searcher(dir);
  SimilarRequest r;
  r.id = "p3";  // energy efficient companies
  const SimilarResult s = SimilarProjects(searcher).find(r);
  ASSERT_FALSE(s.hits.empty());
  EXPECT_FALSE(s.terms.empty());
  for (const SimilarHit& h : s.hits) EXPECT_NE(h.hit.id, "p3");
  EXPECT_EQ(s.hits.front().hit.id, "p6");  // solar cells, energy, kommunen
  EXPECT_FALSE(s.hits.front().shared_terms.empty());
  EXPECT_EQ(s.hits.front().shared_facets.at(Facet::Region), (std::vector<std::string>{"Växjö", "Kronobergs län"}));
  EXPECT_THROW(SimilarProjects(searcher).find(SimilarRequest{"nope", "", {}, 10, 25}), NotFoundError);
  EXPECT_THROW(SimilarProjects(searcher).find(SimilarRequest{}), QueryError);
  const auto j = nlohmann::json(s);
  EXPECT_TRUE(j["hits"][0].contains("shared_terms"));
  EXPECT_TRUE(j["hits"][0]["shared_facets"].contains("region"));
}

TEST(Similar, FromTextWithFilters) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, test::small_corpus());
  const Searcher searcher(dir);
  SimilarRequest r;
  r.text = "Vi vill bygga ut bredband och fiber till byar på landsbygden";
  SimilarResult s = SimilarProjects(searcher).find(r);
  ASSERT_FALSE(s.hits.empty());
  EXPECT_EQ(s.hits.front().hit.id, "p1");
  r.filters.filters[Facet::Region] = {"Stockholms län"};
  s = SimilarProjects(searcher).find(r);
  for (const SimilarHit& h : s.hits) EXPECT_EQ(h.hit.id, "p8");
  r.text = "xyzzy qwerty";
  EXPECT_THROW(SimilarProjects(searcher).find(r), QueryError);
}

TEST(Similar, EnergyProjectFindsErdfEnergyProjects) {
  FYND_REQUIRE_SHARED(shared);
  const auto corpus = shared / "corpus" / "tillvaxtverket-eruf-2014-2020.json";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no " << corpus;
  const auto projects = test::shared_corpus_projects(corpus);
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, projects);
  const Searcher searcher(dir);
  // The first project about energy efficiency in companies.
  std::string id;
  for (const Project& p : projects) {
    if (p.title.find("nergi") != std::string::npos && p.text.find("energieffektiv") != std::string::npos) {
      id = p.id;
      break;
    }
  }
  ASSERT_FALSE(id.empty());
  SimilarRequest r;
  r.id = id;
  r.limit = 5;
  const SimilarResult s = SimilarProjects(searcher).find(r);
  ASSERT_EQ(s.hits.size(), 5u);
  int energy = 0;
  for (const SimilarHit& h : s.hits) {
    EXPECT_NE(h.hit.id, id);
    EXPECT_FALSE(h.shared_terms.empty());
    const std::string all = h.hit.project.title + " " + h.hit.project.text;
    if (all.find("nergi") != std::string::npos) ++energy;
    EXPECT_EQ(h.hit.project.funders, std::vector<std::string>{"Europeiska regionala utvecklingsfonden"});
  }
  EXPECT_GE(energy, 4) << "similar projects of an energy project are about energy";
}

}  // namespace
}  // namespace fynd
