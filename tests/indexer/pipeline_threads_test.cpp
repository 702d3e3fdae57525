// The pipeline on several threads and streamed input: the same index as one thread,
// JSON Lines read a line at a time, what a document stores, and progress within a file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sstream>

#include "analyzer.h"
#include "pipeline.h"
#include "place_words.h"
#include "readers/project_bank_json_reader.h"
#include "schema.h"
#include "index_dump.h"
#include "test_support.h"

namespace fynd {
namespace {

namespace fs = std::filesystem;

/// A JSON Lines file of `n` records made from the fixture's first record, the third
/// line malformed.
std::string json_lines(std::size_t n) {
  const nlohmann::json records = nlohmann::json::parse(test::read_file(test::fixture("json/eruf_sample.json")));
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    nlohmann::json r = records[i % 2];
    r["ärende-id"] = "7" + std::to_string(1000 + i);
    r["projektnamn"] = r["projektnamn"].get<std::string>() + " del " + std::to_string(i);
    out += i == 2 ? std::string("{\"projektnamn\": \n") : r.dump() + "\n";
  }
  return out;
}

struct IndexRun {
  IndexSummary summary;
  std::string log;
  std::string index;
};

IndexRun index_with(const fs::path& dir, const std::vector<fs::path>& inputs, std::size_t threads) {
  IndexOptions options;
  options.db = dir / ("db" + std::to_string(threads));
  options.inputs = inputs;
  options.threads = threads;
  options.batch_size = 7;  // many commits, across batches and files
  std::ostringstream log;
  IndexRun r;
  r.summary = Pipeline(options, log).run();
  r.log = log.str();
  r.index = test::dump_index(options.db);
  return r;
}

TEST(PipelineThreads, AnyNumberOfThreadsGivesTheIndexOfOne) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  test::write_file(in / "a.jsonl", json_lines(30));
  test::write_file(in / "b.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "c.html", test::read_file(test::fixture("html/internationella_projekt.html")));
  test::write_file(in / "tom.txt", "");
  // The same id as a.jsonl's first record: a warning, and the later file's project wins.
  test::write_file(in / "d.jsonl", json_lines(1));
  const std::vector<fs::path> inputs = {test::source_dir() / "data" / "sample", in};

  const IndexRun one = index_with(dir, inputs, 1);
  ASSERT_GE(one.summary.projects_indexed, 30U) << one.log;
  EXPECT_NE(one.log.find("a.jsonl: skipped record on line 3"), std::string::npos) << one.log;
  EXPECT_NE(one.log.find("also in"), std::string::npos) << one.log;
  for (std::size_t threads : {3U}) {
    const IndexRun many = index_with(dir, inputs, threads);
    EXPECT_EQ(many.log, one.log) << threads << " threads";
    EXPECT_EQ(many.summary.projects_indexed, one.summary.projects_indexed);
    EXPECT_EQ(many.summary.skipped.size(), one.summary.skipped.size());
    EXPECT_EQ(many.summary.warnings, one.summary.warnings);
    EXPECT_TRUE(many.index == one.index) << threads << " threads: the index differs from a run on one thread";
  }
}

TEST(PipelineThreads, JsonLinesAreStreamedWithExactRanges) {
  const auto dir = test::temp_dir();
  const std::string bytes = json_lines(5);
  test::write_file(dir / "p.jsonl", bytes);
  std::vector<RawDocument> docs;
  std::vector<std::string> warnings;
  read_documents(ProjectBankJsonReader(), dir / "p.jsonl", [&](RawDocument&& doc) {
    for (const std::string& w : doc.warnings) warnings.push_back(w);
    if (doc.record) docs.push_back(std::move(doc));
  });
  ASSERT_EQ(docs.size(), 4U);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("line 3, column"), std::string::npos) << warnings[0];
  for (const RawDocument& d : docs) {
    const std::string line = bytes.substr(d.source.begin, d.source.end - d.source.begin);
    EXPECT_EQ(line.front(), '{');
    EXPECT_EQ(line.back(), '}');
    EXPECT_NE(line.find(d.record->title), std::string::npos) << line;
  }
  EXPECT_EQ(docs[2].record->id, "eruf-71003");
  // The reader's read() gives the same records, warnings on the first.
  const auto whole = ProjectBankJsonReader().read(dir / "p.jsonl", bytes);
  ASSERT_EQ(whole.size(), docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(whole[i].record->id, docs[i].record->id);
    EXPECT_EQ(whole[i].source.begin, docs[i].source.begin);
  }
  EXPECT_EQ(whole[0].warnings, warnings);
}

