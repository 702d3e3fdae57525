// One test per format reader against its fixture in tests/fixtures/<format>/.
#include <gtest/gtest.h>

#include <algorithm>

#include "error.h"
#include "reader_registry.h"
#include "readers/esf_record_reader.h"
#include "readers/html_reader.h"
#include "readers/markdown_reader.h"
#include "readers/pdf_reader.h"
#include "readers/project_bank_json_reader.h"
#include "readers/text_reader.h"
#include "test_support.h"

namespace fynd {
namespace {

using test::fixture;
using test::read_file;

std::vector<RawDocument> read_with(const Reader& reader, const std::filesystem::path& path) {
  const std::string bytes = read_file(path);
  return reader.read(path, bytes);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string field(const Project& p, const std::string& key) {
  for (const auto& [k, v] : p.fields) {
    if (k == key) return v;
  }
  return "<missing>";
}

TEST(TextReader, Latin1FileIsDecoded) {
  const auto docs = read_with(TextReader(), fixture("text/latin1_vaxjo.txt"));
  ASSERT_EQ(docs.size(), 1U);
  const RawDocument& d = docs[0];
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.text.rfind("Växjö kommun", 0), 0U) << d.text;
  EXPECT_NE(d.text.find("Åsa Öberg"), std::string::npos);
  ASSERT_FALSE(d.blocks.empty());
  EXPECT_EQ(d.blocks[0].type, BlockType::Line);
  EXPECT_EQ(d.blocks[0].text, "Växjö kommun - internationella projekt");
  EXPECT_EQ(d.text.substr(d.blocks[0].begin, d.blocks[0].end - d.blocks[0].begin), d.blocks[0].text);
  EXPECT_EQ(d.source.format, "text");
  EXPECT_FALSE(d.record.has_value());
}

TEST(MarkdownReader, HeadingsListsAndParagraphs) {
  const auto docs = read_with(MarkdownReader(), fixture("markdown/hallbar_turism.md"));
  ASSERT_EQ(docs.size(), 1U);
  const RawDocument& d = docs[0];
  EXPECT_EQ(d.title, "Hållbar turism i Jämtland");
  ASSERT_GE(d.blocks.size(), 7U);
  EXPECT_EQ(d.blocks[0].type, BlockType::Heading);
  EXPECT_EQ(d.blocks[0].level, 1);
  EXPECT_EQ(d.blocks[1].type, BlockType::Paragraph);
  EXPECT_EQ(d.blocks[1].text,
            "Projektet Hållbar turism utvecklar besöksnäringen i Östersunds kommun tillsammans med lokala företag.");
  EXPECT_EQ(d.blocks[2].type, BlockType::Heading);
  EXPECT_EQ(d.blocks[2].level, 2);
  EXPECT_EQ(d.blocks[2].text, "Mål");
  EXPECT_EQ(d.blocks[3].type, BlockType::ListItem);
  EXPECT_EQ(d.blocks[3].text, "Fler året-runt-arbetstillfällen");
  EXPECT_EQ(d.blocks[5].type, BlockType::ListItem);
  EXPECT_EQ(d.blocks[5].text, "Kartläggning av besöksflöden");
  for (const Block& b : d.blocks) EXPECT_EQ(d.text.substr(b.begin, b.end - b.begin), b.text);
}

TEST(HtmlReader, StructureTitleAndSkippedElements) {
  const auto docs = read_with(HtmlReader(), fixture("html/internationella_projekt.html"));
  ASSERT_EQ(docs.size(), 1U);
  const RawDocument& d = docs[0];
  EXPECT_EQ(d.title, "Internationella projekt – Jönköpings kommun");
  EXPECT_EQ(d.text.find("tracking"), std::string::npos) << "script text must be skipped";
  EXPECT_EQ(d.text.find("font-family"), std::string::npos) << "style text must be skipped";
  EXPECT_EQ(d.text.find("Start"), std::string::npos) << "nav must be skipped";
  EXPECT_EQ(d.text.find("551 89"), std::string::npos) << "footer must be skipped";

  std::vector<std::pair<BlockType, std::string>> got;
  for (const Block& b : d.blocks) got.emplace_back(b.type, b.text);
  ASSERT_EQ(got.size(), 7U) << d.text;
  EXPECT_EQ(got[0], std::make_pair(BlockType::Heading, std::string("Internationella projekt")));
  EXPECT_EQ(d.blocks[0].level, 1);
  EXPECT_EQ(got[1], std::make_pair(BlockType::Paragraph,
                                   std::string("Här finns information om Jönköpings kommuns internationella projekt.")));
  EXPECT_EQ(got[2].first, BlockType::Heading);
  EXPECT_EQ(d.blocks[2].level, 2);
  EXPECT_EQ(got[3].second, "Projektet pågår 2021–2023 och tar emot volontärer från Spanien och Italien.");
  EXPECT_EQ(got[4], std::make_pair(BlockType::ListItem, std::string("Ungdomsverksamhet i Råslätt")));
  EXPECT_EQ(got[5], std::make_pair(BlockType::ListItem, std::string("Fritidsgårdar i Huskvarna")));
  EXPECT_EQ(got[6], std::make_pair(BlockType::Paragraph, std::string("Kontakta Anna Åkesson för mer information.")));
}

TEST(PdfReader, PagesTextAndTitle) {
  const auto docs = read_with(PdfReader(), fixture("pdf/vaxjo_partnerskap.pdf"));
  ASSERT_EQ(docs.size(), 1U);
  const RawDocument& d = docs[0];
  EXPECT_EQ(d.title, "Växjö kommun - internationellt");
  EXPECT_NE(d.text.find("Växjö kommuns internationella projektarbete"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("Åsa Öberg"), std::string::npos);
  EXPECT_EQ(std::count(d.text.begin(), d.text.end(), '\f'), 1);
  EXPECT_LT(d.text.find("Kosovo"), d.text.find('\f'));
  EXPECT_GT(d.text.find("ICLD"), d.text.find('\f'));
  EXPECT_EQ(std::count_if(d.blocks.begin(), d.blocks.end(), [](const Block& b) { return b.type == BlockType::PageBreak; }),
            1);
}

TEST(PdfReader, TruncatedPdfIsAnInputErrorNamingTheFile) {
  const std::string bytes = read_file(fixture("pdf/vaxjo_partnerskap.pdf"));
  const std::string truncated = bytes.substr(0, bytes.size() / 3);
  try {
    PdfReader().read("rapport.pdf", truncated);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("rapport.pdf"), std::string::npos) << e.what();
  }
  EXPECT_THROW(PdfReader().read("x.pdf", "%PDF-1.4\ngarbage"), InputError);
  EXPECT_THROW(PdfReader().read("x.pdf", "not a pdf at all"), InputError);
}

TEST(ProjectBankJsonReader, ArrayRecordsAndBadRecordSkipped) {
  const auto path = fixture("json/eruf_sample.json");
  const std::string bytes = read_file(path);
  const auto docs = ProjectBankJsonReader().read(path, bytes);
  ASSERT_EQ(docs.size(), 2U);
  ASSERT_TRUE(docs[0].record.has_value());
  const Project& p = *docs[0].record;
  EXPECT_EQ(p.id, "eruf-20201234");
  EXPECT_EQ(p.title, "Digital kompetens i Umeåregionen");
  EXPECT_NE(p.text.find("småföretagens digitala mognad"), std::string::npos);
  EXPECT_EQ(p.owner, "Umeå kommun");
  EXPECT_EQ(p.contact, "Erik Nyström");
  EXPECT_EQ(p.email, "erik.nystrom@umea.se");
  EXPECT_EQ(p.granted_sek, 2500000);
  EXPECT_EQ(p.budget_sek, 2500000);
  EXPECT_EQ(p.period.start, "2016-03-01");
  EXPECT_EQ(p.period.end, "2018-12-31");
  EXPECT_EQ(p.years, (std::vector<int>{2016, 2017, 2018}));
  EXPECT_EQ(p.funders, std::vector<std::string>{"Europeiska regionala utvecklingsfonden"});
  EXPECT_TRUE(contains(p.regions, "Västerbotten"));
  EXPECT_TRUE(contains(p.regions, "Umeå"));
  EXPECT_TRUE(contains(p.regions, "Vindeln"));
  EXPECT_TRUE(contains(p.regions, "Övre Norrland"));
  EXPECT_EQ(field(p, "tematiskt_mål"), "Att öka konkurrenskraften hos små och medelstora företag");
  EXPECT_EQ(field(p, "insatsområde"), "Att stärka konkurrenskraften hos små och medelstora företag");
  EXPECT_EQ(field(p, "kommuner"), "Umeå, Vännäs, Vindeln");
  EXPECT_EQ(field(p, "län"), "Västerbotten");
  EXPECT_EQ(field(p, "område"), "Övre Norrland");
  // Byte range: the record's own text in the file.
  EXPECT_EQ(p.source.file, path.string());
  ASSERT_GT(p.source.end, p.source.begin);
  const std::string slice = bytes.substr(p.source.begin, p.source.end - p.source.begin);
  EXPECT_EQ(slice.front(), '{');
  EXPECT_EQ(slice.back(), '}');
  EXPECT_NE(slice.find("20201234"), std::string::npos);
  EXPECT_EQ(slice.find("20205678"), std::string::npos);
  // The third element (a string) is skipped with a warning naming it.
  ASSERT_FALSE(docs[0].warnings.empty());
  EXPECT_NE(docs[0].warnings.front().find("record 3"), std::string::npos);
}

TEST(ProjectBankJsonReader, JsonLinesWithOneBadLine) {
  const auto path = fixture("json/eruf_sample.jsonl");
  const std::string bytes = read_file(path);
  const auto docs = ProjectBankJsonReader().read(path, bytes);
  ASSERT_EQ(docs.size(), 2U);
  EXPECT_EQ(docs[0].record->id, "eruf-20209001");
  EXPECT_EQ(docs[1].record->id, "eruf-20209002");
  EXPECT_EQ(docs[1].record->years, (std::vector<int>{2015, 2016, 2017}));
  ASSERT_FALSE(docs[0].warnings.empty());
  EXPECT_NE(docs[0].warnings.front().find("line 2"), std::string::npos);
}

TEST(ProjectBankJsonReader, MalformedFileIsOneErrorWithPosition) {
  const std::string bytes = "[\n  {\"projektnamn\": \"Ett\"},\n  {\"projektnamn\": \"Två\" \"x\"}\n]\n";
  try {
    ProjectBankJsonReader().read("trasig.json", bytes);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("trasig.json"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
  }
}

TEST(EsfRecordReader, KeyValueRecord) {
  const auto path = fixture("esf/esf_2018_00123.txt");
  const std::string bytes = read_file(path);
  EXPECT_TRUE(EsfRecordReader().accepts(path, bytes));
  const auto docs = EsfRecordReader().read(path, bytes);
  ASSERT_EQ(docs.size(), 1U);
  ASSERT_TRUE(docs[0].record.has_value());
  const Project& p = *docs[0].record;
  EXPECT_EQ(p.id, "esf-2018-00123");
  EXPECT_EQ(p.title, "Framtidens omsorg");
  EXPECT_EQ(p.owner, "Västerås stad");
  EXPECT_EQ(p.contact, "Maria Lindqvist");
  EXPECT_EQ(p.email, "maria.lindqvist@vasteras.se");
  EXPECT_EQ(p.budget_sek, 8250000);
  EXPECT_EQ(p.granted_sek, 4125000);
  EXPECT_EQ(p.period.start, "2018-09-01");
  EXPECT_EQ(p.period.end, "2020-12-31");
  EXPECT_EQ(p.years, (std::vector<int>{2018, 2019, 2020}));
  EXPECT_EQ(p.funders, std::vector<std::string>{"Europeiska socialfonden"});
  EXPECT_EQ(p.regions, std::vector<std::string>{"Östra Mellansverige"});
  EXPECT_EQ(field(p, "Specifikt mål"), "1.1");
  EXPECT_EQ(p.text.rfind("Projektet Framtidens omsorg ska höja", 0), 0U) << p.text;
  EXPECT_NE(p.text.find("Bakgrund:"), std::string::npos) << "a heading in the description stays text";
}

TEST(EsfRecordReader, AmountsWithSpacesAndNoBreakSpaces) {
  EXPECT_EQ(EsfRecordReader::parse_amount("11 444 103"), 11444103);
  EXPECT_EQ(EsfRecordReader::parse_amount("11\xC2\xA0" "444\xC2\xA0" "103 kr"), 11444103);
  EXPECT_EQ(EsfRecordReader::parse_amount("5 380 349,50"), 5380349);
  EXPECT_FALSE(EsfRecordReader::parse_amount("okänt").has_value());
}

TEST(EsfRecordReader, SeedRecordFromShared) {
  FYND_REQUIRE_SHARED(shared);
  const auto path = shared / "seeds" / "004_f61de3e20533f019.txt";
  const std::string bytes = read_file(path);
  const auto docs = EsfRecordReader().read(path, bytes);
  ASSERT_EQ(docs.size(), 1U);
  const Project& p = *docs[0].record;
  EXPECT_EQ(p.id, "esf-2019-00503");
  EXPECT_EQ(p.title, "Räkna med mig! 2020");
  EXPECT_EQ(p.owner, "Region Jönköpings län, Kommunal utveckling");
  EXPECT_EQ(p.budget_sek, 11444103);
  EXPECT_EQ(p.granted_sek, 5380349);
  EXPECT_EQ(p.years, (std::vector<int>{2020, 2021, 2022}));
  EXPECT_EQ(p.regions, std::vector<std::string>{"Småland & Öarna"});
  EXPECT_EQ(p.text.rfind("Projekt Räkna med mig! avser", 0), 0U);
}

TEST(ReaderRegistry, PicksByExtensionAndContent) {
  const ReaderRegistry registry;
  EXPECT_EQ(registry.reader_for("a.pdf", "").name(), "pdf");
  EXPECT_EQ(registry.reader_for("utan-filändelse", "%PDF-1.7\n").name(), "pdf");
  EXPECT_EQ(registry.reader_for("a.HTM", "").name(), "html");
  EXPECT_EQ(registry.reader_for("sida.txt", "\n  <!DOCTYPE html><html>").name(), "html");
  EXPECT_EQ(registry.reader_for("a.json", "[").name(), "json");
  EXPECT_EQ(registry.reader_for("a.jsonl", "{").name(), "json");
  EXPECT_EQ(registry.reader_for("a.md", "# Rubrik").name(), "markdown");
  const std::string esf = read_file(fixture("esf/esf_2018_00123.txt"));
  EXPECT_EQ(registry.reader_for("post.txt", esf).name(), "esf");
  EXPECT_EQ(registry.reader_for("a.txt", "Vanlig text.").name(), "text");
  EXPECT_EQ(registry.reader_for("okänd.xyz", "Vanlig text.").name(), "text");
}

}  // namespace
}  // namespace fynd
