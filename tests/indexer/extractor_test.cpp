#include "understand/extractor.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <regex>
#include <tuple>

#include "test_support.h"
#include "text.h"

namespace fynd {
namespace {

using Strings = std::vector<std::string>;

const Extractor& extractor() {
  static const Analyzer analyzer;
  static const Extractor e(Gazetteer::standard(), analyzer);
  return e;
}

Project extract(const std::string& text) {
  Project p;
  p.text = text;
  extractor().extract(p);
  return p;
}

bool has(const Strings& list, const std::string& v) { return std::find(list.begin(), list.end(), v) != list.end(); }

// --- years --------------------------------------------------------------------------

TEST(ExtractorYears, IsoRange) {
  Project p = extract("Projektperiod:\n2020-01-02 - 2022-06-30");
  EXPECT_EQ(p.years, (std::vector<int>{2020, 2021, 2022}));
  EXPECT_EQ(p.period.start, "2020-01-02");
  EXPECT_EQ(p.period.end, "2022-06-30");
}

TEST(ExtractorYears, MonthRange) {
  EXPECT_EQ(extract("Projektet pågår från januari 2020 till juni 2022.").years, (std::vector<int>{2020, 2021, 2022}));
}

TEST(ExtractorYears, YearRangeAfterLabel) {
  EXPECT_EQ(extract("Genomförande, 2017-2019").years, (std::vector<int>{2017, 2018, 2019}));
}

TEST(ExtractorYears, EnDashDates) {
  EXPECT_EQ(extract("Projekttid: 2019–11–01 till 2023–05–31.").years,
            (std::vector<int>{2019, 2020, 2021, 2022, 2023}));
}

TEST(ExtractorYears, MultiYearPeriodAfterYear) {
  Project p = extract(
      "2018 inrättades Delmos som en myndighet av regeringen. Samma år beslutades att Jönköpings kommun skulle "
      "tilldelas 12,8 miljoner kronor årligen under en treårsperiod.");
  EXPECT_EQ(p.years, (std::vector<int>{2018, 2019, 2020}));
}

TEST(ExtractorYears, SingleYear) {
  EXPECT_EQ(extract("Jönköping har hittills haft två omgångar med volontärer, första gången år 2020.").years,
            (std::vector<int>{2020}));
}

TEST(ExtractorYears, FoundingAndGoalYearsAreNotProjectYears) {
  EXPECT_TRUE(extract("Sedan år 2009 bedriver ICLD kommunala partnerskapsprogrammet.").years.empty());
  EXPECT_TRUE(extract("Arbetet tar sin grund i FN:s Agenda 2030.").years.empty());
}

TEST(ExtractorYears, PublicationDateOnlyWhenNothingElse) {
  EXPECT_EQ(extract("21 januari 2020\n\nI Nässjö genomfördes en träff.").years, (std::vector<int>{2020}));
  EXPECT_EQ(extract("21 januari 2020\n\nProjektet pågår från januari 2017 till juni 2018.").years,
            (std::vector<int>{2017, 2018}));
}

// --- funders ------------------------------------------------------------------------

TEST(ExtractorFunders, EsfAliases) {
  for (const char* s : {"Projektet finansieras av Europeiska Socialfonden.", "Beviljat ESF-stöd: 5 380 349",
                        "hur man kan arbeta med socialfondsmedel i projekt", "Socialfonden Länk till annan webbplats."}) {
    EXPECT_EQ(extract(s).funders, (Strings{"Europeiska socialfonden"})) << s;
  }
}

TEST(ExtractorFunders, OtherProgrammes) {
  EXPECT_EQ(extract("Projektet finansieras med Erasmus+ mobilitet skola.").funders, (Strings{"Erasmus+"}));
  EXPECT_EQ(extract("Volontärprojektet finansieras av Europeiska solidaritetskåren (ESC).").funders,
            (Strings{"Europeiska solidaritetskåren"}));
  EXPECT_EQ(extract("Det är ett pilotprojekt inom ICLD.").funders, (Strings{"ICLD", "Sida"}));
  EXPECT_EQ(extract("Projektet får stöd från Regionalfonden.").funders,
            (Strings{"Europeiska regionala utvecklingsfonden"}));
  EXPECT_EQ(extract("Här finns information om våra integrationsprojekt inom Delmos, delegationen mot segregation.").funders,
            (Strings{"Delmos"}));
}

TEST(ExtractorFunders, ProgrammesAndFoundations) {
  EXPECT_EQ(extract("Projektet finansieras av Interreg Sverige-Norge.").funders, (Strings{"Interreg"}));
  EXPECT_EQ(extract("Ett Leaderprojekt? Nej: projektet får stöd från Leader Småland.").funders, (Strings{"Leader"}));
  EXPECT_EQ(extract("Med stöd från Allmänna arvsfonden startar vi.").funders, (Strings{"Allmänna arvsfonden"}));
  EXPECT_EQ(extract("Vinnova och Tillväxtverket finansierar förstudien.").funders, (Strings{"Vinnova", "Tillväxtverket"}));
  EXPECT_EQ(extract("Projektet har fått ERUF-medel.").funders, (Strings{"Europeiska regionala utvecklingsfonden"}));
  EXPECT_EQ(extract("Sedan år 2009 bedriver ICLD programmet som är finansierat av Sida.").funders,
            (Strings{"ICLD", "Sida"}));
}

TEST(ExtractorFunders, ReceivingMunicipalityIsNotAFunder) {
  EXPECT_TRUE(extract("Hur mycket har Jönköpings kommun fått i statsbidrag från Delmos?").funders ==
              (Strings{"Delmos"}));
  EXPECT_EQ(extract("Finansiering via ICLD, där Växjö kommuns bidrag består av personalens arbetstid.").funders,
            (Strings{"ICLD", "Sida", "Växjö kommun"}));
}

TEST(ExtractorFunders, CommonWordsAreNotFunders) {
  EXPECT_TRUE(extract("Läs mer på nästa sida om hur vi arbetar.").funders.empty());
}

TEST(ExtractorFunders, RegionAsCoFunder) {
  Project p = extract("Projektet finansieras till 50 procent av statsbidrag från Delmos och 50 procent av Region Jönköpings län.");
  EXPECT_EQ(p.funders, (Strings{"Delmos", "Region Jönköpings län"}));
}

// --- regions ------------------------------------------------------------------------

TEST(ExtractorRegions, EveryLevel) {
  Project p = extract("I Nässjö genomfördes den 14 januari en välbesökt inspirationsträff.");
  EXPECT_EQ(p.regions, (Strings{"Nässjö", "Jönköpings län", "Småland med öarna"}));
}

TEST(ExtractorRegions, GenitiveAndDefiniteForms) {
  EXPECT_TRUE(has(extract("Här finns information om Jönköpings kommuns internationella projekt.").regions, "Jönköping"));
  Project p = extract("en tillgång för Jönköpings läns kommuner");
  EXPECT_TRUE(has(p.regions, "Jönköpings län"));
  EXPECT_FALSE(has(p.regions, "Jönköping"));
  EXPECT_TRUE(has(extract("Region Jönköpings län, Försäkringskassan").regions, "Jönköpings län"));
  EXPECT_TRUE(has(extract("aktörerna i Region Småland och Öarna").regions, "Småland med öarna"));
}

TEST(ExtractorRegions, AmbiguousNamesNeedContext) {
  EXPECT_TRUE(extract("Vi vill vara en attraktiv arbetsgivare. Vara med och bidra!").regions.empty());
  EXPECT_TRUE(extract("Mark och vatten ska skyddas. Anna Berg leder arbetet.").regions.empty());
  EXPECT_TRUE(has(extract("Projektet drivs i Vara kommun.").regions, "Vara"));
  EXPECT_TRUE(has(extract("Marks kommun deltar.").regions, "Mark"));
  EXPECT_FALSE(has(extract("partnerskap med JB Marks Local Municipality").regions, "Mark"));
  EXPECT_TRUE(has(extract("partnerskap med JB Marks Local Municipality").regions, "Sydafrika"));
}

TEST(ExtractorRegions, SurnamesAndPartnersAbroad) {
  EXPECT_TRUE(extract("Kontakta Eva Lund eller Per Norberg för mer information.").regions.empty());
  EXPECT_TRUE(has(extract("Projektet drivs av Lunds kommun.").regions, "Skåne län"));
  Project p = extract("Jönköping kommun har ingått ett kommunalt partnerskap tillsammans med Stellenboch i Sydafrika.");
  EXPECT_EQ(p.regions, (Strings{"Jönköping", "Jönköpings län", "Småland med öarna", "Stellenbosch", "Sydafrika"}));
}

TEST(ExtractorRegions, ErdfFieldsLandInTheSameFacets) {
  Project p;
  p.fields = {{"län", "Norrbotten, Västerbotten"}, {"kommuner", "Arjeplog"}, {"område", "Övre Norrland"}};
  extractor().extract(p);
  EXPECT_TRUE(has(p.regions, "Norrbottens län"));
  EXPECT_TRUE(has(p.regions, "Västerbottens län"));
  EXPECT_TRUE(has(p.regions, "Arjeplog"));
  EXPECT_TRUE(has(p.regions, "Övre Norrland"));
  Project raw;
  raw.regions = {"Norrbotten", "Småland & Öarna"};
  extractor().extract(raw);
  EXPECT_EQ(raw.regions, (Strings{"Norrbottens län", "Övre Norrland", "Småland med öarna"}));
}

// --- themes -------------------------------------------------------------------------

TEST(ExtractorThemes, NeedMoreThanOneStrayWord) {
  EXPECT_TRUE(extract("Vi har en fin miljö.").themes.empty());
  Project p = extract(
      "Projektet riktar sig till individer som står långt från arbetsmarknaden och har långvarigt "
      "försörjningsstöd. Arbetsträning ska öka anställningsbarheten.");
  EXPECT_TRUE(has(p.themes, "arbetsmarknad"));
}

TEST(ExtractorThemes, NeedSeveralDistinctWordsOrTheTitle) {
  // One word repeated is not enough, three different ones are.
  EXPECT_FALSE(has(extract("Företagen ska utvecklas. Företagen växer. Fler företag.").themes, "entreprenörskap"));
  EXPECT_FALSE(has(extract("Hållbar tillväxt och hållbara städer.").themes, "miljö och klimat"));
  EXPECT_TRUE(has(extract("Klimatet, utsläppen och återvinningen står i fokus.").themes, "miljö och klimat"));
  Project titled;
  titled.title = "Hälsoguider";
  titled.text = "Målet är att öka folkhälsan i området.";
  extractor().extract(titled);
  EXPECT_TRUE(has(titled.themes, "hälsa"));
  // A lone title word without a second hit is not enough.
  Project lone;
  lone.title = "Jämlik medborgarservice";
  lone.text = "Det ska vara enkelt att nå oss.";
  extractor().extract(lone);
  EXPECT_TRUE(lone.themes.empty());
}

TEST(ExtractorThemes, FundersStandForTheirProgrammes) {
  const Project p = extract("Projektet finansieras av Delmos, Delegationen mot segregation.");
  EXPECT_TRUE(has(p.themes, "segregation"));
  EXPECT_TRUE(has(extract("Ett kommunalt partnerskap inom ICLD.").themes, "internationellt samarbete"));
}

TEST(ExtractorThemes, StructuredFieldsMapOntoTheTaxonomy) {
  Project p;
  p.fields = {{"tematiskt_mål", "Att öka tillgången till, användningen av och kvaliteten på IKT"},
              {"insatsområde", "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer"}};
  extractor().extract(p);
  EXPECT_TRUE(has(p.themes, "bredband och digitalisering"));
  EXPECT_TRUE(has(p.themes, "miljö och klimat"));
  // A low-carbon goal is a climate goal; energi needs words of its own (transport projects
  // under the same goal are not about energy).
  EXPECT_FALSE(has(p.themes, "energi"));
  Project esf;
  esf.fields = {{"Programområde", "2"}};
  extractor().extract(esf);
  EXPECT_TRUE(has(esf.themes, "arbetsmarknad"));
}

// --- money and people ---------------------------------------------------------------

TEST(ExtractorMoney, Budgets) {
  Project p = extract("Total projektbudget:\n11 444 103\nBeviljat ESF-stöd:\n5 380 349\n");
  EXPECT_EQ(p.budget_sek, 11444103);
  EXPECT_EQ(p.granted_sek, 5380349);
  EXPECT_EQ(parse_amount("12,8", "miljoner kronor"), 12800000);
  EXPECT_EQ(extract("Kommunen skulle tilldelas 12,8 miljoner kronor årligen.").granted_sek, 12800000);
}

// extract_money runs its patterns only on text that holds what every match holds: the
// results must be those of running them on every text, as before (kept here as the
// reference: the same three patterns, applied everywhere).
struct MoneyFound {
  std::optional<std::int64_t> budget;
  std::optional<std::int64_t> granted;
  std::vector<std::tuple<std::string, std::string, std::string>> evidence;  // field, value, text
  bool operator==(const MoneyFound&) const = default;
};

MoneyFound money_everywhere(const std::string& s) {
  static const std::string amount = "(\\d{1,3}(?:[  ]\\d{3})+|\\d+(?:[,.]\\d+)?)";
  static const std::string unit = "(?:\\s*(miljoner kronor|miljoner|miljarder|mnkr|mkr|msek|tusen kronor|tkr|kronor|kr|sek)\\b)?";
  static const std::regex budget_label("(?:[Tt]otal projektbudget|[Pp]rojektbudget|[Tt]otal budget|[Bb]udget)\\s*:?\\s*" + amount + unit);
  static const std::regex granted_label("(?:[Bb]eviljat [^:\\n]{0,20}stöd|[Bb]eviljat belopp|[Bb]eviljade medel)\\s*:?\\s*" + amount + unit);
  static const std::regex prose(amount + "\\s*(miljoner kronor|miljarder kronor|mnkr|mkr|msek|kronor|kr)\\b", std::regex::icase);
  MoneyFound f;
  std::smatch m;
  if (std::regex_search(s, m, budget_label)) {
    if (const long long v = parse_amount(m[1].str(), m[2].str()); v > 0) {
      f.budget = v;
      f.evidence.emplace_back("budget_sek", std::to_string(v), text::squash_space(m.str()));
    }
  }
  if (std::regex_search(s, m, granted_label)) {
    if (const long long v = parse_amount(m[1].str(), m[2].str()); v > 0) {
      f.granted = v;
      f.evidence.emplace_back("granted_sek", std::to_string(v), text::squash_space(m.str()));
    }
  }
  if (f.budget && f.granted) return f;
  // Sentences as Extractor splits them: at . ! ? before a space or line end, and at lines.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const bool end = i == s.size() || s[i] == '\n' ||
                     ((s[i] == '.' || s[i] == '!' || s[i] == '?') && (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\n'));
    if (!end) continue;
    const std::size_t stop = i == s.size() || s[i] == '\n' ? i : i + 1;
    const std::string sentence = s.substr(start, stop > start ? stop - start : 0);
    start = i + 1;
    if (sentence.empty() || !std::regex_search(sentence, m, prose)) continue;
    const std::string lower = text::fold_case(sentence);
    const long long v = parse_amount(m[1].str(), m[2].str());
    if (v <= 0) continue;
    auto has_word = [&](const char* w) { return lower.find(w) != std::string::npos; };
    if (!f.budget && (has_word("budget") || has_word("omslut"))) {
      f.budget = v;
      f.evidence.emplace_back("budget_sek", std::to_string(v), text::squash_space(sentence));
    } else if (!f.granted && (has_word("beviljat") || has_word("tilldela") || has_word("stöd") || has_word("bidrag"))) {
      f.granted = v;
      f.evidence.emplace_back("granted_sek", std::to_string(v), text::squash_space(sentence));
    }
  }
  return f;
}

MoneyFound money_extracted(const std::string& s) {
  Project p;
  extractor().extract_money(p, s);
  MoneyFound f{p.budget_sek, p.granted_sek, {}};
  for (const Evidence& e : p.evidence) f.evidence.emplace_back(e.field, e.value, e.text);
  return f;
}

TEST(ExtractorMoney, SameAsThePatternsEverywhereOnGeneratedText) {
  const std::vector<std::string> labels{"Budget", "budget", "Total projektbudget", "Projektbudget", "Beviljat ESF-stöd",
                                        "Beviljat belopp", "beviljade medel", "Projektet omsluter", "fick bidrag på",
                                        "tilldelas", "stöd om", "BUDGET", "Beviljat stöd från Tillväxtverket", "Summa"};
  const std::vector<std::string> numbers{"12", "3,5", "11 444 103", "1.5", "200", "0", "2 000", "12 3456", "x",
                                         "11\xC2\xA0444\xC2\xA0103", "7\t000"};
  const std::vector<std::string> units{"kr", "KR", "Kr", "mkr", "MKR", "msek", "MSEK", "Msek", "miljoner kronor",
                                       "Miljoner Kronor", "kronor", "tkr", "sek", "SEK", "", "miljarder kronor", "mnkr",
                                       "krona", "kronorna", "sekunder"};
  const std::vector<std::string> joins{": ", " ", ":\n", ". ", "\n", " och ", "! ", "", "\t", " : ", " ::", "\xC2\xA0",
                                       ":\t\r\n", " m", " k"};
  std::uint64_t state = 12345;
  auto pick = [&](const std::vector<std::string>& from) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return from[(state >> 33) % from.size()];
  };
  for (int i = 0; i < 6000; ++i) {
    std::string text;
    const int pieces = 1 + i % 4;
    for (int k = 0; k < pieces; ++k) text += pick(labels) + pick(joins) + pick(numbers) + pick(joins) + pick(units) + pick(joins);
    ASSERT_EQ(money_extracted(text), money_everywhere(text)) << text;
  }
}

TEST(ExtractorMoney, SameAsThePatternsEverywhereOnTheErdfCorpus) {
  FYND_REQUIRE_SHARED(shared);
  const auto records = nlohmann::json::parse(test::read_file(shared / "corpus/tillvaxtverket-eruf-2014-2020.json"));
  std::size_t found = 0;
  for (const auto& r : records) {
    for (const char* key : {"projektbeskrivning", "projektnamn"}) {
      if (!r.contains(key) || !r[key].is_string()) continue;
      const std::string text = r[key].get<std::string>();
      const MoneyFound f = money_everywhere(text);
      found += f.evidence.size();
      ASSERT_EQ(money_extracted(text), f) << text;
    }
  }
  EXPECT_GT(found, 0U);  // the corpus does name amounts in its texts
}

TEST(ExtractorPeople, OwnerContactEmail) {
  Project p = extract("Projektägare:\nRegion Jönköpings län, Kommunal utveckling\nKontaktperson:\nKarin Fröderberg\n"
                      "E-post:\nkarin.froderberg@rjl.se\n");
  EXPECT_EQ(p.owner, "Region Jönköpings län, Kommunal utveckling");
  EXPECT_EQ(p.contact, "Karin Fröderberg");
  EXPECT_EQ(p.email, "karin.froderberg@rjl.se");
  EXPECT_EQ(extract("Projektledare: Hatun Ün, arbetsmarknadsavdelningen, hatun.un@jonkoping.se").contact, "Hatun Ün");
  EXPECT_EQ(extract("Bas Kalmar, projektledare Anna Åhman").contact, "Anna Åhman");
  EXPECT_EQ(extract("Projektägare är Vetlanda kommun.").owner, "Vetlanda kommun");
}

TEST(ExtractorPeople, Partners) {
  Project p = extract("Det är ett samverkansprojekt mellan Socialförvaltningen och Arbetsmarknadsavdelningen. "
                      "Region Jönköpings län, Försäkringskassan, Samordningsförbundet samt Kommunal Utveckling ingår också.");
  EXPECT_EQ(p.partners, (Strings{"Socialförvaltningen", "Arbetsmarknadsavdelningen", "Region Jönköpings län",
                                 "Försäkringskassan", "Samordningsförbundet", "Kommunal Utveckling"}));
}

// partner_clauses scans for the partner patterns' words; what it finds must be what the
// patterns find with std::regex (kept here as the reference), match for match.
std::vector<PartnerClause> partner_clauses_by_regex(const std::string& sentence) {
  static const std::regex after(
      "(?:samverkansprojekt mellan|samarbete mellan|samverkan mellan|samverkan med|samarbete med|tillsammans med|"
      "[Ss]amverkansaktörer[^.]{0,40}? är|som drivs av|[Ss]amverkanspartner[a-z]* är)\\s+([^.\\n]+)",
      std::regex::icase);
  static const std::regex before("([^.\\n]+?)\\s+ingår också");
  std::vector<PartnerClause> out;
  for (const std::regex* re : {&after, &before}) {
    for (std::sregex_iterator it(sentence.begin(), sentence.end(), *re), e; it != e; ++it) {
      out.push_back({(*it)[1].str(), it->str()});
    }
  }
  return out;
}

std::string show(const std::vector<PartnerClause>& v) {
  std::string out;
  for (const PartnerClause& c : v) out += "[" + c.clause + " | " + c.match + "] ";
  return out;
}

TEST(ExtractorPeople, PartnerClausesAreThoseOfThePatternsOnGeneratedText) {
  const std::vector<std::string> pieces{
      "samverkan med", "Samverkan Mellan", "SAMARBETE MED", "samarbete mellan", "tillsammans med", "Tillsammans",
      "samverkansprojekt mellan", "Samverkansaktörer", "samverkansaktörer i projektet", " är", " är ", "är",
      "som drivs av", "Som Drivs Av", "drivs av", "Samverkanspartners", "samverkanspartnerna är", "SAMVERKANSPARTNER",
      "ingår också", " ingår också", "Ingår också", "ingår ocksa", " ", "  ", "\t", "\r", " \r", "Region Kalmar",
      "Linnéuniversitetet", " och ", ", ", "Växjö kommun (VK)", "med", "mellan", "samverkan", "x", "Ö", "ä"};
  std::uint64_t state = 99;
  std::size_t found = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string sentence;
    const int n = 1 + i % 9;
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      sentence += pieces[(state >> 33) % pieces.size()];
    }
    const std::vector<PartnerClause> want = partner_clauses_by_regex(sentence);
    found += want.size();
    ASSERT_TRUE(partner_clauses(sentence) == want)
        << "sentence: [" << sentence << "]\n got: " << show(partner_clauses(sentence)) << "\nwant: " << show(want);
  }
  EXPECT_GT(found, 2000U);
}

