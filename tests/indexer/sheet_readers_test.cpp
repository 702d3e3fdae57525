// The CSV and XLSX readers against tests/fixtures/{csv,xlsx}/: one fixture per column
// profile, asserting on the Projects the pipeline makes of them.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "error.h"
#include "pipeline.h"
#include "reader_registry.h"
#include "readers/column_mapping.h"
#include "readers/csv_reader.h"
#include "readers/project_bank_json_reader.h"
#include "readers/xlsx_reader.h"
#include "test_support.h"
#include "understand/understander.h"

namespace fynd {
namespace {

using test::fixture;
using test::read_file;

/// What the pipeline makes of a file: the reader's documents through the Understander.
struct Read {
  std::vector<Project> projects;
  std::vector<std::string> warnings;
  std::string encoding;
};

Read read_projects(const Reader& reader, const std::filesystem::path& path) {
  static const Understander understander;
  const std::string bytes = read_file(path);
  Read out;
  for (const RawDocument& doc : reader.read(path, bytes)) {
    EXPECT_TRUE(doc.record.has_value());
    for (const std::string& w : doc.warnings) out.warnings.push_back(w);
    if (out.encoding.empty()) out.encoding = doc.encoding;
    for (Project& p : understander.projects(doc)) out.projects.push_back(std::move(p));
  }
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const Project& by_title(const Read& r, const std::string& title) {
  for (const Project& p : r.projects) {
    if (p.title == title) return p;
  }
  ADD_FAILURE() << "no project titled " << title;
  static const Project none;
  return none;
}

std::string field(const Project& p, const std::string& key) {
  for (const auto& [k, v] : p.fields) {
    if (k == key) return v;
  }
  return "<missing>";
}

std::vector<int> years(int from, int to) {
  std::vector<int> v;
  for (int y = from; y <= to; ++y) v.push_back(y);
  return v;
}

const CsvReader kCsv;
const XlsxReader kXlsx;

// --- Tillväxtverket project bank -----------------------------------------------------------

void expect_tillvaxtverket(const Read& r) {
  ASSERT_GE(r.projects.size(), 3U);
  const Project& lok = by_title(r, "Omställning till förnyelsebara drivmedel");
  EXPECT_EQ(lok.id, "eruf-20200253");
  EXPECT_EQ(lok.owner, "Inlandsbanan (Ibab) AB");
  EXPECT_EQ(lok.budget_sek, 400001);
  EXPECT_EQ(lok.granted_sek, 400001);
  EXPECT_EQ(lok.period.start, "2015-03-06");
  EXPECT_EQ(lok.period.end, "2015-11-30");
  EXPECT_EQ(lok.years, years(2015, 2015));
  EXPECT_TRUE(has(lok.funders, "Europeiska regionala utvecklingsfonden"));
  EXPECT_TRUE(has(lok.regions, "Jämtlands län"));
  EXPECT_TRUE(has(lok.regions, "Östersund"));
  EXPECT_TRUE(has(lok.regions, "Mellersta Norrland"));
  EXPECT_EQ(lok.email, "eva.widegren@inlandsbanan.se");

  const Project& turism = by_title(r, "Hållbar turismutveckling i Tjallingen");
  EXPECT_TRUE(has(turism.regions, "Strömsund"));
  EXPECT_TRUE(has(turism.regions, "Åre"));
  // The quoted description keeps its line break and the delimiter.
  EXPECT_NE(turism.text.find("besöksplats.\nEn app"), std::string::npos) << turism.text;
  EXPECT_NE(turism.text.find("erbjuda; vandringsleden"), std::string::npos);

  const Project& plattform = by_title(r, "Regional plattform för innovation och förnyelse");
  EXPECT_EQ(plattform.budget_sek, 4253127);
  EXPECT_EQ(plattform.years, years(2015, 2018));
  EXPECT_TRUE(has(plattform.regions, "Kalmar län"));
  EXPECT_TRUE(has(plattform.regions, "Nybro"));
  EXPECT_EQ(field(plattform, "tematiskt_mål"), "Att stärka forskning, teknisk utveckling och innovation");
  EXPECT_FALSE(plattform.themes.empty());
}

TEST(CsvReader, TillvaxtverketExportWithBadRows) {
  const auto path = fixture("csv/tillvaxtverket.csv");
  const Read r = read_projects(kCsv, path);
  expect_tillvaxtverket(r);
  // Row 5 has four fields: reported with its row number and skipped; row 6 keeps its
  // other fields and loses the impossible start date.
  ASSERT_EQ(r.projects.size(), 4U);
  bool row5 = false;
  bool row6 = false;
  for (const std::string& w : r.warnings) {
    if (w.find(path.string() + ": row 5: skipped row: has 4 fields, the header has 14") == 0) row5 = true;
    if (w.find(path.string() + ": row 6: column \"projekt_starttid\": unparseable date \"2019-13-45\"") == 0) {
      row6 = true;
    }
  }
  EXPECT_TRUE(row5) << ::testing::PrintToString(r.warnings);
  EXPECT_TRUE(row6) << ::testing::PrintToString(r.warnings);
  const Project& kaj = by_title(r, "Kaj i Sundsvall");
  EXPECT_TRUE(kaj.period.start.empty());
  EXPECT_EQ(kaj.period.end, "2020-06-30");
  EXPECT_EQ(kaj.years, years(2020, 2020));
  EXPECT_EQ(kaj.budget_sek, 250000);
}

TEST(CsvReader, Windows1252WithSemicolons) {
  const auto path = fixture("csv/tillvaxtverket_cp1252.csv");
  // The file really is Windows-1252: "ä" is the single byte 0xE4.
  const std::string bytes = read_file(path);
  ASSERT_NE(bytes.find("Omst\xE4llning"), std::string::npos);
  EXPECT_EQ(CsvReader::detect_delimiter(bytes), ';');
  const Read r = read_projects(kCsv, path);
  EXPECT_EQ(r.encoding, "windows-1252");
  expect_tillvaxtverket(r);
  EXPECT_EQ(r.projects.size(), 3U);
  EXPECT_EQ(by_title(r, "Hållbar turismutveckling i Tjallingen").owner, "Tjallingen Sijte");
  EXPECT_EQ(by_title(r, "Omställning till förnyelsebara drivmedel").text.find("Ã"), std::string::npos);
}

TEST(XlsxReader, TillvaxtverketWorkbook) {
  const Read r = read_projects(kXlsx, fixture("xlsx/tillvaxtverket.xlsx"));
  expect_tillvaxtverket(r);
  EXPECT_EQ(r.projects.size(), 3U);
  EXPECT_TRUE(r.warnings.empty()) << ::testing::PrintToString(r.warnings);
}

// --- art. 49 list of operations, Swedish -------------------------------------------------

void expect_art49_sv(const Read& r) {
  ASSERT_EQ(r.projects.size(), 2U);
  const Project& gron = by_title(r, "Grön omställning i Västerbottens inland");
  EXPECT_EQ(gron.id, "20358001");
  EXPECT_EQ(gron.owner, "Region Västerbotten");
  EXPECT_EQ(gron.budget_sek, 12500000);
  EXPECT_EQ(gron.years, years(2023, 2026));
  EXPECT_TRUE(has(gron.funders, "Europeiska regionala utvecklingsfonden"));
  EXPECT_TRUE(has(gron.regions, "Västerbottens län"));
  EXPECT_TRUE(has(gron.regions, "Lycksele"));
  EXPECT_EQ(field(gron, "unionens medfinansieringsgrad"), "40 %");
  EXPECT_EQ(field(gron, "postnummer"), "901 86");

  const Project& vatgas = by_title(r, "Vätgas för tunga transporter i Norrbotten");
  EXPECT_TRUE(has(vatgas.funders, "Fonden för en rättvis omställning"));
  EXPECT_TRUE(has(vatgas.regions, "Luleå"));
  EXPECT_TRUE(has(vatgas.regions, "Kiruna"));
  EXPECT_TRUE(has(vatgas.regions, "Norrbottens län"));
  EXPECT_EQ(vatgas.years, years(2022, 2025));
  EXPECT_EQ(vatgas.budget_sek, 34750000);
}

TEST(CsvReader, Article49Swedish) { expect_art49_sv(read_projects(kCsv, fixture("csv/art49_sv.csv"))); }
TEST(XlsxReader, Article49SwedishInlineStringsAndABadAmount) {
  const auto path = fixture("xlsx/art49_sv.xlsx");
  Read r = read_projects(kXlsx, path);
  // Row 4 keeps everything but its unreadable amount.
  ASSERT_EQ(r.projects.size(), 3U);
  const Project cykel = by_title(r, "Cykelstråk i Umeå");
  EXPECT_FALSE(cykel.budget_sek.has_value());
  EXPECT_EQ(cykel.years, years(2023, 2024));
  EXPECT_TRUE(has(cykel.regions, "Umeå"));
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_EQ(r.warnings[0], path.string() + ": sheet Insatser, row 4: column \"Insatsens totala kostnad\": "
                                          "unparseable amount \"ca tolv miljoner\" dropped");
  r.projects.erase(std::remove_if(r.projects.begin(), r.projects.end(),
                                  [](const Project& p) { return p.title == "Cykelstråk i Umeå"; }),
                   r.projects.end());
  expect_art49_sv(r);
}

TEST(CsvReader, StrayQuoteIsReportedAndTheFileStillRead) {
  const std::string csv =
      "projektnamn,projektbeskrivning,projekt_starttid\n"
      "Första projektet,Vanlig rad,2019-01-01\n"
      "Andra \"projektet\" i Luleå,Citat \"mitt i\" fältet,2020-02-01\n"
      "Tredje projektet,Sista raden,2021-03-01\n";
  const auto path = test::temp_dir() / "citat.csv";
  const auto docs = kCsv.read(path, csv);
  ASSERT_EQ(docs.size(), 3U);
  ASSERT_FALSE(docs[0].warnings.empty());
  EXPECT_NE(docs[0].warnings[0].find(path.string() + ": row 3: "), std::string::npos) << docs[0].warnings[0];
  EXPECT_EQ(docs[2].record->title, "Tredje projektet");
  EXPECT_EQ(docs[2].record->years, years(2021, 2021));
  EXPECT_NE(docs[1].record->title.find("Luleå"), std::string::npos);
}

// --- art. 49 list of operations, English (EUR) -------------------------------------------

void expect_art49_en(const Read& r) {
  ASSERT_EQ(r.projects.size(), 2U);
  const Project& bygg = by_title(r, "Cirkulära byggmaterial i Göteborg");
  EXPECT_EQ(bygg.id, "se-2021-0042");
  EXPECT_EQ(bygg.owner, "Göteborgs Stad");
  // EUR converted at the profile's rate; the amount as given stays in the fields.
  EXPECT_EQ(bygg.budget_sek, 11200000);
  EXPECT_EQ(field(bygg, "Total eligible expenditure"), "1000000");
  EXPECT_EQ(bygg.years, years(2022, 2024));
  EXPECT_TRUE(has(bygg.funders, "Europeiska regionala utvecklingsfonden"));
  EXPECT_TRUE(has(bygg.regions, "Västsverige"));
  EXPECT_TRUE(has(bygg.regions, "Göteborg"));
  const Project& vard = by_title(r, "Digital vård i Skåne");
  EXPECT_TRUE(has(vard.funders, "Europeiska regionala utvecklingsfonden"));
  EXPECT_TRUE(has(vard.regions, "Sydsverige"));
  EXPECT_EQ(vard.years, years(2021, 2023));
  EXPECT_EQ(vard.budget_sek, 28000000);
}

TEST(CsvReader, Article49English) { expect_art49_en(read_projects(kCsv, fixture("csv/art49_en.csv"))); }
TEST(XlsxReader, Article49English) { expect_art49_en(read_projects(kXlsx, fixture("xlsx/art49_en.xlsx"))); }

// --- Kohesio -----------------------------------------------------------------------------

void expect_kohesio(const Read& r) {
  ASSERT_EQ(r.projects.size(), 2U);
  const Project& bb = by_title(r, "Bredband till landsbygden i Dalarna");
  EXPECT_EQ(bb.id, "q2316795");
  EXPECT_EQ(bb.owner, "Region Dalarna");
  EXPECT_EQ(bb.budget_sek, 22400000);
  EXPECT_EQ(bb.granted_sek, 8960000);
  EXPECT_EQ(bb.years, years(2016, 2019));
  EXPECT_TRUE(has(bb.funders, "Europeiska regionala utvecklingsfonden"));
  EXPECT_TRUE(has(bb.regions, "Norra Mellansverige"));
  EXPECT_EQ(field(bb, "land"), "Sweden");
  const Project& unga = by_title(r, "Unga vuxna i arbete i Örebro");
  EXPECT_TRUE(has(unga.funders, "Europeiska socialfonden"));
  EXPECT_TRUE(has(unga.regions, "Östra Mellansverige"));
  EXPECT_EQ(unga.years, years(2019, 2021));
}

TEST(CsvReader, KohesioExport) { expect_kohesio(read_projects(kCsv, fixture("csv/kohesio.csv"))); }

TEST(XlsxReader, KohesioSecondSheetUnderATitleRow) {
  const Read r = read_projects(kXlsx, fixture("xlsx/kohesio.xlsx"));
  expect_kohesio(r);
  // The information sheet fits no profile: skipped with a warning naming it.
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_NE(r.warnings[0].find("sheet About"), std::string::npos) << r.warnings[0];
  // The header was found under the sheet's title row and blank row.
  EXPECT_EQ(by_title(r, "Unga vuxna i arbete i Örebro").source.format, "xlsx");
}

// --- mapping files, errors ---------------------------------------------------------------

TEST(CsvReader, UnknownHeaderIsNotIndexableUntilAMappingIsGiven) {
  const auto path = fixture("csv/egen_export.tsv");
  try {
    read_projects(kCsv, path);
    FAIL() << "expected NotIndexable";
  } catch (const NotIndexable& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("--columns"), std::string::npos);
  }
  const CsvReader mapped(ColumnProfileSet::with_file(fixture("csv/egen_export_columns.txt")));
  const Read r = read_projects(mapped, path);
  ASSERT_EQ(r.projects.size(), 1U);
  const Project& p = r.projects[0];
  EXPECT_EQ(p.id, "egen-p-17");
  EXPECT_EQ(p.title, "Cykelvägar i Jönköping");
  EXPECT_EQ(p.owner, "Jönköpings kommun");
  EXPECT_EQ(p.budget_sek, 3400000);
  EXPECT_EQ(p.years, years(2020, 2022));
  EXPECT_TRUE(has(p.funders, "Allmänna arvsfonden"));
  EXPECT_TRUE(has(p.regions, "Jönköping"));
  EXPECT_TRUE(has(p.regions, "Jönköpings län"));
  // "Kategori" is in no mapping: kept as searchable text and as a field.
  EXPECT_NE(p.text.find("Kategori: Hållbara transporter"), std::string::npos) << p.text;
  EXPECT_EQ(field(p, "Kategori"), "Hållbara transporter");
}

TEST(ColumnProfile, MalformedMappingNamesFileAndLine) {
  try {
    ColumnProfile::parse("# egen\nRubrik\ttitle\nBelopp\tpengar\n", "egen.tsv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("egen.tsv:3: unknown target \"pengar\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(ColumnProfile::parse("Belopp\tbudget_eur\nRubrik\ttitle\n", "eur.tsv"), InputError);
  EXPECT_THROW(ColumnProfile::load(test::temp_dir() / "saknas.tsv"), InputError);
}

TEST(ColumnProfile, TheExampleInDocsIndexingParses) {
  const std::string doc = read_file(test::source_dir() / "docs" / "indexing.md");
  const std::size_t at = doc.find("```\n# '#' starts a comment line.");
  ASSERT_NE(at, std::string::npos) << "the mapping file example is gone from docs/indexing.md";
  const std::size_t begin = doc.find('\n', at) + 1;
  const std::string example = doc.substr(begin, doc.find("```", begin) - begin);
  const ColumnProfile p = ColumnProfile::parse(example, "docs/indexing.md");
  EXPECT_EQ(p.name, "egen-export");
  EXPECT_EQ(p.id_prefix, "egen-");
  ASSERT_NE(p.rule_for("KATEGORI"), nullptr);
  EXPECT_EQ(p.rule_for("KATEGORI")->key, "tematiskt mål");
  EXPECT_EQ(p.rule_for("kostnad  kr")->target, ColumnTarget::Budget);
  EXPECT_EQ(p.funder_for("erdf"), "Europeiska regionala utvecklingsfonden");
}

TEST(ColumnProfileSet, BuiltInProfilesAreChosenByHeader) {
  const auto set = ColumnProfileSet::builtin();
  ASSERT_GE(set->profiles().size(), 4U);
  auto chosen = [&](std::vector<std::string> header) {
    const ColumnProfile* p = set->choose(header);
    return p == nullptr ? std::string("<none>") : p->name;
  };
  EXPECT_EQ(chosen({"ärende-id", "projektnamn", "projekt_starttid", "Län"}), "tillvaxtverket");
  EXPECT_EQ(chosen({"Insatsens namn", "Stödmottagarens namn", "Berörd fond"}), "art49-sv");
  EXPECT_EQ(chosen({"Operation name", "Beneficiary name", "Operation start date", "Union co-financing rate"}),
            "art49-en");
  EXPECT_EQ(chosen({"Project name", "Summary", "Total budget", "EU cofinancing", "Fund"}), "kohesio");
  EXPECT_EQ(chosen({"Färg", "Storlek"}), "<none>");
}

TEST(XlsxReader, ZipBombIsRefusedNamingTheFile) {
  const auto path = fixture("xlsx/expands_4mb.xlsx");
  const std::string bytes = read_file(path);
  ASSERT_LT(bytes.size(), 64U * 1024U);  // a few KB on disk
  const XlsxReader capped(nullptr, std::uint64_t{1} << 20);
  try {
    capped.read(path, bytes);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.find(path.string() + ": XLSX part xl/worksheets/sheet1.xml"), 0U) << msg;
    EXPECT_NE(msg.find("zip bomb"), std::string::npos) << msg;
  }
  // Under the default limit the same file reads.
  EXPECT_EQ(read_projects(kXlsx, path).projects.size(), 1U);
}

TEST(XlsxReader, DamagedWorkbookIsAnInputError) {
  const auto path = fixture("xlsx/tillvaxtverket.xlsx");
  const std::string bytes = read_file(path);
  EXPECT_THROW(kXlsx.read(path, bytes.substr(0, bytes.size() / 2)), InputError);
  EXPECT_THROW(kXlsx.read("inte.xlsx", "Projektnamn;Belopp\n"), InputError);
}

TEST(XlsxReader, SerialDatesAndDateFormats) {
  EXPECT_EQ(XlsxReader::serial_to_date(43466, false), "2019-01-01");
  EXPECT_EQ(XlsxReader::serial_to_date(1, false), "1900-01-01");
  EXPECT_EQ(XlsxReader::serial_to_date(61, false), "1900-03-01");
  EXPECT_EQ(XlsxReader::serial_to_date(45657.75, false), "2024-12-31");
  EXPECT_EQ(XlsxReader::serial_to_date(0, true), "1904-01-01");
  EXPECT_TRUE(XlsxReader::is_date_format("yyyy\\-mm\\-dd"));
  EXPECT_TRUE(XlsxReader::is_date_format("d/m/yy;@"));
  EXPECT_TRUE(XlsxReader::is_date_format("[$-41D]d mmmm yyyy"));
  EXPECT_FALSE(XlsxReader::is_date_format("0.00"));
  EXPECT_FALSE(XlsxReader::is_date_format("#,##0 \"kr\""));
  EXPECT_FALSE(XlsxReader::is_date_format("h:mm"));
  EXPECT_FALSE(XlsxReader::is_date_format("\"dag \"0"));
}

TEST(ReaderRegistry, SpreadsheetsByExtension) {
  const ReaderRegistry registry;
  EXPECT_EQ(registry.reader_for("lista.csv", "a;b").name(), "csv");
  EXPECT_EQ(registry.reader_for("LISTA.TSV", "a\tb").name(), "csv");
  EXPECT_EQ(registry.reader_for("insatser.xlsx", "PK\x03\x04").name(), "xlsx");
  EXPECT_THROW(ReaderRegistry(test::temp_dir() / "saknas.tsv"), InputError);
}

// --- the real ERDF corpus as a spreadsheet export ------------------------------------------

/// A CSV field, quoted with doubled quotes as RFC 4180 writes it.
std::string csv_field(const nlohmann::json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TEST(CsvReader, ErdfCorpusAsCsvGivesTheJsonReadersProjects) {
  FYND_REQUIRE_SHARED(shared);
  const auto json_path = shared / "corpus" / "tillvaxtverket-eruf-2014-2020.json";
  const nlohmann::json records = nlohmann::json::parse(read_file(json_path));
  ASSERT_TRUE(records.is_array());
  std::vector<std::string> keys;
  for (const auto& [k, v] : records[0].items()) keys.push_back(k);
  std::string csv;
  for (std::size_t i = 0; i < keys.size(); ++i) csv += (i ? ";" : "") + keys[i];
  csv += "\r\n";
  for (const auto& r : records) {
    for (std::size_t i = 0; i < keys.size(); ++i) csv += (i ? ";" : "") + csv_field(r.value(keys[i], nlohmann::json()));
    csv += "\r\n";
  }
  const auto csv_path = test::temp_dir() / "projektbanken.csv";
  test::write_file(csv_path, csv);

  const Read from_csv = read_projects(kCsv, csv_path);
  const Read from_json = read_projects(ProjectBankJsonReader(), json_path);
  ASSERT_EQ(from_csv.projects.size(), records.size());
  ASSERT_EQ(from_json.projects.size(), records.size());
  EXPECT_TRUE(from_csv.warnings.empty()) << ::testing::PrintToString(from_csv.warnings);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Project& c = from_csv.projects[i];
    const Project& j = from_json.projects[i];
    SCOPED_TRACE(j.id);
    EXPECT_EQ(c.id, j.id);
    EXPECT_EQ(c.title, j.title);
    EXPECT_EQ(c.text, j.text);
    EXPECT_EQ(c.owner, j.owner);
    EXPECT_EQ(c.contact, j.contact);
    EXPECT_EQ(c.budget_sek, j.budget_sek);
    EXPECT_EQ(c.granted_sek, j.granted_sek);
    EXPECT_EQ(c.years, j.years);
    EXPECT_EQ(c.funders, j.funders);
    // The same places; their order follows the column order (nlohmann sorts the keys).
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    EXPECT_EQ(sorted(c.regions), sorted(j.regions));
    EXPECT_EQ(sorted(c.themes), sorted(j.themes));
  }
}

// --- through the pipeline into an index --------------------------------------------------

TEST(SheetPipeline, CsvAndXlsxIndexWithColumnsFile) {
  const auto dir = test::temp_dir();
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {fixture("csv/tillvaxtverket.csv"), fixture("xlsx/kohesio.xlsx"), fixture("csv/egen_export.tsv")};
  options.columns = fixture("csv/egen_export_columns.txt");
  std::ostringstream log;
  const IndexSummary s = Pipeline(options, log).run();
  EXPECT_TRUE(s.failed.empty()) << log.str();
  EXPECT_TRUE(s.skipped.empty()) << log.str();
  EXPECT_EQ(s.projects_indexed, 4U + 2U + 1U);
  EXPECT_NE(log.str().find("row 5: skipped row"), std::string::npos) << log.str();
  const Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_doccount(), 7U);
  EXPECT_EQ(db.get_termfreq("Qeruf-20200253"), 1U);
  EXPECT_EQ(db.get_termfreq("Qq2316795"), 1U);
  EXPECT_EQ(db.get_termfreq("Qegen-p-17"), 1U);
}

}  // namespace
}  // namespace fynd
