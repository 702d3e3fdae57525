#include <gtest/gtest.h>

#include <limits>

#include "region_hierarchy.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

const RegionNode* child(const std::vector<RegionNode>& nodes, const std::string& value) {
  for (const RegionNode& n : nodes) {
    if (n.value == value) return &n;
  }
  return nullptr;
}

constexpr std::string_view kRegions =
    "name\tlevel\tparent\taliases\tflags\n"
    "Övre Norrland\triksområde\t\t\t\n"
    "Norrbottens län\tlän\tÖvre Norrland\tNorrbotten\t\n"
    "Luleå\tkommun\tNorrbottens län\t\t\n"
    "Kiruna\tkommun\tNorrbottens län\t\t\n"
    "Sydafrika\tland\t\t\t\n";

TEST(RegionTree, NestsKommunUnderLanUnderRiksomrade) {
  const RegionHierarchy h(kRegions);
  const std::vector<FacetValue> values = {
      {"Övre Norrland", 5, false, "", ""}, {"Norrbottens län", 5, false, "", ""}, {"Luleå", 3, true, "", ""},
      {"Kiruna", 2, false, "", ""},        {"Sydafrika", 9, false, "", ""},       {"Atlantis", 1, false, "", ""}};
  const auto tree = h.tree(values);
  ASSERT_EQ(tree.size(), 3u);
  EXPECT_EQ(tree[0].value, "Övre Norrland") << "riksområden first, whatever the counts";
  EXPECT_EQ(tree[1].value, "Sydafrika");
  EXPECT_EQ(tree[1].level, "land");
  EXPECT_EQ(tree[2].value, "Atlantis");
  EXPECT_EQ(tree[2].level, "");
  ASSERT_EQ(tree[0].children.size(), 1u);
  const RegionNode& lan = tree[0].children[0];
  EXPECT_EQ(lan.value, "Norrbottens län");
  EXPECT_EQ(lan.level, "län");
  EXPECT_EQ(lan.count, 5u);
  ASSERT_EQ(lan.children.size(), 2u);
  EXPECT_EQ(lan.children[0].value, "Luleå") << "most projects first";
  EXPECT_TRUE(lan.children[0].selected);
  EXPECT_EQ(lan.children[0].level, "kommun");
  EXPECT_EQ(lan.children[1].value, "Kiruna");
  EXPECT_TRUE(lan.children[1].children.empty());
}

TEST(RegionTree, AddsMissingParentsWithCountZero) {
  const RegionHierarchy h(kRegions);
  const auto tree = h.tree({{"Kiruna", 0, true, "", ""}});
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].value, "Övre Norrland");
  EXPECT_EQ(tree[0].count, 0u);
  ASSERT_EQ(tree[0].children.size(), 1u);
  ASSERT_EQ(tree[0].children[0].children.size(), 1u);
  EXPECT_TRUE(tree[0].children[0].children[0].selected);
}

TEST(RegionTree, AnAliasMeetsItsChildren) {
  const RegionHierarchy h(kRegions);
  const auto tree = h.tree({{"Norrbotten", 2, false, "", ""}, {"Luleå", 2, false, "", ""}});
  ASSERT_EQ(tree.size(), 1u);
  ASSERT_EQ(tree[0].children.size(), 1u);
  EXPECT_EQ(tree[0].children[0].value, "Norrbotten") << "the facet's own display value is kept";
  ASSERT_EQ(tree[0].children[0].children.size(), 1u);
  EXPECT_EQ(tree[0].children[0].children[0].value, "Luleå");
}

TEST(RegionTree, CountsOfASearchAddUpAlongTheRealHierarchy) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, test::small_corpus());
  const Searcher searcher(dir);
  SearchRequest request;
  request.facets = {Facet::Region};
  request.max_facet_values = std::numeric_limits<std::size_t>::max();
  request.limit = 0;
  const SearchResult result = searcher.search(request);
  const auto tree = RegionHierarchy::shared().tree(result.facets.at(Facet::Region));
  const RegionNode* norr = child(tree, "Övre Norrland");
  ASSERT_NE(norr, nullptr);
  EXPECT_EQ(norr->level, "riksområde");
  EXPECT_EQ(norr->count, 2u);  // p1, p5
  const RegionNode* lan = child(norr->children, "Norrbottens län");
  ASSERT_NE(lan, nullptr);
  EXPECT_EQ(lan->count, 2u);
  ASSERT_NE(child(lan->children, "Arjeplog"), nullptr);
  ASSERT_NE(child(lan->children, "Luleå"), nullptr);
  EXPECT_EQ(child(lan->children, "Luleå")->level, "kommun");
  // "Småland och öarna" is an alias of the riksområde the län name as their parent.
  const RegionNode* smaland = child(tree, "Småland och öarna");
  ASSERT_NE(smaland, nullptr);
  EXPECT_NE(child(smaland->children, "Jönköpings län"), nullptr);
  EXPECT_NE(child(smaland->children, "Kronobergs län"), nullptr);
  for (const RegionNode& root : tree) {
    for (const RegionNode& l : root.children) {
      for (const RegionNode& k : l.children) EXPECT_LE(k.count, l.count) << k.value;
      EXPECT_LE(l.count, root.count) << l.value;
    }
  }
}

}  // namespace
}  // namespace fynd