TEST(PipelineThreads, RegionWordsWithoutPositionsAndACompactRecord) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "b.json", test::read_file(test::fixture("json/eruf_sample.json")));
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {dir / "in"};
  std::ostringstream log;
  Pipeline(options, log).run();
  Xapian::Database x(options.db.string());
  ASSERT_EQ(x.get_termfreq(Schema::id_term("eruf-20201234")), 1U) << log.str();
  const Xapian::docid id = *x.postlist_begin(Schema::id_term("eruf-20201234"));
  const Xapian::Document doc = x.get_document(id);
  // Vindeln is only a region of this project, a place of the gazetteer: its words are
  // not written as text (no surface or stem term), its region term weighs as a word of
  // the metadata (a query word naming the place searches it, see PlaceWords).
  const Analyzer analyzer;
  ASSERT_TRUE(PlaceWords::shared(analyzer).is_place("Vindeln"));
  const std::vector<Token> tokens = analyzer.tokenize("Vindeln");
  ASSERT_EQ(tokens.size(), 1U);
  const std::vector<std::string> terms = analyzer.index_terms(tokens.front());
  ASSERT_EQ(terms.size(), 2U);
  for (const std::string& term : terms) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    EXPECT_TRUE(t == doc.termlist_end() || *t != term) << "term of the region name: " << term;
  }
  const std::string region = Schema::facet_term(Facet::Region, "Vindeln");
  auto t = doc.termlist_begin();
  t.skip_to(region);
  ASSERT_TRUE(t != doc.termlist_end() && *t == region);
  EXPECT_EQ(t.positionlist_count(), 0U);
  EXPECT_EQ(t.get_wdf(), Schema::kMetadataWdf);
  EXPECT_EQ(x.get_termfreq(region), 1U);
  // Title words keep their positions.
  t = doc.termlist_begin();
  t.skip_to("digital");
  ASSERT_TRUE(t != doc.termlist_end() && *t == "digital");
  EXPECT_GT(t.positionlist_count(), 0U);
  // The stored record: no evidence, no empty fields, the rest as the project has it.
  const nlohmann::json record = nlohmann::json::parse(doc.get_data());
  EXPECT_FALSE(record.contains("evidence"));
  EXPECT_FALSE(record.contains("display_text"));
  EXPECT_FALSE(record.contains("partners"));
  EXPECT_EQ(record.at("owner"), "Umeå kommun");
  const Project back = record.get<Project>();
  EXPECT_EQ(back.granted_sek, 2500000);
  EXPECT_TRUE(back.partners.empty());
  EXPECT_EQ(back.period.start, "2016-03-01");
}


/// The share of the file in each progress line ("…, 41% of p.jsonl"), in order.
std::vector<int> progress_shares(const std::string& log, const std::string& name) {
  std::vector<int> shares;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("progress [", 0) != 0) continue;
    const std::size_t of = line.find("% of " + name);
    if (of == std::string::npos) continue;
    const std::size_t start = line.rfind(' ', of) + 1;
    shares.push_back(std::stoi(line.substr(start, of - start)));
  }
  return shares;
}

TEST(PipelineProgress, LinesWithinAStreamedFileShowProjectsAndTheShareRead) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "p.jsonl", json_lines(97));  // 96 records: three batches
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {dir / "in"};
  options.threads = 1;
  options.progress = true;
  options.progress_lines = true;
  options.progress_seconds = 0;  // every update
  std::ostringstream log;
  const IndexSummary s = Pipeline(options, log).run();
  EXPECT_EQ(s.projects_indexed, 96U);
  const std::string text = log.str();
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;  // plain lines, no terminal codes
  EXPECT_NE(text.find("progress [0/1] "), std::string::npos) << text;
  EXPECT_NE(text.find(" projects ("), std::string::npos) << text;
  const std::vector<int> shares = progress_shares(text, "p.jsonl");
  ASSERT_GE(shares.size(), 2U) << text;
  for (std::size_t i = 1; i < shares.size(); ++i) EXPECT_LE(shares[i - 1], shares[i]) << text;
  EXPECT_GT(shares.front(), 0);
  EXPECT_LT(shares.front(), 100);
  EXPECT_LE(shares.back(), 100);
}

TEST(PipelineProgress, QuietOrUnwantedShowsNone) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "p.jsonl", json_lines(40));
  for (const bool quiet : {true, false}) {
    IndexOptions options;
    options.db = dir / (quiet ? "dbq" : "dbn");
    options.inputs = {dir / "in"};
    options.threads = 1;
    options.quiet = quiet;
    options.progress = quiet;  // quiet wins over wanted; not wanted shows nothing either
    options.progress_lines = true;
    options.progress_seconds = 0;
    std::ostringstream log;
    Pipeline(options, log).run();
    EXPECT_EQ(log.str().find("progress"), std::string::npos) << log.str();
  }
}

TEST(PipelineProgress, OnATerminalOneLineIsRewrittenAndClearedAtTheEnd) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "p.jsonl", json_lines(70));
  IndexOptions options;
  options.db = dir / "db";
  options.inputs = {dir / "in"};
  options.threads = 1;
  options.progress = true;
  options.progress_seconds = 0;
  std::ostringstream log;
  Pipeline(options, log).run();
  const std::string text = log.str();
  EXPECT_NE(text.find("\r[0/1] "), std::string::npos) << text;
  EXPECT_NE(text.find("% of p.jsonl"), std::string::npos) << text;
  EXPECT_NE(text.find("s)\033[K"), std::string::npos) << text;  // the file's ETA ends the line
  EXPECT_EQ(text.find("progress ["), std::string::npos) << text;
  const std::string clear = "\r\033[K";
  ASSERT_GE(text.size(), clear.size());
  EXPECT_EQ(text.substr(text.size() - clear.size()), clear);  // no progress left on the screen
}

}  // namespace
}  // namespace fynd
