#include "facet_counter.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>

#include "pipeline.h"
#include "region_hierarchy.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"
#include "text.h"

namespace fynd {
namespace {

using Counts = std::map<std::string, std::uint64_t>;  // folded value -> count

std::vector<std::string> facet_values_of(const Project& p, Facet f) {
  switch (f) {
    case Facet::Funder: return p.funders;
    case Facet::Region: return p.regions;
    case Facet::Theme: return p.themes;
    case Facet::Year: {
      std::vector<std::string> out;
      for (int y : p.years) out.push_back(std::to_string(y));
      return out;
    }
  }
  return {};
}

std::set<std::string> folded_set(const std::vector<std::string>& values) {
  std::set<std::string> out;
  for (const auto& v : values) {
    const std::string k = text::fold_case(text::trim(v));
    if (!k.empty()) out.insert(k);
  }
  return out;
}

/// Facet counts recomputed from the stored records of the projects the text query matches.
std::map<Facet, Counts> brute_force(const std::vector<Project>& text_matches, const SearchRequest& r) {
  std::map<Facet, Counts> out;
  for (Facet f : kAllFacets) {
    Counts& counts = out[f];
    for (const Project& p : text_matches) {
      bool passes = true;
      for (const auto& [g, selected] : r.filters) {
        if (g == f || selected.empty()) continue;
        const auto have = folded_set(facet_values_of(p, g));
        const auto want = folded_set(selected);
        passes = passes && std::any_of(want.begin(), want.end(), [&](const std::string& w) { return have.count(w) > 0; });
      }
      if (!passes) continue;
      for (const std::string& k : folded_set(facet_values_of(p, f))) ++counts[k];
    }
  }
  return out;
}

std::vector<Project> all_matches(const Searcher& s, const std::string& query) {
  SearchRequest r;
  r.query = query;
  r.limit = static_cast<std::size_t>(s.document_count()) + 1;
  r.snippets = false;
  r.spelling = false;  // the exact query: no corrected or relaxed retry
  std::vector<Project> out;
  for (Hit& h : s.search(r).hits) out.push_back(std::move(h.project));
  return out;
}

/// Picks random values of a facet from the stored projects.
std::vector<std::string> pick(const std::vector<Project>& all, Facet f, std::mt19937& rng, int n) {
  std::vector<std::string> out;
  for (int tries = 0; tries < 50 && static_cast<int>(out.size()) < n; ++tries) {
    const Project& p = all[rng() % all.size()];
    const auto values = facet_values_of(p, f);
    if (!values.empty()) out.push_back(values[rng() % values.size()]);
  }
  return out;
}

void check_random_combinations(const Searcher& searcher, const std::vector<std::string>& queries, int rounds) {
  // The stored projects each query matches, read once per query (not once per round: each
  // read is every matching document, and the rounds draw from a handful of queries).
  std::map<std::string, std::vector<Project>> matches;
  auto matches_of = [&](const std::string& q) -> const std::vector<Project>& {
    auto it = matches.find(q);
    if (it == matches.end()) it = matches.emplace(q, all_matches(searcher, q)).first;
    return it->second;
  };
  const std::vector<Project>& everything = matches_of("");
  ASSERT_FALSE(everything.empty());
  std::mt19937 rng(12345);
  for (int round = 0; round < rounds; ++round) {
    SearchRequest r;
    r.query = queries[rng() % queries.size()];
    r.facets.assign(kAllFacets.begin(), kAllFacets.end());
    r.max_facet_values = 100000;
    r.limit = 3;
    r.spelling = false;
    for (Facet f : kAllFacets) {
      if (rng() % 3 == 0) r.filters[f] = pick(everything, f, rng, 1 + static_cast<int>(rng() % 2));
    }
    std::ostringstream what;
    what << "round " << round << " query '" << r.query << "' request " << nlohmann::json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    SCOPED_TRACE(what.str());
    const SearchResult result = searcher.search(r);
    const auto expected = brute_force(matches_of(r.query), r);
    for (Facet f : kAllFacets) {
      Counts got;
      for (const FacetValue& v : result.facets.at(f)) {
        if (v.count > 0) got[text::fold_case(v.value)] = v.count;
        const bool selected = r.filters.count(f) > 0 && folded_set(r.filters.at(f)).count(text::fold_case(v.value)) > 0;
        EXPECT_EQ(v.selected, selected) << v.value;
      }
      EXPECT_EQ(got, expected.at(f)) << "facet " << Schema::facet_name(f);
      if (r.filters.count(f) > 0) {
        for (const std::string& k : folded_set(r.filters.at(f))) {
          EXPECT_TRUE(std::any_of(result.facets.at(f).begin(), result.facets.at(f).end(),
                                  [&](const FacetValue& v) { return text::fold_case(v.value) == k && v.selected; }))
              << "selected value missing: " << k;
        }
      }
    }
  }
}

/// A synthetic index with random words and facet values.
std::vector<Project> synthetic(std::size_t n) {
  const std::vector<std::string> words = {"bredband", "kommunen", "företag", "energi", "skola", "ungdomar",
                                          "innovation", "turism", "fiber", "klimat", "arbete", "integration"};
  const std::vector<std::string> funders = {"ERUF", "ESF", "Energimyndigheten", "Region Gotland", "Vinnova"};
  const std::vector<std::string> regions = {"Växjö", "Kronobergs län", "Luleå", "Norrbottens län", "Gotland",
                                            "Småland med öarna", "Övre Norrland", "Jönköpings län"};
  const std::vector<std::string> themes = {"Digitalisering", "Sysselsättning", "Koldioxidsnål ekonomi", "Innovation"};
  std::mt19937 rng(7);
  std::vector<Project> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 12; ++w) text += words[rng() % words.size()] + " ";
    auto some = [&](const std::vector<std::string>& pool, unsigned max) {
      std::vector<std::string> v;
      for (unsigned k = rng() % (max + 1); k > 0; --k) Project::add_unique(v, pool[rng() % pool.size()]);
      return v;
    };
    std::vector<int> years;
    if (rng() % 5 != 0) {
      const int start = 2014 + static_cast<int>(rng() % 8);
      for (int y = start; y <= start + static_cast<int>(rng() % 4); ++y) years.push_back(y);
    }
    out.push_back(test::make_project("s" + std::to_string(i), "Projekt " + std::to_string(i), text, some(funders, 2),
                                     some(regions, 3), years, some(themes, 2),
                                     static_cast<std::int64_t>(rng() % 10000000)));
  }
  return out;
}

