// Damaged and huge textual files through the whole pipeline: their Swedish text is indexed and found.
#include <gtest/gtest.h>
#include <xapian.h>

#include <sstream>

#include "index_command.h"
#include "pipeline.h"
#include "test_support.h"

namespace fynd {
namespace {

namespace fs = std::filesystem;

const std::string kText =
    "Energismart Växjö\n\n"
    "Projektet i Växjö kommun ska utveckla hållbar stadsplanering tillsammans med "
    "Linnéuniversitetet. Målgruppen är företag i Kronobergs län som vill minska sin "
    "energianvändning. Även skolor och föreningar får delta i arbetet under åren 2019–2021.\n";

TEST(DecodingPipeline, DamagedUtf8AndNulRunsAreIndexedAsSwedishText) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  // UTF-8 with two damaged sequences; UTF-8 with a run of NUL bytes at the start and inside.
  test::write_file(in / "halvtrasig.txt", kText + "Trasig \x80 byte och \xC3 halv bokstav.\n" + kText);
  test::write_file(in / "nollor.txt", std::string(2000, '\0') + kText + std::string(500, '\0') + "Slut.\n");

  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {in};
  std::ostringstream log;
  const IndexSummary s = Pipeline(options, log).run();

  EXPECT_TRUE(s.failed.empty()) << log.str();
  EXPECT_TRUE(s.skipped.empty()) << log.str();
  EXPECT_EQ(s.files_read, 2U) << log.str();
  const Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_termfreq("växjö"), 2U) << log.str();
  EXPECT_EQ(db.get_termfreq("hållbar"), 2U) << log.str();
  EXPECT_TRUE(db.allterms_begin("vã") == db.allterms_end("vã"));  // no windows-1252 mojibake ("VÃ¤xjÃ¶")
  const std::string out = log.str();
  EXPECT_NE(out.find("halvtrasig.txt: 2 undecodable byte sequences replaced"), std::string::npos) << out;
  EXPECT_NE(out.find("nollor.txt: 2500 NUL or control characters dropped"), std::string::npos) << out;
}

TEST(HugeProject, TextOverTheCapIsTruncatedWithAWarning) {
  // One 3 MB plain text without headings becomes one project: its text is cut at 1 MB.
  const auto dir = test::temp_dir();
  std::string text = "Ett mycket långt projekt i Växjö\n\n";
  while (text.size() < (3u << 20)) text += "Projektet arbetar med hållbar energi i Kronobergs län och i hela regionen.\n";
  text += "slutordet\n";
  test::write_file(dir / "in" / "jättelång.txt", text);
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {dir / "in"};
  std::ostringstream log;
  const IndexSummary s = Pipeline(options, log).run();
  ASSERT_TRUE(s.failed.empty()) << log.str();
  EXPECT_EQ(s.projects_indexed, 1U) << log.str();
  const Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_termfreq("hållbar"), 1U);
  EXPECT_EQ(db.get_termfreq("slutordet"), 0U);  // beyond the cap
  ASSERT_EQ(db.get_doccount(), 1U);
  EXPECT_LE(db.get_document(*db.postlist_begin("")).get_data().size(), kMaxProjectTextBytes + 64 * 1024);
  EXPECT_NE(log.str().find("of text; only the first 1.0 MB is indexed"), std::string::npos) << log.str();
}

}  // namespace
}  // namespace fynd
