#include "understand/ocr_repair.h"

#include <gtest/gtest.h>

#include <utility>

#include "swedish_lexicon.h"
#include "test_support.h"
#include "gazetteer.h"

namespace fynd {
namespace {

/// Damaged words of seed 002 (Växjö's OCR'd brochure) with what the brochure says.
/// Words whose damage leaves another real word ("fortsatta", "satt", "fatt", "dar") are
/// left out: no lexicon can tell them apart without context.
const std::vector<std::pair<std::string, std::string>> kDamaged = {
    {"Vaxjé", "Växjö"}, {"héllbara", "hållbara"}, {"I&ng", "lång"}, {"b&de", "både"},
    {"utanfér", "utanför"}, {"granser", "gränser"}, {"Némnda", "Nämnda"}, {"utgdr", "utgör"},
    {"dmsesidiga", "ömsesidiga"}, {"gér", "gör"}, {"starka", "stärka"}, {"inféra", "införa"},
    {"omvarldsbevaka", "omvärldsbevaka"}, {"Iara", "lära"}, {"p&", "på"}, {"genomférs", "genomförs"},
    {"dr", "är"}, {"sérskilda", "särskilda"}, {"dverens", "överens"}, {"méts", "möts"},
    {"béde", "både"}, {"kdrnvarden", "kärnvärden"}, {"jamlika", "jämlika"},
    {"ansvarsutkrévande", "ansvarsutkrävande"}, {"vérlden", "världen"}, {"fér", "för"},
    {"Iénge", "länge"}, {"gérna", "gärna"}, {"fortsdtta", "fortsätta"}, {"sdtta", "sätta"},
    {"stdmpeln", "stämpeln"}, {"varlden", "världen"}, {"framfor", "framför"}, {"léra", "lära"},
    {"bdasta", "bästa"}, {"ocks&", "också"}, {"hjdlpa", "hjälpa"}, {"I&ngt", "långt"},
    {"battre", "bättre"}, {"ordférande", "ordförande"}, {"invénare", "invånare"},
    {"forstudier", "förstudier"}, {"kompetensforsdrjning", "kompetensförsörjning"}, {"hdllbar", "hållbar"},
    {"gréna", "gröna"}, {"jamstalldhet", "jämställdhet"}, {"ndringslivsutveckling", "näringslivsutveckling"},
    {"bestér", "består"}, {"invanare", "invånare"}, {"tillgénglighet", "tillgänglighet"},
    {"entreprendrskap", "entreprenörskap"}, {"Miljopedagogik", "Miljöpedagogik"}, {"fullmdktige", "fullmäktige"},
    {"stéd", "stöd"}, {"féretag", "företag"}, {"drsplan", "årsplan"}, {"&tervinning", "återvinning"},
    {"&terbruk", "återbruk"}, {"&rskurs", "årskurs"}, {"Projektagare", "Projektägare"},
    {"Forvaltningen", "Förvaltningen"}, {"valfard", "välfärd"}, {"utvérdera", "utvärdera"},
    {"Genomférande", "Genomförande"}, {"utvdrdering", "utvärdering"}, {"arbetssdtt", "arbetssätt"},
    {"Férvaltningens", "Förvaltningens"}, {"ndgot", "något"}, {"stédinsatser", "stödinsatser"},
    {"besdka", "besöka"}, {"handldggare", "handläggare"}, {"mervdrden", "mervärden"}, {"stdrker", "stärker"},
    {"v&ra", "våra"}, {"Projektdgare", "Projektägare"}, {"energifrégor", "energifrågor"},
    {"projektmdlen", "projektmålen"}, {"vatgasproduktion", "vätgasproduktion"}, {"ménga", "många"},
    {"framd&t", "framåt"}, {"méjligheter", "möjligheter"}, {"stdllen", "ställen"}, {"ér", "är"},
    {"ocksé", "också"}, {"16sningarna", "lösningarna"}, {"omvdrldsrelationer", "omvärldsrelationer"},
    {"tredriga", "treåriga"}, {"Véxjé", "Växjö"}, {"|arare", "lärare"}, {"frén", "från"},
    {"Huvudmalet", "Huvudmålet"}, {"Idrandet", "lärandet"}, {"genomfort", "genomfört"}, {"utékat", "utökat"},
    {"uppréttat", "upprättat"}, {"hdllit", "hållit"}, {"férelésningar", "föreläsningar"},
    {"féretagande", "företagande"}, {"héllbarhet", "hållbarhet"}, {"s@val", "såväl"}, {"lérare", "lärare"},
    {"6kat", "ökat"}, {"oerhért", "oerhört"}, {"|drare", "lärare"}, {"lararna", "lärarna"}, {"bésta", "bästa"},
    {"f&", "få"}, {"lasa", "läsa"}, {"bécker", "böcker"}, {"V&r", "Vår"}, {"medfért", "medfört"},
    {"ldrande", "lärande"}, {"frdn", "från"}, {"bagge", "bägge"}, {"fokusomrddet", "fokusområdet"},
    {"&ven", "även"}, {"férdjupa", "fördjupa"}, {"natverk", "nätverk"}, {"ingdr", "ingår"},
    {"oerhérd", "oerhörd"}, {"férmén", "förmån"}, {"kommunanstdlld", "kommunanställd"},
    {"forskolldrare", "förskollärare"}, {"forskola", "förskola"}, {"Lés", "Läs"}, {"héllbarhetsmal", "hållbarhetsmål"},
};

/// Correct words of the same brochure (Swedish, names, English title words): never changed.
const std::vector<std::string> kCorrect = {
    "kommun", "har", "av", "internationellt", "arbete", "och", "samverkan", "med", "olika", "kommuner",
    "regioner", "Europa", "Dagens", "kommunala", "partnerskap", "Local", "Municipality", "Sydafrika", "Kosovo",
    "finansieras", "via", "svenska", "inleddes", "respektive", "resultatorienterade", "samarbeten", "som", "tar",
    "sin", "grund", "globala", "projekt", "kompetens", "testa", "nya", "arbetsmetoder", "personalgrupper",
    "givande", "tagande", "samtliga", "involverade", "mycket", "vinna", "tydliga", "konkreta", "kretsar", "kring",
    "teman", "samarbetsparterna", "kommer", "Projektdeltagarna", "internationella", "resor", "digitala",
    "aktiviteter", "samarbeta", "direkt", "varandra", "Projekten", "bygger", "betonar", "parter", "delaktighet",
    "transparens", "samt", "superstolt", "engagemang", "runt", "hela", "vana", "lite", "sticka", "hakan", "extra",
    "modet", "saker", "varit", "den", "flest", "ligger", "fortfarande", "topp", "vill", "attraktiv", "arbetsgivare",
    "medvetandet", "finns", "allt", "sig", "andra", "inte", "kommit", "lika", "tiden", "skruva", "bli",
    "Samarbetet", "projektteman", "Arbetsmarknad", "stadsplanering", "socialt", "omsorg", "Finansiering",
    "personalens", "arbetstid", "Positiva", "resultat", "Projektresultat", "implementerats", "inom", "exempel",
    "Strategisk", "plan", "energiproduktion", "multikompetent", "team", "personer", "Studiekurs", "utbildning",
    "Framtagen", "film", "utbildningsmaterial", "Nytt", "samverkansforum", "mellan", "Teknikum",
    "Linnéuniversitet", "avseende", "metod", "elever", "idéer", "kunskap", "vilket", "betydelsefullt",
    "personligt", "professionellt", "projektet", "pedagoger", "rektorer", "verksamhetsutvecklare", "kommunerna",
    "metoder", "material", "kopplat", "involverat", "extern", "framtagna", "metoden", "testas", "bland", "cirka",
    "barn", "Agenda", "anger", "god", "alla", "JB", "Marks", "Vushtrri", "Komuna", "Veab", "Malin", "Lauber",
    "New", "coordination", "structure", "to", "support", "vulnerable", "families", "Development", "of", "an",
    "energy", "in", "line", "with", "fortsatta", "satt", "for", "dom", "Och", "Vi", "Det", "I", "FN", "Agenda",
    "2030", "2017", "41", "familjer", "Familjeteam", "samordnat", "utsatta", "hemmasittare", "extratjänst",
};

TEST(OcrRepair, PrecisionAndRecallOnSeed002Words) {
  const OcrRepair repair(Gazetteer::standard().name_words());
  std::size_t right = 0;
  std::size_t wrong = 0;
  std::size_t missed = 0;
  std::string report;
  for (const auto& [damaged, expected] : kDamaged) {
    const std::string got = repair.repair_word(damaged);
    if (got == expected) {
      ++right;
    } else if (got == damaged) {
      ++missed;
      report += "  missed " + damaged + " (" + expected + ")\n";
    } else {
      ++wrong;
      report += "  wrong  " + damaged + " -> " + got + " (" + expected + ")\n";
    }
  }
  for (const std::string& w : kCorrect) {
    const std::string got = repair.repair_word(w);
    if (got != w) {
      ++wrong;
      report += "  changed correct word " + w + " -> " + got + "\n";
    }
  }
  const double precision = static_cast<double>(right) / static_cast<double>(right + wrong);
  const double recall = static_cast<double>(right) / static_cast<double>(kDamaged.size());
  std::cout << "OCR repair: precision " << precision << ", recall " << recall << " (" << right << " right, "
            << wrong << " wrong, " << missed << " missed of " << kDamaged.size() << ")\n"
            << report;
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.7);
}

TEST(OcrRepair, DetectsDamagedPagesOnly) {
  const OcrRepair repair(Gazetteer::standard().name_words());
  const std::string damaged = test::read_file(test::source_dir() / "data/sample/002_952621497cb41b84.txt");
  const std::string clean = test::read_file(test::source_dir() / "data/sample/003_977300a302e15011.txt");
  EXPECT_TRUE(repair.assess(damaged).damaged());
  EXPECT_FALSE(repair.assess(clean).damaged());
  EXPECT_FALSE(repair.assess(test::read_file(test::source_dir() / "data/sample/000_79f8c2e6c2d96664.txt")).damaged());
}

TEST(OcrRepair, RepairKeepsEverythingButDamagedWords) {
  const OcrRepair repair(Gazetteer::standard().name_words());
  EXPECT_EQ(repair.repair("Vaxjé kommun har en I&ng historia, b&de i Europa & Afrika."),
            "Växjö kommun har en lång historia, både i Europa & Afrika.");
}

}  // namespace
}  // namespace fynd
