// Whole runs of the indexing pipeline: incrementality, bad files, the shared corpus.
#include "pipeline.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <sstream>

#include "index_command.h"
#include "schema.h"
#include "test_support.h"

namespace fynd {
namespace {

namespace fs = std::filesystem;

IndexSummary run(const fs::path& db, std::vector<fs::path> inputs, std::string* log = nullptr) {
  IndexOptions options;
  options.db = db;
  options.inputs = std::move(inputs);
  std::ostringstream out;
  IndexSummary s = Pipeline(options, out).run();
  if (log) *log = out.str();
  return s;
}

Xapian::doccount docs_with(const fs::path& db, const std::string& term) {
  return Xapian::Database(db.string()).get_termfreq(term);
}

bool reported(const std::vector<FileIssue>& issues, const std::string& name) {
  for (const FileIssue& f : issues) {
    if (f.file.find(name) != std::string::npos) return true;
  }
  return false;
}

TEST(Pipeline, CollectFilesIsSortedAndSkipsHidden) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "b.txt", "b");
  test::write_file(dir / "a" / "z.txt", "z");
  test::write_file(dir / ".git" / "config", "x");
  test::write_file(dir / ".dold.txt", "x");
  test::write_file(dir / "c.md", "c");
  std::vector<FileIssue> missing;
  const auto files = collect_files({dir, dir / "b.txt", dir / "saknas"}, missing);
  ASSERT_EQ(files.size(), 3U);
  EXPECT_EQ(files[0], dir / "a" / "z.txt");
  EXPECT_EQ(files[1], dir / "b.txt");
  EXPECT_EQ(files[2], dir / "c.md");
  ASSERT_EQ(missing.size(), 1U);
  EXPECT_NE(missing[0].file.find("saknas"), std::string::npos);
}

TEST(Pipeline, IncrementalRuns) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  const auto db = dir / "db";
  test::write_file(in / "gröna.txt", "Gröna städer i Växjö kommun.\nProjektet pågår 2019-2021.\n");
  test::write_file(in / "blå.md", "# Blå vägen\n\nEtt samarbete mellan Umeå och Vasa.\n");
  test::write_file(in / "esf.txt", test::read_file(test::fixture("esf/esf_2018_00123.txt")));

  IndexSummary first = run(db, {in});
  EXPECT_EQ(first.files_read, 3U);
  // The understanding step may split a page into several projects: at least one each.
  EXPECT_GE(first.projects_indexed, 3U);
  EXPECT_TRUE(first.failed.empty());
  EXPECT_EQ(first.total_projects, first.projects_indexed);

  // Second run: nothing changed, nothing read.
  IndexSummary second = run(db, {in});
  EXPECT_EQ(second.files_read, 0U);
  EXPECT_EQ(second.projects_indexed, 0U);
  EXPECT_EQ(second.unchanged, 3U);

  // Touched but identical: still unchanged.
  fs::last_write_time(in / "blå.md", fs::last_write_time(in / "blå.md") + std::chrono::seconds(5));
  IndexSummary touched = run(db, {in});
  EXPECT_EQ(touched.files_read, 0U);
  EXPECT_EQ(touched.unchanged, 3U);

  // Changed: old terms gone, new ones there, one document still.
  test::write_file(in / "gröna.txt", "Gröna tak i Malmö stad.\nProjektet pågår 2022-2023, med ny inriktning.\n");
  IndexSummary changed = run(db, {in});
  EXPECT_EQ(changed.files_read, 1U);
  EXPECT_GE(changed.projects_indexed, 1U);
  EXPECT_EQ(changed.unchanged, 2U);
  EXPECT_EQ(docs_with(db, "växjö"), 0U);
  EXPECT_GE(docs_with(db, "malmö"), 1U);
  EXPECT_EQ(docs_with(db, Schema::source_term((in / "gröna.txt").string())), changed.projects_indexed);

  // Deleted: its projects leave the index.
  fs::remove(in / "esf.txt");
  IndexSummary removed = run(db, {in});
  EXPECT_EQ(removed.files_removed, 1U);
  EXPECT_EQ(removed.projects_removed, 1U);
  EXPECT_EQ(removed.total_projects, changed.total_projects - 1);
  EXPECT_EQ(docs_with(db, Schema::id_term("esf-2018-00123")), 0U);

  // Files indexed from another root are kept when that root is not given.
  const auto other = dir / "other";
  test::write_file(other / "annan.txt", "Ett annat projekt i Luleå.\n");
  const IndexSummary with_other = run(db, {other});
  EXPECT_GT(with_other.total_projects, removed.total_projects);
  IndexSummary again = run(db, {in});
  EXPECT_EQ(again.files_removed, 0U);
  EXPECT_EQ(again.total_projects, with_other.total_projects);
}

