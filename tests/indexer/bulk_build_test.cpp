// A new index written in segments on several threads (BulkBuild) against the same run
// through one writer (--no-bulk): the same documents in the same order, the same files
// recorded, and an index a reader that had the empty one open sees after reopen().
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/resource.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "bulk_build.h"
#include "pipeline.h"
#include "schema.h"
#include "sharded_index_writer.h"
#include "index_dump.h"
#include "test_support.h"

namespace fynd {
namespace {

namespace fs = std::filesystem;

/// Each project's document (data, values, terms), by id.
std::map<std::string, std::string> documents_by_id(const fs::path& db) {
  Xapian::Database x(db.string());
  std::map<std::string, std::string> out;
  for (auto d = x.postlist_begin(""); d != x.postlist_end(""); ++d) {
    const Xapian::Document doc = x.get_document(*d);
    std::ostringstream one;
    one << doc.get_data() << '\n';
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) one << "value " << v.get_valueno() << ' ' << *v << '\n';
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) one << *t << ' ' << t.get_wdf() << '\n';
    const std::string id = nlohmann::json::parse(doc.get_data()).at("id").get<std::string>();
    EXPECT_TRUE(out.emplace(id, one.str()).second) << "id " << id << " twice";
  }
  return out;
}

/// `n` JSON Lines records from the fixture's first two, ids from `first`, the third line
/// malformed when `broken`.
std::string json_lines(std::size_t n, std::size_t first = 0, bool broken = true) {
  const nlohmann::json records = nlohmann::json::parse(test::read_file(test::fixture("json/eruf_sample.json")));
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    nlohmann::json r = records[i % 2];
    r["ärende-id"] = "7" + std::to_string(1000 + first + i);
    r["projektnamn"] = r["projektnamn"].get<std::string>() + " del " + std::to_string(first + i);
    out += broken && i == 2 ? std::string("{\"projektnamn\": \n") : r.dump() + "\n";
  }
  return out;
}

/// Sets an environment variable for the scope of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

struct IndexRun {
  IndexSummary summary;
  std::string log;
  fs::path db;
};

IndexRun index_with(const fs::path& db, const std::vector<fs::path>& inputs, bool bulk, std::size_t threads,
                    std::size_t shards = 0) {
  IndexOptions options;
  options.db = db;
  options.shards = shards;
  options.inputs = inputs;
  options.threads = threads;
  options.bulk = bulk;
  options.batch_size = 7;
  // Segments of 4 documents merged 3 at a time: merges of segments and of merges.
  options.bulk_segment_docs = 4;
  options.bulk_fan_in = 3;
  std::ostringstream log;
  IndexRun r;
  r.summary = Pipeline(options, log).run();
  r.log = log.str();
  r.db = db;
  return r;
}

/// No build folder of `db` is left beside it.
void expect_no_build_folder(const fs::path& db) {
  for (const auto& entry : fs::directory_iterator(db.parent_path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.rfind("." + db.filename().string() + ".build-", 0), std::string::npos) << name;
  }
}

