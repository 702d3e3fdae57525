// Provenance and precedence: a record's structured fields win over what its free text says.
#include "understand/provenance.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "gazetteer.h"
#include "reader_registry.h"
#include "test_support.h"
#include "understand/explain.h"
#include "understand/understander.h"

namespace fynd {
namespace {

using Strings = std::vector<std::string>;

bool has(const Strings& list, const std::string& v) { return std::find(list.begin(), list.end(), v) != list.end(); }

const Evidence* evidence_for(const Project& p, const std::string& field, const std::string& value_part) {
  for (const Evidence& e : p.evidence) {
    if (e.field == field && e.value.find(value_part) != std::string::npos) return &e;
  }
  return nullptr;
}

/// A record as the project-bank reader makes one: period, län/kommun/område, funder, amount.
Project lek3_record() {
  Project r;
  r.id = "eruf-test";
  r.title = "LEK3 – hållbar fastighetsanvändning";
  r.text = "Redan 1995 byggdes de första husen i Umeå. Projektet samarbetar med Luleå kommun och "
           "finansieras av Region Västerbotten. Projektets budget är 4 miljoner kronor.";
  r.period = {"2016-03-01", "2020-12-31"};
  r.years = {2016, 2017, 2018, 2019, 2020};
  r.regions = {"Jämtland", "Östersund", "Mellersta Norrland"};
  r.funders = {"Europeiska regionala utvecklingsfonden"};
  r.granted_sek = 2500000;
  r.budget_sek = 2500000;
  r.fields = {{"län", "Jämtland"}, {"kommuner", "Östersund"}, {"område", "Mellersta Norrland"}};
  return r;
}

TEST(Provenance, StructuredFieldsWinAndTextStaysEvidence) {
  RawDocument doc;
  doc.record = lek3_record();
  const std::vector<Project> out = Understander().projects(doc);
  ASSERT_EQ(out.size(), 1u);
  const Project& p = out[0];
  EXPECT_EQ(p.years, (std::vector<int>{2016, 2017, 2018, 2019, 2020}));
  EXPECT_EQ(p.regions, (Strings{"Jämtlands län", "Mellersta Norrland", "Östersund"}));
  EXPECT_EQ(p.funders, (Strings{"Europeiska regionala utvecklingsfonden"}));
  EXPECT_EQ(p.budget_sek, 2500000);
  // The text's values are kept, as evidence only.
  const Evidence* year = evidence_for(p, "years", "1995");
  ASSERT_NE(year, nullptr);
  EXPECT_EQ(year->origin, Origin::Text);
  EXPECT_FALSE(year->used);
  for (const char* place : {"Umeå", "Luleå"}) {
    const Evidence* e = evidence_for(p, "regions", place);
    ASSERT_NE(e, nullptr) << place;
    EXPECT_FALSE(e->used) << place;
  }
  const Evidence* budget = evidence_for(p, "budget_sek", "4000000");
  ASSERT_NE(budget, nullptr);
  EXPECT_FALSE(budget->used);
  // The record's own values say they are structured.
  const Evidence* lan = evidence_for(p, "regions", "Jämtlands län");
  ASSERT_NE(lan, nullptr);
  EXPECT_EQ(lan->origin, Origin::Structured);
  EXPECT_TRUE(lan->used);
  const Evidence* period = evidence_for(p, "years", "2016");
  ASSERT_NE(period, nullptr);
  EXPECT_EQ(period->origin, Origin::Structured);
}

TEST(Provenance, EmptyStructuredFieldIsFilledFromText) {
  RawDocument doc;
  Project r = lek3_record();
  r.regions.clear();
  r.fields.clear();
  r.years.clear();
  r.period = {};
  r.text += " Projektet pågår från januari 2018 till juni 2019.";
  doc.record = r;
  const Project p = Understander().projects(doc).at(0);
  EXPECT_TRUE(has(p.regions, "Umeå"));
  EXPECT_TRUE(has(p.regions, "Luleå"));
  EXPECT_EQ(p.years, (std::vector<int>{2018, 2019}));
  const Evidence* e = evidence_for(p, "regions", "Umeå");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->origin, Origin::Text);
  EXPECT_TRUE(e->used);
}

TEST(Provenance, PageContextIsMarkedAsSuch) {
  RawDocument doc;
  doc.source.file = "data/sample/sida.txt";
  doc.text = "Våra projekt\n\nHär finns information om våra projekt i Nässjö kommun och vad de gör.\n\n"
             "Första projektet\n\nProjektet handlar om arbetsmarknaden och pågår från januari 2020 till juni 2022.\n\n"
             "Andra projektet\n\nProjektet handlar om skolan och eleverna, och pågår mellan 2019 och 2021.\n";
  const std::vector<Project> out = Understander().projects(doc);
  ASSERT_EQ(out.size(), 2u);
  const Evidence* e = evidence_for(out[0], "regions", "Nässjö");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->origin, Origin::Page);
}

