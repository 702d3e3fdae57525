// Damaged textual files through the whole pipeline: their Swedish text is indexed and found.
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

}  // namespace
}  // namespace fynd