// Text that folds byte for byte is folded once and its trigger sentences found from the
// whole; other text is folded sentence by sentence. A last sentence "Ω" (no trigger, not
// folded byte by byte) sends the same text the other way: the partners are the same.
TEST(ExtractorPeople, PartnersOfTextFoldedOnceAreThoseOfTextFoldedBySentence) {
  const std::vector<std::string> pieces{
      "samverkan med ", "Samverkan Mellan ", "SAMARBETE MED ", "tillsammans med ", "TILLSAMMANS MED ",
      "Samverkansaktörer är ", "som drivs av ", "Samverkanspartners är ", " ingår också", " INGÅR OCKSÅ",
      "Region Kalmar", "Linnéuniversitetet", " och ", ", ", "Växjö kommun", "Ölands museum", "samhället ",
      "samtidigt ", ". ", "\n", ".\n", "Projektet ", "x"};
  std::uint64_t state = 7;
  std::size_t found = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    const int n = 2 + i % 14;
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      text += pieces[(state >> 33) % pieces.size()];
    }
    const std::string other = text + "\n\xCE\xA9";
    ASSERT_TRUE(text::fold_case_is_local(text));
    ASSERT_FALSE(text::fold_case_is_local(other));
    Project a;
    extractor().extract_people(a, text);
    Project b;
    extractor().extract_people(b, other);
    found += a.partners.size();
    ASSERT_EQ(a.partners, b.partners) << text;
  }
  EXPECT_GT(found, 1000U);
}