TEST(Provenance, EvidenceRoundTripsThroughJson) {
  Project p;
  p.evidence.push_back({"years", "1995", "Redan 1995"});
  p.evidence.back().used = false;
  p.evidence.push_back({"regions", "Östersund", "kommuner: Östersund"});
  p.evidence.back().origin = Origin::Structured;
  const Project back = nlohmann::json(p).get<Project>();
  ASSERT_EQ(back.evidence.size(), 2u);
  EXPECT_FALSE(back.evidence[0].used);
  EXPECT_EQ(back.evidence[0].origin, Origin::Text);
  EXPECT_EQ(back.evidence[1].origin, Origin::Structured);
  EXPECT_TRUE(back.evidence[1].used);
  // Evidence stored before origins existed reads as used free text.
  const Evidence old = nlohmann::json::parse(R"({"field":"years","value":"2020","text":"2020"})").get<Evidence>();
  EXPECT_EQ(old.origin, Origin::Text);
  EXPECT_TRUE(old.used);
}

TEST(Provenance, ExplainNamesOrigins) {
  RawDocument doc;
  doc.record = lek3_record();
  const std::string s = explain_projects(Understander().projects(doc));
  EXPECT_NE(s.find("regions:  Jämtlands län; Mellersta Norrland; Östersund  [structured]"), std::string::npos) << s;
  EXPECT_NE(s.find("not indexed: the record's field wins"), std::string::npos) << s;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

int year_of(const std::string& date) { return date.size() >= 4 ? std::stoi(date.substr(0, 4)) : 0; }

struct Counts {
  std::size_t predicted = 0, correct = 0, truth = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / static_cast<double>(predicted) : 1.0; }
  double recall() const { return truth ? static_cast<double>(correct) / static_cast<double>(truth) : 1.0; }
};

// Every ERDF record's years lie in its own projekt_starttid..projekt_sluttid, its regions
// are its län, kommuner, område and their parents, its funder is the fund: whatever the
// description mentions. Prints metadata precision and recall against those fields.
TEST(Provenance, ErdfRecordsKeepToTheirStructuredFields) {
  FYND_REQUIRE_SHARED(shared);
  const std::filesystem::path file = shared / "corpus/tillvaxtverket-eruf-2014-2020.json";
  const nlohmann::json records = nlohmann::json::parse(test::read_file(file));
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& r : records) by_id["eruf-" + r.at("ärende-id").get<std::string>()] = r;
  const Gazetteer& g = Gazetteer::standard();
  auto with_parents = [&](std::optional<int> id, std::set<std::string>& out) {
    if (!id) return;
    for (int a : g.with_ancestors(*id)) out.insert(g.places()[static_cast<std::size_t>(a)].name);
  };
  Counts years, regions, funders;
  std::size_t n = 0, bad_year = 0, bad_region = 0;
  for (const Project& p : understand_file(file)) {
    ++n;
    ASSERT_TRUE(by_id.count(p.id)) << p.id;
    const nlohmann::json& r = by_id[p.id];
    std::set<int> true_years;
    for (int y = year_of(r.value("projekt_starttid", "")); y > 0 && y <= year_of(r.value("projekt_sluttid", "")); ++y) {
      true_years.insert(y);
    }
    std::set<std::string> true_regions;
    for (const std::string& l : test::split_commas(r.value("län", ""))) with_parents(g.find_place(l, PlaceLevel::Lan), true_regions);
    for (const std::string& k : test::split_commas(r.value("kommuner", ""))) {
      with_parents(g.find_place(k, PlaceLevel::Kommun), true_regions);
    }
    with_parents(g.find_place(r.value("område", ""), PlaceLevel::Riksomrade), true_regions);
    years.truth += true_years.size();
    years.predicted += p.years.size();
    for (int y : p.years) {
      if (true_years.count(y)) {
        ++years.correct;
      } else {
        ++bad_year;
        ADD_FAILURE() << p.id << " (" << p.title << ") has year " << y << " outside its period " << r.value("projekt_starttid", "")
                      << " .. " << r.value("projekt_sluttid", "");
      }
    }
    regions.truth += true_regions.size();
    regions.predicted += p.regions.size();
    for (const std::string& reg : p.regions) {
      if (true_regions.count(reg)) {
        ++regions.correct;
      } else {
        ++bad_region;
        ADD_FAILURE() << p.id << " (" << p.title << ") has region " << reg << " outside its län/kommuner/område";
      }
    }
    for (const Evidence& e : p.evidence) {
      EXPECT_TRUE(valid_utf8(e.text)) << p.id << " evidence for " << e.field << " cuts a character: " << e.text;
    }
    funders.truth += 1;
    funders.predicted += p.funders.size();
    funders.correct += has(p.funders, "Europeiska regionala utvecklingsfonden") ? 1 : 0;
  }
  EXPECT_EQ(n, 374u);
  std::printf("ERDF metadata against its structured fields (%zu records):\n", n);
  std::printf("  years    precision %.3f  recall %.3f\n", years.precision(), years.recall());
  std::printf("  regions  precision %.3f  recall %.3f\n", regions.precision(), regions.recall());
  std::printf("  funders  precision %.3f  recall %.3f\n", funders.precision(), funders.recall());
  EXPECT_EQ(bad_year, 0u);
  EXPECT_EQ(bad_region, 0u);
  EXPECT_GE(years.recall(), 0.99);
  EXPECT_GE(regions.recall(), 0.99);
  EXPECT_GE(funders.precision(), 0.99);
  EXPECT_GE(funders.recall(), 0.99);
}

}  // namespace
}  // namespace fynd