TEST(FacetCounter, EqualsBruteForceOnSyntheticIndex) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, synthetic(400));
  const Searcher searcher(dir);
  check_random_combinations(searcher, {"", "bredband", "energi OR klimat", "kommunen företag", "-turism", "skola*"},
                            60);
}

TEST(FacetCounter, EqualsBruteForceOnSampleAndSharedCorpus) {
  FYND_REQUIRE_SHARED(shared);
  const auto corpus = shared / "corpus" / "tillvaxtverket-eruf-2014-2020.json";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no " << corpus;
  const auto dir = test::temp_dir() / "db";
  // data/sample through the real pipeline, the ERDF records through IndexWriter with the
  // facets the project bank states (county, municipalities, area, thematic goal).
  IndexOptions options;
  options.db = dir;
  options.inputs = {test::source_dir() / "data" / "sample"};
  options.quiet = true;
  std::ostringstream log;
  Pipeline(options, log).run();
  test::add_to_index(dir, test::shared_corpus_projects(corpus));
  const Searcher searcher(dir);
  ASSERT_GT(searcher.document_count(), 300u);
  check_random_combinations(searcher, {"", "bredband", "företag", "energi OR klimat", "turism -bredband", "innovation*"},
                            25);
}

class FacetMultiSelect : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    test::build_index(dir_, test::small_corpus());
    searcher_ = std::make_unique<Searcher>(dir_);
  }
  SearchResult run(std::map<Facet, std::vector<std::string>> filters) const {
    SearchRequest r;
    r.filters = std::move(filters);
    r.facets.assign(kAllFacets.begin(), kAllFacets.end());
    return searcher_->search(r);
  }
  static const FacetValue* find(const SearchResult& r, Facet f, const std::string& value) {
    for (const FacetValue& v : r.facets.at(f)) {
      if (v.value == value) return &v;
    }
    return nullptr;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(FacetMultiSelect, TwoFundersWidenFunderAndYearNarrows) {
  const std::string esf = "Europeiska socialfonden";
  const std::string energy = "Energimyndigheten";
  const SearchResult one = run({{Facet::Funder, {esf}}});
  EXPECT_EQ(one.total, 1u);
  // The funder facet ignores its own selection: other funders keep their full counts.
  ASSERT_NE(find(one, Facet::Funder, energy), nullptr);
  EXPECT_EQ(find(one, Facet::Funder, energy)->count, 1u);
  EXPECT_TRUE(find(one, Facet::Funder, esf)->selected);
  EXPECT_EQ(find(one, Facet::Funder, "Europeiska regionala utvecklingsfonden")->count, 5u);
  // Other facets count only the selection.
  EXPECT_EQ(find(one, Facet::Region, "Jönköpings län")->count, 1u);

  const SearchResult two = run({{Facet::Funder, {esf, energy}}});
  EXPECT_EQ(two.total, 2u);
  const SearchResult narrowed = run({{Facet::Funder, {esf, energy}}, {Facet::Year, {"2022"}}});
  EXPECT_EQ(narrowed.total, 1u);
  // Year counts ignore the year selection but respect the funders.
  EXPECT_EQ(find(narrowed, Facet::Year, "2019")->count, 1u);
  EXPECT_EQ(find(narrowed, Facet::Year, "2022")->count, 1u);
  EXPECT_TRUE(find(narrowed, Facet::Year, "2022")->selected);
}

TEST_F(FacetMultiSelect, SelectedValueWithZeroCountAppears) {
  const SearchResult r = run({{Facet::Theme, {"Finns inte"}}, {Facet::Funder, {"Energimyndigheten"}}});
  EXPECT_EQ(r.total, 0u);
  const FacetValue* v = find(r, Facet::Theme, "Finns inte");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->count, 0u);
  EXPECT_TRUE(v->selected);
}

