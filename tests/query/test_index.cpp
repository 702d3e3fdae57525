#include "test_index.h"

#include <gtest/gtest.h>

#include "schema.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "index_writer.h"
#include "test_support.h"

namespace fynd::test {

Project make_project(const std::string& id, const std::string& title, const std::string& text,
                     std::vector<std::string> funders, std::vector<std::string> regions, std::vector<int> years,
                     std::vector<std::string> themes, std::optional<std::int64_t> budget) {
  Project p;
  p.id = id;
  p.title = title;
  p.text = text;
  p.source.file = "test/" + id + ".txt";
  p.source.format = "text";
  p.funders = std::move(funders);
  p.regions = std::move(regions);
  p.years = std::move(years);
  p.themes = std::move(themes);
  p.budget_sek = budget;
  return p;
}

void build_index(const std::filesystem::path& dir, const std::vector<Project>& projects) {
  std::filesystem::remove_all(dir);
  add_to_index(dir, projects);
}

void add_to_index(const std::filesystem::path& dir, const std::vector<Project>& projects) {
  IndexWriter writer(dir);
  for (const Project& p : projects) writer.add(p);
  writer.commit();
}

std::vector<Project> small_corpus() {
  const std::string erdf = "Europeiska regionala utvecklingsfonden";
  const std::string esf = "Europeiska socialfonden";
  return {
      make_project("p1", "Bredband till landsbygden",
                   "Projektet bygger ut bredband i glesbygden så att kommunen och företagen får snabb uppkoppling. "
                   "Fiber dras till byar där marknaden inte bygger.",
                   {erdf}, {"Arjeplog", "Norrbottens län", "Övre Norrland"}, {2017, 2018, 2019, 2020},
                   {"Digitalisering"}, 4000000),
      make_project("p2", "Unga in i arbete",
                   "Ungdomar som varken arbetar eller studerar får stöd av kommunerna att hitta jobb. "
                   "Projektet finansieras av ESF-stöd och samverkar med Arbetsförmedlingen.",
                   {esf}, {"Jönköping", "Jönköpings län", "Småland och öarna"}, {2019, 2020, 2021},
                   {"Sysselsättning"}, 2500000),
      make_project("p3", "Energieffektiva företag",
                   "Små och medelstora företag minskar sin energianvändning och sina utsläpp av koldioxid. "
                   "Energikartläggning och solceller i kommunen.",
                   {erdf}, {"Växjö", "Kronobergs län", "Småland och öarna"}, {2016, 2017, 2018},
                   {"Koldioxidsnål ekonomi"}, 8000000),
      make_project("p4", "Kommunernas digitala service",
                   "Kommuner samarbetar om e-tjänster och digital service för medborgare <och> företag & föreningar.",
                   {erdf, "Region Jönköpings län"}, {"Jönköpings län", "Småland och öarna"}, {2020, 2021, 2022},
                   {"Digitalisering"}, 1200000),
      make_project("p5", "Innovation i Norrbotten",
                   "Innovationsstöd till nya företag. Inkubatorn hjälper entreprenörer med affärsutveckling.",
                   {erdf}, {"Luleå", "Norrbottens län", "Övre Norrland"}, {2015, 2016},
                   {"Forskning och innovation"}, 15000000),
      make_project("p6", "Solenergi på skolor",
                   "Solceller på kommunens skolor sänker energikostnaderna och används i undervisningen om klimat.",
                   {"Energimyndigheten"}, {"Växjö", "Kronobergs län"}, {2021, 2022}, {"Koldioxidsnål ekonomi"},
                   600000),
      make_project("p7", "Kulturarv och turism",
                   "Besöksnäringen utvecklas kring kulturarv. Guider utbildas och nya turistmål skapas.",
                   {}, {"Gotland", "Gotlands län"}, {}, {}, std::nullopt),
      make_project("p8", "Bredbandsutbyggnad i skärgården",
                   "Bredbandsnätet når öar i skärgården. Bredbandsstödet gör att hushåll och företag ansluts.",
                   {erdf}, {"Norrtälje", "Stockholms län", "Stockholm"}, {2018, 2019}, {"Digitalisering"}, 3000000),
  };
}

std::vector<Project> shared_corpus_projects(const std::filesystem::path& json_file) {
  std::ifstream in(json_file);
  const nlohmann::json all = nlohmann::json::parse(in);
  std::vector<Project> out;
  for (const auto& r : all) {
    Project p;
    p.id = r.value("ärende-id", "");
    if (p.id.empty()) continue;
    p.title = r.value("projektnamn", "");
    p.text = r.value("projektbeskrivning", "");
    p.source.file = json_file.filename().string();
    p.source.format = "json";
    p.funders = {"Europeiska regionala utvecklingsfonden"};
    for (const char* key : {"kommuner", "län", "område"}) {
      std::string v = r.value(key, "");
      std::size_t start = 0;
      while (start < v.size()) {
        std::size_t comma = v.find(',', start);
        if (comma == std::string::npos) comma = v.size();
        std::string part = v.substr(start, comma - start);
        while (!part.empty() && part.front() == ' ') part.erase(0, 1);
        while (!part.empty() && part.back() == ' ') part.pop_back();
        Project::add_unique(p.regions, part);
        start = comma + 1;
      }
    }
    const std::string from = r.value("projekt_starttid", "");
    const std::string to = r.value("projekt_sluttid", "");
    if (from.size() >= 4 && to.size() >= 4) {
      for (int y = std::stoi(from.substr(0, 4)); y <= std::stoi(to.substr(0, 4)); ++y) p.years.push_back(y);
    }
    p.period = {from, to};
    const std::string theme = r.value("tematiskt_mål", "");
    if (!theme.empty()) p.themes.push_back(theme);
    if (r.contains("beviljat_belopp_sek") && r["beviljat_belopp_sek"].is_number()) {
      p.budget_sek = r["beviljat_belopp_sek"].get<std::int64_t>();
    }
    p.owner = r.value("stödmottagare", "");
    out.push_back(std::move(p));
  }
  return out;
}

void expect_same_facets(const std::map<Facet, std::vector<FacetValue>>& a,
                        const std::map<Facet, std::vector<FacetValue>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [facet, values] : a) {
    SCOPED_TRACE(std::string(Schema::facet_name(facet)));
    ASSERT_EQ(b.count(facet), 1u);
    const auto& other = b.at(facet);
    ASSERT_EQ(values.size(), other.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      EXPECT_EQ(values[i].value, other[i].value) << i;
      EXPECT_EQ(values[i].count, other[i].count) << values[i].value;
      EXPECT_EQ(values[i].selected, other[i].selected) << values[i].value;
      EXPECT_EQ(values[i].level, other[i].level) << values[i].value;
      EXPECT_EQ(values[i].parent, other[i].parent) << values[i].value;
    }
  }
}

}  // namespace fynd::test