TEST(BulkBuild, SegmentsOnSeveralThreadsGiveTheIndexOfOneWriter) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  test::write_file(in / "a.jsonl", json_lines(61));  // 60 projects: 15 segments, 5 merges, 1 of merges
  test::write_file(in / "b.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "c.html", test::read_file(test::fixture("html/internationella_projekt.html")));
  test::write_file(in / "tom.txt", "");
  const std::vector<fs::path> inputs = {test::source_dir() / "data" / "sample", in};

  const IndexRun one = index_with(dir / "one", inputs, false, 1);
  ASSERT_GE(one.summary.projects_indexed, 60U) << one.log;
  const std::string want = test::dump_index(one.db);
  const auto want_files = ShardedIndexWriter(one.db, 0).indexed_files();
  for (std::size_t threads : {1U, 2U, 3U}) {
    const IndexRun bulk = index_with(dir / ("bulk" + std::to_string(threads)), inputs, true, threads);
    EXPECT_EQ(bulk.log, one.log) << threads << " threads";
    EXPECT_EQ(bulk.summary.projects_indexed, one.summary.projects_indexed);
    EXPECT_EQ(bulk.summary.total_projects, one.summary.total_projects);
    EXPECT_EQ(bulk.summary.warnings, one.summary.warnings);
    EXPECT_TRUE(test::dump_index(bulk.db) == want) << threads << " threads: the index differs from one writer's";
    const auto files = ShardedIndexWriter(bulk.db, 0).indexed_files();
    ASSERT_EQ(files.size(), want_files.size());
    for (const auto& [path, sig] : want_files) {
      ASSERT_EQ(files.count(path), 1U) << path;
      EXPECT_EQ(files.at(path).hash, sig.hash) << path;
      EXPECT_EQ(files.at(path).size, sig.size) << path;
    }
    expect_no_build_folder(bulk.db);
    // A second run into the built index finds every file unchanged.
    const IndexRun again = index_with(bulk.db, inputs, true, threads);
    EXPECT_EQ(again.summary.projects_indexed, 0U) << again.log;
    EXPECT_EQ(again.summary.files_read, 0U) << again.log;
    EXPECT_EQ(again.summary.unchanged, one.summary.files_read) << again.log;
  }
}

TEST(BulkBuild, ShardsAreBuiltSideBySideAndGiveTheShardsOfOneWriter) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  test::write_file(in / "a.jsonl", json_lines(61));
  test::write_file(in / "b.json", test::read_file(test::fixture("json/eruf_sample.json")));
  const std::vector<fs::path> inputs = {test::source_dir() / "data" / "sample", in};
  constexpr std::size_t kShards = 3;

  {
    ShardedIndexWriter fresh(dir / "fresh", kShards);
    EXPECT_TRUE(fresh.start_bulk(2)) << "a new index of shards is built in bulk";
  }
  const IndexRun one = index_with(dir / "one", inputs, false, 1, kShards);
  ASSERT_GE(one.summary.projects_indexed, 60U) << one.log;
  EXPECT_FALSE(ShardedIndexWriter(one.db, 0).start_bulk(2)) << "shards that hold projects are updated in place";
  const auto want_files = ShardedIndexWriter(one.db, 0).indexed_files();
  for (std::size_t threads : {1U, 2U}) {
    const IndexRun bulk = index_with(dir / ("bulk" + std::to_string(threads)), inputs, true, threads, kShards);
    EXPECT_EQ(bulk.log, one.log) << threads << " threads";
    EXPECT_EQ(bulk.summary.total_projects, one.summary.total_projects);
    std::size_t documents = 0;
    for (std::size_t i = 0; i < kShards; ++i) {
      const fs::path shard = "shard-" + std::to_string(i);
      const std::string want = test::dump_index(one.db / shard);
      EXPECT_TRUE(test::dump_index(bulk.db / shard) == want) << threads << " threads: " << shard << " differs from one writer's";
      documents += Xapian::Database((bulk.db / shard).string()).get_doccount();
      expect_no_build_folder(bulk.db / shard);
    }
    EXPECT_EQ(documents, one.summary.total_projects);
    // The stub lists the shards: the index opens as one.
    EXPECT_EQ(Xapian::Database(bulk.db.string()).get_doccount(), one.summary.total_projects);
    const auto files = ShardedIndexWriter(bulk.db, 0).indexed_files();
    ASSERT_EQ(files.size(), want_files.size());
    for (const auto& [path, sig] : want_files) {
      ASSERT_EQ(files.count(path), 1U) << path;
      EXPECT_EQ(files.at(path).hash, sig.hash) << path;
    }
    const IndexRun again = index_with(bulk.db, inputs, true, threads);
    EXPECT_EQ(again.summary.projects_indexed, 0U) << again.log;
    EXPECT_EQ(again.summary.unchanged, one.summary.files_read) << again.log;
  }
}

