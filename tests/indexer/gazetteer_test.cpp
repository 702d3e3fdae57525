#include "gazetteer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "test_support.h"

namespace fynd {
namespace {

TEST(Gazetteer, CountsEveryAdministrativeLevel) {
  const Gazetteer& g = Gazetteer::standard();
  std::map<PlaceLevel, int> counts;
  for (const Place& p : g.places()) ++counts[p.level];
  EXPECT_EQ(counts[PlaceLevel::Kommun], 290);
  EXPECT_EQ(counts[PlaceLevel::Lan], 21);
  EXPECT_EQ(counts[PlaceLevel::Riksomrade], 8);
  for (const Place& p : g.places()) {
    if (p.level == PlaceLevel::Kommun) {
      ASSERT_GE(p.parent, 0) << p.name;
      EXPECT_EQ(g.places()[static_cast<std::size_t>(p.parent)].level, PlaceLevel::Lan) << p.name;
    }
    if (p.level == PlaceLevel::Lan) {
      ASSERT_GE(p.parent, 0) << p.name;
      EXPECT_EQ(g.places()[static_cast<std::size_t>(p.parent)].level, PlaceLevel::Riksomrade) << p.name;
    }
  }
}

TEST(Gazetteer, KommunCarriesLanAndRiksomrade) {
  const Gazetteer& g = Gazetteer::standard();
  auto id = g.find_place("Nässjö", PlaceLevel::Kommun);
  ASSERT_TRUE(id);
  std::vector<std::string> names;
  for (int a : g.with_ancestors(*id)) names.push_back(g.places()[static_cast<std::size_t>(a)].name);
  EXPECT_EQ(names, (std::vector<std::string>{"Nässjö", "Jönköpings län", "Småland med öarna"}));
}

TEST(Gazetteer, StructuredForms) {
  const Gazetteer& g = Gazetteer::standard();
  auto name = [&](std::optional<int> id) { return id ? g.places()[static_cast<std::size_t>(*id)].name : "-"; };
  EXPECT_EQ(name(g.find_place("Norrbotten", PlaceLevel::Lan)), "Norrbottens län");
  EXPECT_EQ(name(g.find_place("Kalmar", PlaceLevel::Lan)), "Kalmar län");
  EXPECT_EQ(name(g.find_place("Västra Götaland", PlaceLevel::Lan)), "Västra Götalands län");
  EXPECT_EQ(name(g.find_place("Skåne", PlaceLevel::Lan)), "Skåne län");
  EXPECT_EQ(name(g.find_place("Småland & Öarna", PlaceLevel::Riksomrade)), "Småland med öarna");
  EXPECT_EQ(name(g.find_place("Skåne-Blekinge", PlaceLevel::Riksomrade)), "Sydsverige");
  EXPECT_EQ(name(g.find_place("Stockholm", PlaceLevel::Riksomrade)), "Stockholm");
  EXPECT_EQ(name(g.find_place("LillaEdet", PlaceLevel::Kommun)), "Lilla Edet");
  EXPECT_EQ(name(g.find_place("UpplandsVäsby", PlaceLevel::Kommun)), "Upplands Väsby");
  EXPECT_EQ(name(g.find_place("ÖstraGöinge", PlaceLevel::Kommun)), "Östra Göinge");
}

TEST(Gazetteer, EveryErdfRegionValueResolves) {
  FYND_REQUIRE_SHARED(shared);
  const auto records = nlohmann::json::parse(test::read_file(shared / "corpus/tillvaxtverket-eruf-2014-2020.json"));
  const Gazetteer& g = Gazetteer::standard();
  auto each = [](const std::string& list, auto fn) {
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t c = list.find(',', start);
      if (c == std::string::npos) c = list.size();
      std::string v = list.substr(start, c - start);
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      if (!v.empty()) fn(v);
      start = c + 1;
    }
  };
  for (const auto& r : records) {
    each(r.value("län", ""), [&](const std::string& v) { EXPECT_TRUE(g.find_place(v, PlaceLevel::Lan)) << v; });
    each(r.value("kommuner", ""), [&](const std::string& v) { EXPECT_TRUE(g.find_place(v, PlaceLevel::Kommun)) << v; });
    const std::string omrade = r.value("område", "");
    if (omrade != "Nationellt regionalfondsprogram") {
      EXPECT_TRUE(g.find_place(omrade, PlaceLevel::Riksomrade)) << omrade;
    }
  }
}

TEST(Gazetteer, FundersByAlias) {
  const Gazetteer& g = Gazetteer::standard();
  auto name = [&](std::string_view v) {
    auto id = g.find_funder(v);
    return id ? g.funders()[static_cast<std::size_t>(*id)].name : "-";
  };
  EXPECT_EQ(name("ESF"), "Europeiska socialfonden");
  EXPECT_EQ(name("Socialfonden"), "Europeiska socialfonden");
  EXPECT_EQ(name("ERUF"), "Europeiska regionala utvecklingsfonden");
  EXPECT_EQ(name("Regionalfonden"), "Europeiska regionala utvecklingsfonden");
  EXPECT_EQ(name("Delegationen mot segregation"), "Delmos");
  EXPECT_EQ(name("nonsense"), "-");
}

}  // namespace
}  // namespace fynd
