#include "understand/segmenter.h"

#include <gtest/gtest.h>

namespace fynd {
namespace {

RawDocument plain(const std::string& text) {
  RawDocument d;
  d.text = text;
  d.blocks = line_blocks(d.text);
  return d;
}

std::vector<std::string> titles(const Segmentation& s) {
  std::vector<std::string> t;
  for (const Segment& u : s.units) t.push_back(u.title);
  return t;
}

TEST(Segmenter, MarkupHeadingsStartUnitsBelowThePageTitle) {
  RawDocument d;
  append_block(d, BlockType::Heading, "Våra projekt", 1);
  append_block(d, BlockType::Paragraph, "Här finns information om kommunens projekt.");
  append_block(d, BlockType::Heading, "Projekt A", 2);
  append_block(d, BlockType::Paragraph, "Projekt A handlar om skolan och pågår 2020-2022.");
  append_block(d, BlockType::Heading, "Kontakt", 3);
  append_block(d, BlockType::Paragraph, "Anna Andersson, projektledare");
  append_block(d, BlockType::Heading, "Projekt B", 2);
  append_block(d, BlockType::Paragraph, "Projekt B handlar om trygghet.");
  append_block(d, BlockType::Paragraph, "Senast granskad/publicerad: 2023-01-01");
  const Segmentation s = Segmenter().segment(d);
  EXPECT_EQ(titles(s), (std::vector<std::string>{"Projekt A", "Projekt B"}));
  EXPECT_EQ(s.page_title, "Våra projekt");
  EXPECT_NE(s.context.find("kommunens projekt"), std::string::npos);
  EXPECT_NE(s.units[0].body.find("Anna Andersson"), std::string::npos);
  EXPECT_EQ(s.units[1].body.find("Senast"), std::string::npos);
}

TEST(Segmenter, PlainTextHeadingsAreInferred) {
  const RawDocument d = plain(
      "Cookies\n\nDen här webbplatsen använder cookies för att ge dig en bättre upplevelse.\n\nLär dig mer\n\n"
      "Våra projekt\n\nHär finns information om våra projekt i kommunen.\n\n"
      "Varför gör vi detta?\n\nFör att kommunen har fått statsbidrag för arbete mot segregation.\n\n"
      "Egenkraft\n\nMålsättningen med projektet är att motverka sociala risker i områdena.\n\n"
      "Projektledare: Hatun Ün, arbetsmarknadsavdelningen\n\n"
      "Hälsoguider\n\nMålet med projektet är att öka folkhälsan i våra prioriterade områden.\n\n"
      "Senast granskad/publicerad:\n\nKONTAKT\n\nKontaktcenter\n");
  const Segmentation s = Segmenter().segment(d);
  EXPECT_EQ(titles(s), (std::vector<std::string>{"Egenkraft", "Hälsoguider"}));
  EXPECT_EQ(s.page_title, "Våra projekt");
  EXPECT_NE(s.context.find("statsbidrag"), std::string::npos);  // question sections are context
  EXPECT_EQ(s.context.find("cookies"), std::string::npos);
  EXPECT_NE(s.units[0].body.find("Projektledare: Hatun Ün"), std::string::npos);
  EXPECT_EQ(s.units[1].body.find("Kontaktcenter"), std::string::npos);
}

TEST(Segmenter, ByteRangesPointAtTheUnit) {
  const RawDocument d = plain("Sida\n\nIntroduktion till sidan och dess projekt i kommunen.\n\n"
                              "Första projektet\n\nDet första projektet handlar om att bygga broar.\n");
  const Segmentation s = Segmenter().segment(d);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(d.text.substr(s.units[0].begin, s.units[0].end - s.units[0].begin),
            "Första projektet\n\nDet första projektet handlar om att bygga broar.");
}

TEST(Segmenter, QuotesAndAttributionNeverPolluteAProject) {
  const RawDocument d = plain(
      "Broschyr om arbetet\n\nInledning om kommunens internationella arbete och partnerskap.\n\n"
      "PROJEKTEXEMPEL 1\nEtt nytt arbetssätt\n\nVäxjö kommun & JB Marks Local Municipality\n\n"
      "Projektet tog fram en ny metod för stöd till familjer.\n\n"
      "- Det här har varit vår största resa och vi är\nmycket stolta över resultatet.\n\n"
      "Per Sandberg, förvaltningschef, Växjö kommun\n\n"
      "PROJEKTEXEMPEL 2\nEnergiplan\nfor Agenda 2030\n\nVäxjö kommun & JB Marks\n\nEn strategisk plan.\n");
  const Segmentation s = Segmenter().segment(d);
  EXPECT_EQ(titles(s), (std::vector<std::string>{"Ett nytt arbetssätt", "Energiplan for Agenda 2030"}));
  EXPECT_EQ(s.units[0].body.find("stolta"), std::string::npos);
  EXPECT_EQ(s.units[0].body.find("Per Sandberg"), std::string::npos);
  EXPECT_NE(s.units[0].body.find("ny metod"), std::string::npos);
}

TEST(Segmenter, NewsArticleWithRoleBullets) {
  const RawDocument d = plain(
      "Välbesökt träff\n\n21 januari 2020\n\nI Nässjö genomfördes en träff om socialfondsmedel.\n\n"
      "Projekten presenterade sig\n\n  • Bas Kalmar, projektledare Anna Åhman\n\n"
      "Projektet syftar till att utveckla en ny arbetsmodell.\n\n"
      "  • Trappstegsmodellen, projektledare José Roberto Hernandez\n\nProjektet ska bidra till minskad stress.\n\n"
      "Bred diskussion\n\nI gruppsamtalen fokuserade man på två frågor.\n");
  const Segmentation s = Segmenter().segment(d);
  ASSERT_EQ(s.units.size(), 3u);
  EXPECT_EQ(s.units[0].kind, ProjectKind::Article);
  EXPECT_EQ(s.units[0].title, "Välbesökt träff");
  EXPECT_NE(s.units[0].body.find("gruppsamtalen"), std::string::npos);
  EXPECT_EQ(s.units[0].body.find("arbetsmodell"), std::string::npos);
  EXPECT_EQ(s.units[1].title, "Bas Kalmar");
  EXPECT_NE(s.units[1].body.find("arbetsmodell"), std::string::npos);
  EXPECT_EQ(s.units[2].title, "Trappstegsmodellen");
  EXPECT_EQ(s.units[2].body.find("gruppsamtalen"), std::string::npos);
}

TEST(Segmenter, SingleSectionIsOneProjectWithItsNumber) {
  const RawDocument d = plain("2019/00503 - Räkna med mig! 2020\n\nDiarienummer:\n2019/00503\nNamn:\nRäkna med mig! 2020\n\n"
                              "Projekt Räkna med mig! avser att pröva och utveckla en ny och innovativ modell.\n");
  const Segmentation s = Segmenter().segment(d);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].title, "Räkna med mig! 2020");
  EXPECT_EQ(s.units[0].number, "2019/00503");
}

TEST(Segmenter, APageWithoutProjectsIsStillOneUnit) {
  const RawDocument d = plain("Om oss\n\nVi är en förening.\n\nVarför finns vi?\n\nFör att hjälpa till i kommunen varje dag.\n");
  const Segmentation s = Segmenter().segment(d);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].title, "Om oss");
  EXPECT_NE(s.units[0].body.find("hjälpa till"), std::string::npos);
}

}  // namespace
}  // namespace fynd