TEST(Pipeline, BadFilesAreReportedAndTheRestIndexed) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  const auto db = dir / "db";
  test::write_file(in / "tom.txt", "");
  test::write_file(in / "bild.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0", 24));
  test::write_file(in / "latin1.txt", "V\xE4xj\xF6 kommun satsar p\xE5 gr\xF6na st\xE4" "der och h\xE5llbar turism.\n");
  const std::string pdf = test::read_file(test::fixture("pdf/vaxjo_partnerskap.pdf"));
  test::write_file(in / "trasig.pdf", pdf.substr(0, pdf.size() / 3));
  test::write_file(in / "hel.pdf", pdf);
  test::write_file(in / "trasig.json", "[{\"projektnamn\": \"Ett\"}, {\"projektnamn\": ]");
  test::write_file(in / "bra.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "package.json", "{\"name\": \"fynd-web\", \"version\": \"1.0.0\"}\n");
  test::write_file(in / "sida.html", test::read_file(test::fixture("html/internationella_projekt.html")));

  std::string log;
  IndexSummary s = run(db, {in}, &log);
  EXPECT_EQ(s.files_seen, 9U);
  EXPECT_EQ(s.files_read, 4U) << log;
  EXPECT_GE(s.projects_indexed, 5U) << log;  // latin1, hel.pdf, 2 json records, sida.html
  EXPECT_TRUE(reported(s.skipped, "tom.txt")) << log;
  EXPECT_TRUE(reported(s.skipped, "bild.png")) << log;
  EXPECT_TRUE(reported(s.failed, "trasig.pdf")) << log;
  EXPECT_TRUE(reported(s.failed, "trasig.json")) << log;
  EXPECT_EQ(s.failed.size(), 2U) << log;
  EXPECT_TRUE(reported(s.skipped, "package.json")) << log;
  EXPECT_EQ(s.skipped.size(), 3U) << log;
  EXPECT_NE(log.find("skipped " + (in / "tom.txt").string() + ": empty file"), std::string::npos) << log;
  EXPECT_NE(log.find("skipped " + (in / "bild.png").string() + ": binary file"), std::string::npos) << log;
  EXPECT_NE(log.find("failed " + (in / "trasig.json").string() + ": invalid JSON at line 1"), std::string::npos)
      << log;
  EXPECT_NE(log.find("failed " + (in / "trasig.pdf").string() + ": "), std::string::npos) << log;
  EXPECT_GE(docs_with(db, "växjö"), 2U);  // latin1.txt and hel.pdf
  EXPECT_EQ(docs_with(db, Schema::id_term("eruf-20205678")), 1U);

  // The summary names every failure; the command exits 1.
  std::ostringstream summary;
  print_summary(s, summary);
  EXPECT_NE(summary.str().find("failed: 2"), std::string::npos) << summary.str();
  EXPECT_NE(summary.str().find("trasig.pdf"), std::string::npos);
  IndexOptions options;
  options.db = db;
  options.inputs = {in};
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_index_command(options, out, err), IndexExit::kSomeFailed);
}

TEST(Pipeline, LockedIndexExitsSix) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "a.txt", "Hej.\n");
  Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {dir / "in"};
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_index_command(options, out, err), IndexExit::kIndexUnavailable);
  EXPECT_NE(err.str().find("locked"), std::string::npos) << err.str();
}

TEST(Pipeline, SampleAndSharedCorpus) {
  FYND_REQUIRE_SHARED(shared);
  const auto db = test::temp_dir() / "db";
  std::string log;
  IndexSummary s = run(db, {test::source_dir() / "data" / "sample", shared / "corpus"}, &log);
  EXPECT_TRUE(s.failed.empty()) << log;
  EXPECT_GE(s.projects_indexed, 374U + 5U) << log;
  EXPECT_GE(s.total_projects, 374U);
  Xapian::Database xdb(db.string());
  EXPECT_EQ(xdb.get_termfreq(Schema::facet_term(Facet::Funder, "Europeiska regionala utvecklingsfonden")), 374U);
  ASSERT_EQ(xdb.get_termfreq(Schema::id_term("eruf-20200940")), 1U);
  // Regions as the extractor normalises them: at least one, for every record.
  const Xapian::Document arjeplog = xdb.get_document(*xdb.postlist_begin(Schema::id_term("eruf-20200940")));
  EXPECT_FALSE(arjeplog.get_value(Schema::facet_slot(Facet::Region)).empty());
  EXPECT_GE(xdb.get_termfreq(Schema::facet_term(Facet::Year, "2019")), 1U);
  EXPECT_EQ(xdb.get_termfreq(Schema::id_term("esf-2019-00503")), 1U);
}

}  // namespace
}  // namespace fynd