TEST(ExtractorPeople, PartnerClausesAreThoseOfThePatternsOnTheErdfCorpus) {
  FYND_REQUIRE_SHARED(shared);
  const auto records = nlohmann::json::parse(test::read_file(shared / "corpus/tillvaxtverket-eruf-2014-2020.json"));
  std::size_t found = 0;
  for (const auto& r : records) {
    if (!r.contains("projektbeskrivning") || !r["projektbeskrivning"].is_string()) continue;
    const std::string text = r["projektbeskrivning"].get<std::string>();
    std::size_t start = 0;
    while (start < text.size()) {  // sentences as extract_people cuts them
      std::size_t end = text.find_first_of(".\n", start);
      if (end == std::string::npos) end = text.size();
      const std::string sentence = text.substr(start, end - start);
      start = end + 1;
      const std::vector<PartnerClause> want = partner_clauses_by_regex(sentence);
      found += want.size();
      ASSERT_TRUE(partner_clauses(sentence) == want) << sentence;
    }
  }
  EXPECT_GT(found, 20U);  // the corpus does name partners this way
}

TEST(Extractor, EveryValueHasEvidence) {
  Project p = extract("Projektet finansieras av Europeiska Socialfonden. I Nässjö, från januari 2020 till juni 2022.");
  for (const std::string& f : p.funders) {
    EXPECT_TRUE(std::any_of(p.evidence.begin(), p.evidence.end(), [&](const Evidence& e) { return e.value == f; }));
  }
  for (const std::string& r : p.regions) {
    EXPECT_TRUE(std::any_of(p.evidence.begin(), p.evidence.end(), [&](const Evidence& e) { return e.value == r; }));
  }
  EXPECT_TRUE(std::any_of(p.evidence.begin(), p.evidence.end(), [](const Evidence& e) { return e.field == "years"; }));
}

}  // namespace
}  // namespace fynd
