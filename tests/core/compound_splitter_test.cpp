#include "compound_splitter.h"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace fynd {
namespace {

std::string joined(const std::vector<CompoundPart>& parts, bool base) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "|") + (base ? p.base : p.text);
  return out;
}

std::vector<std::string> words(const std::string& list) {
  std::istringstream in(list);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(CompoundSplitter, SplitsAtLinkingLetters) {
  CompoundSplitter s(SwedishLexicon::shared());
  EXPECT_EQ(joined(s.split("kompetensförsörjning"), false), "kompetens|försörjning");
  EXPECT_EQ(joined(s.split("bredbandsutbyggnad"), false), "bredbands|utbyggnad");
  EXPECT_EQ(joined(s.split("bredbandsutbyggnad"), true), "bredband|utbyggnad");
  EXPECT_EQ(joined(s.split_fully("arbetsmarknadsavdelningen"), false), "arbets|marknads|avdelningen");
  EXPECT_EQ(joined(s.split_fully("arbetsmarknadsavdelningen"), true), "arbete|marknad|avdelningen");
}

TEST(CompoundSplitter, LeavesOrdinaryWordsAndNamesWhole) {
  CompoundSplitter s(SwedishLexicon::shared());
  for (const char* w : {"kommunen", "företagare", "verksamhet", "regionerna", "norrköping", "jönköping", "information",
                        "2019", "fn:s", "e-post"}) {
    EXPECT_TRUE(s.split(w).empty()) << w << " -> " << joined(s.split(w), false) << "\n";
  }
}

// Precision and recall on a list of words from Swedish project texts: the first list is
// compounds (any split of them counts as right), the second ordinary words and names.
TEST(CompoundSplitter, PrecisionOnProjectVocabulary) {
  const auto compounds = words(
      "arbetsmarknadsavdelningen kompetensförsörjning bredbandsutbyggnad landsbygdsutveckling "
      "näringslivsutveckling besöksnäringen miljöteknik energieffektivisering utbildningsinsatser "
      "projektledare projektledaren kompetensutveckling företagsutveckling affärsutveckling "
      "innovationssystem forskningsmiljö arbetsmarknaden arbetslösheten turistdestination "
      "livsmedelsindustrin matproduktion skogsindustrin stålindustrin fritidsgårdar kulturarvet "
      "ungdomsarbetslöshet samhällsplanering stadsutveckling cykelvägar vindkraft solenergi vattenkraft "
      "bredbandsnät glesbygdsområden tillväxtmedel regionförbundet länsstyrelsen kommunförbund "
      "exportkunskap investeringsfrämjande affärsmöjligheter entreprenörskapsprogram arbetsgivare "
      "konkurrenskraft regionalfonden socialfonden skolgård gatubelysning kvinnoföreningen "
      "trafiksäkerhet sjukvårdsmarknaden säsongsförlängning teknikområdet produktutveckling");
  const auto ordinary = words(
      "kommunen verksamhet utveckling information organisation samarbete sysselsättning företagare "
      "företagande möjligheter ungdomar invandrare befolkning entreprenör innovation digitalisering "
      "kvinnor hållbarhet förutsättningar kompetens norrköping vetlanda östersund göteborg jönköping "
      "linköping helsingborg stockholm eskilstuna sundsvall skellefteå härnösand arjeplog kalmar "
      "halmstad karlstad borlänge universitet medborgare delaktighet integration etablering ledarskap "
      "utbildning anställning utmaningar verksamheten inkludering jämställdhet tillgänglighet resultat "
      "aktiviteter deltagare strategi internationella forskning samhället betydelse relationer "
      "förståelse volontärer kultur demokrati partnerskap regionerna ungdomarna projektet insatserna "
      "ansökningar tekniker teknikerna kunskaper sökande programmet kvinnliga företaget regionala "
      "hållbara digitala lokala nationella europeiska svenska genomförande uppföljning");
  CompoundSplitter s(SwedishLexicon::shared());
  std::size_t true_splits = 0, false_splits = 0;
  for (const auto& w : compounds) true_splits += s.split(w).size() >= 2 ? 1 : 0;
  for (const auto& w : ordinary) {
    if (s.split(w).size() >= 2) {
      ++false_splits;
      std::cout << "[ compounds ] false split: " << w << " -> " << joined(s.split(w), false) << "\n";
    }
  }
  const double precision = static_cast<double>(true_splits) / static_cast<double>(true_splits + false_splits);
  const double recall = static_cast<double>(true_splits) / static_cast<double>(compounds.size());
  std::cout << "[ compounds ] precision " << precision << " (" << false_splits << " false of "
            << true_splits + false_splits << " splits, " << ordinary.size() << " ordinary words), recall " << recall
            << " (" << true_splits << " of " << compounds.size() << ")\n";
  EXPECT_GE(precision, 0.97);
  EXPECT_GE(recall, 0.85);
}

}  // namespace
}  // namespace fynd