TEST(BulkBuild, DuplicateIdsAndAFileThatFailsHalfWayLeaveWhatOneWriterLeaves) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  test::write_file(in / "a.jsonl", json_lines(30, 0, false));
  // The ids of a.jsonl's first five projects again, in later segments: the later ones win.
  test::write_file(in / "b.jsonl", json_lines(5, 0, false));
  // The reader's worker crashes after 40 of e.jsonl's 60 records: the projects of the
  // batches already written go with the file.
  // It is the last file, so no worker is started again while the pipeline's threads run
  // (a fork beside running threads can hang the new worker in sanitizer builds).
  test::write_file(in / "e.jsonl", json_lines(60, 500, false));
  const ScopedEnv fault("FYND_TEST_FAULT", "crash@40:e.jsonl");
  test::write_file(in / "d.jsonl", json_lines(9, 900, false));

  const IndexRun one = index_with(dir / "one", {in}, false, 1);
  const IndexRun bulk = index_with(dir / "bulk", {in}, true, 2);
  EXPECT_EQ(bulk.log, one.log);
  ASSERT_EQ(one.summary.failed.size(), 1U) << one.log;
  EXPECT_NE(one.log.find("e.jsonl: crashed"), std::string::npos) << one.log;
  EXPECT_EQ(bulk.summary.failed.size(), 1U) << bulk.log;
  EXPECT_EQ(bulk.summary.total_projects, one.summary.total_projects);
  EXPECT_EQ(bulk.summary.total_projects, 30U + 9U) << bulk.log;
  EXPECT_EQ(documents_by_id(bulk.db), documents_by_id(one.db));
  Xapian::Database x(bulk.db.string());
  EXPECT_EQ(x.get_termfreq(Schema::source_term((in / "e.jsonl").string())), 0U);
  EXPECT_EQ(x.get_termfreq(Schema::source_term((in / "b.jsonl").string())), 5U);
  ASSERT_EQ(x.get_termfreq(Schema::id_term("eruf-71000")), 1U);
  ASSERT_EQ(x.get_termfreq(Schema::id_term("eruf-71029")), 1U);
  // The later copy keeps the later place in the reading order.
  const Xapian::docid first_of_b = *x.postlist_begin(Schema::id_term("eruf-71000"));
  const Xapian::docid last_of_a = *x.postlist_begin(Schema::id_term("eruf-71029"));
  EXPECT_GT(first_of_b, last_of_a);
  expect_no_build_folder(bulk.db);

  // The same in a new index of two shards, shard by shard: the failed file's projects and
  // the earlier copies leave the shard they were built in.
  const IndexRun one2 = index_with(dir / "one2", {in}, false, 1, 2);
  const IndexRun bulk2 = index_with(dir / "bulk2", {in}, true, 2, 2);
  EXPECT_EQ(bulk2.log, one2.log);
  EXPECT_EQ(bulk2.summary.total_projects, 30U + 9U) << bulk2.log;
  for (const char* shard : {"shard-0", "shard-1"}) {
    EXPECT_EQ(documents_by_id(bulk2.db / shard), documents_by_id(one2.db / shard)) << shard;
    expect_no_build_folder(bulk2.db / shard);
  }
  Xapian::Database x2(bulk2.db.string());
  EXPECT_EQ(x2.get_termfreq(Schema::source_term((in / "e.jsonl").string())), 0U);
  EXPECT_EQ(x2.get_termfreq(Schema::source_term((in / "b.jsonl").string())), 5U);
  EXPECT_EQ(x2.get_termfreq(Schema::id_term("eruf-71000")), 1U);
}

