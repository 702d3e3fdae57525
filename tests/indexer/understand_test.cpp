#include "understand/understander.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "reader_registry.h"
#include "test_support.h"
#include "gazetteer.h"

namespace fynd {
namespace {

bool has(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

TEST(Understander, RecordsPassThroughWithNormalisedRegionsAndThemes) {
  RawDocument doc;
  Project r;
  r.id = "eruf-20200940";
  r.title = "Ortsammanbindande nät Arjeplogs kommun";
  r.text = "Avsikten med projektet är att bygga ett ortsammanbindande nät i glest befolkade delar.";
  r.regions = {"Norrbotten", "Arjeplog", "Övre Norrland"};
  r.funders = {"Europeiska regionala utvecklingsfonden"};
  r.fields = {{"län", "Norrbotten"}, {"kommuner", "Arjeplog"}, {"område", "Övre Norrland"},
              {"tematiskt_mål", "Att öka tillgången till, användningen av och kvaliteten på IKT"}};
  doc.record = r;
  const Understander u;
  const std::vector<Project> out = u.projects(doc);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id, "eruf-20200940");
  EXPECT_EQ(out[0].regions, (std::vector<std::string>{"Norrbottens län", "Övre Norrland", "Arjeplog"}));
  EXPECT_TRUE(has(out[0].themes, "bredband och digitalisering"));
  EXPECT_EQ(out[0].funders, (std::vector<std::string>{"Europeiska regionala utvecklingsfonden"}));
}

TEST(Understander, LanFieldNamedLikeItsSeatIsTheLan) {
  RawDocument doc;
  Project r;
  r.title = "Test";
  r.regions = {"Jönköping"};
  r.fields = {{"län", "Jönköping"}};
  doc.record = r;
  const std::vector<Project> out = Understander().projects(doc);
  EXPECT_EQ(out[0].regions, (std::vector<std::string>{"Jönköpings län", "Småland med öarna"}));
}

// Every ERDF record's län, kommuner, område and tematiskt mål land in the same region and
// theme values as free-text projects use.
TEST(Understander, ErdfCorpusLandsInTheSameFacets) {
  FYND_REQUIRE_SHARED(shared);
  const std::filesystem::path file = shared / "corpus/tillvaxtverket-eruf-2014-2020.json";
  const std::string bytes = test::read_file(file);
  const ReaderRegistry registry;
  const Reader& reader = registry.reader_for(file, std::string_view(bytes).substr(0, 8192));
  const Understander u;
  const Gazetteer& g = Gazetteer::standard();
  auto name = [&](std::optional<int> id) { return id ? g.places()[static_cast<std::size_t>(*id)].name : "?"; };
  std::size_t records = 0;
  std::map<std::string, int> themes;
  for (const RawDocument& doc : reader.read(file, bytes)) {
    for (const Project& p : u.projects(doc)) {
      ++records;
      std::map<std::string, std::string> f(p.fields.begin(), p.fields.end());
      for (const std::string& lan : test::split_commas(f["län"])) {
        EXPECT_TRUE(has(p.regions, name(g.find_place(lan, PlaceLevel::Lan)))) << p.id << " län " << lan;
      }
      for (const std::string& k : test::split_commas(f["kommuner"])) {
        const std::string n = name(g.find_place(k, PlaceLevel::Kommun));
        EXPECT_TRUE(has(p.regions, n)) << p.id << " kommun " << k;
      }
      if (f["område"] != "Nationellt regionalfondsprogram") {
        EXPECT_TRUE(has(p.regions, name(g.find_place(f["område"], PlaceLevel::Riksomrade)))) << p.id;
      }
      if (f["tematiskt_mål"] != "Tekniskt stöd") {
        EXPECT_FALSE(p.themes.empty()) << p.id << " " << f["tematiskt_mål"];
      }
      for (const std::string& t : p.themes) ++themes[t];
    }
  }
  EXPECT_EQ(records, 374u);
  EXPECT_GT(themes["innovation och forskning"], 50);
  EXPECT_GT(themes["näringsliv och företagande"], 100);
}

TEST(Understander, IdsAreStableAndUrlSafe) {
  RawDocument doc;
  doc.source.file = "data/sample/Exempel sida.txt";
  doc.text = "Våra projekt\n\nHär finns information om våra projekt i Nässjö kommun och vad de gör.\n\n"
             "Första projektet\n\nProjektet handlar om arbetsmarknaden och pågår från januari 2020 till juni 2022.\n\n"
             "Andra projektet\n\nProjektet handlar om skolan och eleverna, och pågår mellan 2019 och 2021.\n";
  const Understander u;
  const std::vector<Project> a = u.projects(doc);
  const std::vector<Project> b = u.projects(doc);
  ASSERT_EQ(a.size(), 2u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-"), std::string::npos) << a[i].id;
  }
  EXPECT_EQ(a[0].id, "exempel-sida-forsta-projektet");
  EXPECT_TRUE(has(a[0].regions, "Nässjö"));  // inherited from the page
  EXPECT_EQ(a[1].years, (std::vector<int>{2019, 2020, 2021}));
}

}  // namespace
}  // namespace fynd