TEST_F(FacetMultiSelect, OrderAndRegionLevels) {
  const SearchResult r = run({});
  const auto& years = r.facets.at(Facet::Year);
  for (std::size_t i = 1; i < years.size(); ++i) EXPECT_LT(years[i - 1].value, years[i].value);
  const auto& funders = r.facets.at(Facet::Funder);
  for (std::size_t i = 1; i < funders.size(); ++i) EXPECT_GE(funders[i - 1].count, funders[i].count);
  const FacetValue* lan = find(r, Facet::Region, "Jönköpings län");
  ASSERT_NE(lan, nullptr);
  EXPECT_EQ(lan->count, 2u);
  if (!RegionHierarchy::shared().empty()) {
    EXPECT_EQ(lan->level, "län");
    EXPECT_EQ(find(r, Facet::Region, "Växjö")->parent, "Kronobergs län");
  }
}

TEST_F(FacetMultiSelect, CutKeepsTheMostFrequentAndEverySelectedValue) {
  SearchRequest r;
  r.facets = {Facet::Region, Facet::Theme};
  r.max_facet_values = 1000;
  const SearchResult full = searcher_->search(r);
  const std::vector<FacetValue>& regions = full.facets.at(Facet::Region);
  ASSERT_GT(regions.size(), 4u);
  for (std::size_t i = 1; i < regions.size(); ++i) {
    const bool ordered = regions[i - 1].count > regions[i].count ||
                         (regions[i - 1].count == regions[i].count && regions[i - 1].value < regions[i].value);
    EXPECT_TRUE(ordered) << regions[i - 1].value << " before " << regions[i].value;
  }
  // Select the last region: the region facet ignores its own selection, so counts stay.
  const FacetValue last = regions.back();
  r.max_facet_values = 2;
  r.filters[Facet::Region] = {last.value, "Ingen sådan ort"};
  const SearchResult cut = searcher_->search(r);
  const std::vector<FacetValue>& kept = cut.facets.at(Facet::Region);
  ASSERT_EQ(kept.size(), 4u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(kept[i].value, regions[i].value);
    EXPECT_EQ(kept[i].count, regions[i].count);
    EXPECT_EQ(kept[i].level, regions[i].level);
    EXPECT_EQ(kept[i].parent, regions[i].parent);
    EXPECT_FALSE(kept[i].selected);
  }
  EXPECT_EQ(kept[2].value, last.value);  // beyond the cut, but selected
  EXPECT_EQ(kept[2].count, last.count);
  EXPECT_EQ(kept[2].level, last.level);
  EXPECT_TRUE(kept[2].selected);
  EXPECT_EQ(kept[3].value, "Ingen sådan ort");  // selected, matching nothing
  EXPECT_EQ(kept[3].count, 0u);
  EXPECT_TRUE(kept[3].selected);
}

}  // namespace
}  // namespace fynd