TEST(BulkBuild, AReaderOfTheEmptyIndexSeesTheBuiltOneAfterReopen) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "a.jsonl", json_lines(21, 0, false));
  const fs::path db = dir / "db";
  { ShardedIndexWriter(db, 0).commit(); }  // an empty index, as a service may already serve
  Xapian::Database reader(db.string());
  ASSERT_EQ(reader.get_doccount(), 0U);
  // A build folder a killed run left behind (no such process) is cleared.
  const fs::path stale = dir / ".db.build-999999999";
  test::write_file(stale / "segment-0" / "x", "left over");
  const IndexRun bulk = index_with(db, {dir / "in"}, true, 2);
  ASSERT_EQ(bulk.summary.total_projects, 21U) << bulk.log;
  EXPECT_TRUE(reader.reopen());
  EXPECT_EQ(reader.get_doccount(), 21U);
  EXPECT_EQ(reader.get_termfreq(Schema::id_term("eruf-71020")), 1U);
  EXPECT_FALSE(fs::exists(stale));
  expect_no_build_folder(db);
}

TEST(BulkBuild, AnIndexFolderGivenWithATrailingSlashIsReplacedItself) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "a.jsonl", json_lines(9, 0, false));
  const IndexRun bulk = index_with(fs::path((dir / "db").string() + "/"), {dir / "in"}, true, 2);
  EXPECT_EQ(bulk.summary.total_projects, 9U) << bulk.log;
  EXPECT_EQ(Xapian::Database((dir / "db").string()).get_doccount(), 9U);
  expect_no_build_folder(dir / "db");
  for (const auto& entry : fs::directory_iterator(dir / "db")) {
    EXPECT_EQ(entry.path().filename().string().find(".build-"), std::string::npos) << entry.path();
  }
}

TEST(BulkBuild, AnIndexThatHoldsProjectsIsUpdatedInPlace) {
  const auto dir = test::temp_dir();
  test::write_file(dir / "in" / "a.jsonl", json_lines(10, 0, false));
  const IndexRun first = index_with(dir / "db", {dir / "in"}, true, 2);
  ASSERT_EQ(first.summary.total_projects, 10U) << first.log;
  // A run killed after its index was in place left its build folder: opening the index
  // for an update clears it.
  const fs::path stale = dir / ".db.build-999999999";
  test::write_file(stale / "index" / "x", "left over");
  ShardedIndexWriter writer(dir / "db", 0);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(writer.start_bulk(2)) << "an index with projects is not rebuilt";
  EXPECT_FALSE(writer.bulk());
}

// A merge holds a few files open for each database it reads: the fan-in raises the soft
// limit of open files as far as it needs, and shrinks to what a low hard limit allows.
// (In child processes: a lowered hard limit cannot be raised again.)
TEST(BulkBuild, MergeFanInFollowsTheOpenFileLimit) {
  auto exits_with = [](rlim_t soft, rlim_t hard, std::size_t wanted, std::size_t fan_in, rlim_t soft_after) {
    rlimit l{soft, hard};
    if (::setrlimit(RLIMIT_NOFILE, &l) != 0) std::_Exit(3);
    if (BulkBuild::merge_fan_in(wanted) != fan_in) std::_Exit(1);
    ::getrlimit(RLIMIT_NOFILE, &l);
    std::_Exit(l.rlim_cur == soft_after ? 0 : 2);
  };
  const rlim_t need = 2 * BulkBuild::kMergeFanIn * BulkBuild::kFilesPerSource + 64;
  // Room under the hard limit: the soft limit goes up to what the fan-in needs.
  EXPECT_EXIT(exits_with(256, need + 1000, 0, BulkBuild::kMergeFanIn, need), ::testing::ExitedWithCode(0), "");
  // A hard limit of 264 files: (264 - 64) / (2 * 5) = 20 sources a merge.
  EXPECT_EXIT(exits_with(100, 264, 0, 20, 264), ::testing::ExitedWithCode(0), "");
  // Too few files for any real merge: still two at a time.
  EXPECT_EXIT(exits_with(32, 32, 0, 2, 32), ::testing::ExitedWithCode(0), "");
  // A limit already high enough stays as it is; a small fan-in asked for is kept.
  EXPECT_EXIT(exits_with(need + 5, need + 5, 0, BulkBuild::kMergeFanIn, need + 5), ::testing::ExitedWithCode(0), "");
  EXPECT_EXIT(exits_with(256, 256, 3, 3, 256), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace fynd
