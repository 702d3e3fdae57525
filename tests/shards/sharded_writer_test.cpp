// fynd-index --shards: projects routed by id, incremental runs update the right shard, and
// IndexSource opens the layouts and reports bad stubs with their file and line.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "error.h"
#include "index_source.h"
#include "pipeline.h"
#include "searcher.h"
#include "sharded_index_writer.h"
#include "tcp_server.h"
#include "test_support.h"

namespace fynd {
namespace {
namespace fs = std::filesystem;

IndexSummary index_into(const fs::path& db, const fs::path& input, std::size_t shards) {
  IndexOptions options;
  options.db = db;
  options.inputs = {input};
  options.shards = shards;
  options.quiet = true;
  std::ostringstream log;
  return Pipeline(options, log).run();
}

/// id -> stored record, of every document in one shard.
std::map<std::string, std::string> documents(const fs::path& db) {
  std::map<std::string, std::string> out;
  Xapian::Database d(db.string());
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    const Xapian::Document doc = d.get_document(*it);
    const std::string id = nlohmann::json::parse(doc.get_data()).at("id").get<std::string>();
    EXPECT_EQ(out.count(id), 0u) << id << " twice in " << db;
    out[id] = doc.get_data();
  }
  return out;
}

class ShardedWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir();
    input_ = dir_ / "in";
    fs::create_directories(input_);
    for (const auto& e : fs::directory_iterator(test::source_dir() / "data" / "sample")) {
      fs::copy_file(e.path(), input_ / e.path().filename());
    }
  }
  /// Every project of the sharded index must be in the shard of its id, once.
  std::map<std::string, std::string> check_routing(const fs::path& db, std::size_t shards) {
    std::map<std::string, std::string> all;
    for (std::size_t i = 0; i < shards; ++i) {
      for (const auto& [id, data] : documents(db / ("shard-" + std::to_string(i)))) {
        EXPECT_EQ(ShardedIndexWriter::shard_of(id, shards), i) << id;
        EXPECT_TRUE(all.emplace(id, data).second) << id << " in two shards";
      }
    }
    return all;
  }
  fs::path dir_, input_;
};

TEST_F(ShardedWriterTest, ShardsHoldTheProjectsOfOneIndexEachInTheShardOfItsId) {
  const IndexSummary one = index_into(dir_ / "one", input_, 0);
  const IndexSummary three = index_into(dir_ / "three", input_, 3);
  EXPECT_EQ(one.shards, 1u);
  EXPECT_EQ(three.shards, 3u);
  EXPECT_EQ(three.total_projects, one.total_projects);
  const auto sharded = check_routing(dir_ / "three", 3);
  EXPECT_EQ(sharded, documents(dir_ / "one"));
  std::size_t used = 0;
  for (std::size_t i = 0; i < 3; ++i) used += Xapian::Database((dir_ / "three" / ("shard-" + std::to_string(i))).string()).get_doccount() > 0;
  EXPECT_GE(used, 2u) << "a stable hash of 21 ids should not put them all in one shard";

  // The query side opens the folder through its stub, as one index of the same projects.
  const Searcher searcher(dir_ / "three");
  EXPECT_EQ(searcher.shards().size(), 3u);
  EXPECT_EQ(searcher.document_count(), one.total_projects);
  SearchRequest r;
  r.query = "projekt";
  EXPECT_EQ(searcher.search(r).total, Searcher(dir_ / "one").search(r).total);
  // Xapian's own tools read it too (the stub is the XAPIANDB Xapian looks for).
  EXPECT_EQ(Xapian::Database((dir_ / "three").string()).get_doccount(), one.total_projects);
}

TEST_F(ShardedWriterTest, IncrementalRunsReplaceAndRemoveProjectsInTheirShards) {
  const fs::path db = dir_ / "db";
  const IndexSummary first = index_into(db, input_, 2);
  const auto before = check_routing(db, 2);

  // Unchanged: nothing is read again (the signatures are in shard 0).
  const IndexSummary again = index_into(db, input_, 0);
  EXPECT_EQ(again.files_read, 0u);
  EXPECT_EQ(again.unchanged, first.files_read);
  EXPECT_EQ(again.shards, 2u);

  // A changed file: its projects are replaced where they are, none is duplicated.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(input_)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  test::write_file(files[0], test::read_file(files[0]) + "\n\nKvantdatorsamverkan i Norrbotten.\n");
  const IndexSummary changed = index_into(db, input_, 0);
  EXPECT_EQ(changed.files_read, 1u);
  const auto after = check_routing(db, 2);
  EXPECT_EQ(after.size(), changed.total_projects);
  for (const auto& [id, data] : before) {
    if (nlohmann::json::parse(data)["source"]["file"] != files[0].string()) {
      EXPECT_EQ(after.count(id), 1u) << id;
    }
  }
  SearchRequest r;
  r.query = "kvantdatorsamverkan";
  EXPECT_GE(Searcher(db).search(r).total, 1u);

  // A removed file: its projects leave every shard.
  const std::string removed_source = files[1].string();
  std::size_t of_removed = 0;
  for (const auto& [id, data] : after) of_removed += nlohmann::json::parse(data)["source"]["file"] == removed_source;
  ASSERT_GT(of_removed, 0u);
  fs::remove(files[1]);
  const IndexSummary gone = index_into(db, input_, 0);
  EXPECT_EQ(gone.files_removed, 1u);
  EXPECT_EQ(gone.projects_removed, of_removed);
  EXPECT_EQ(gone.total_projects, changed.total_projects - of_removed);
  for (const auto& [id, data] : check_routing(db, 2)) {
    EXPECT_NE(nlohmann::json::parse(data)["source"]["file"], removed_source) << id;
  }
}

TEST_F(ShardedWriterTest, AnotherShardCountIsRefused) {
  index_into(dir_ / "two", input_, 2);
  index_into(dir_ / "one", input_, 0);
  try {
    index_into(dir_ / "two", input_, 3);
    ADD_FAILURE() << "re-sharded in place";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("has 2 shards"), std::string::npos) << e.what();
  }
  EXPECT_THROW(index_into(dir_ / "one", input_, 2), IndexError);
  EXPECT_EQ(index_into(dir_ / "two", input_, 2).shards, 2u);  // the same count is fine
}

TEST_F(ShardedWriterTest, SourceOpensAFolderOfShardsAndNamesBadStubLines) {
  index_into(dir_ / "db", input_, 2);
  // Without its stub, a folder of shard folders is opened in name order.
  fs::remove(dir_ / "db" / "XAPIANDB");
  const IndexSource folder(dir_ / "db");
  ASSERT_EQ(folder.shards().size(), 2u);
  EXPECT_EQ(fs::path(folder.shards()[1].location).filename(), "shard-1");
  EXPECT_EQ(Searcher(folder).document_count(), index_into(dir_ / "ref", input_, 0).total_projects);

  auto error_of = [&](const std::string& stub_text) {
    test::write_file(dir_ / "bad.stub", stub_text);
    try {
      IndexSource(dir_ / "bad.stub").open();
    } catch (const IndexError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string stub = (dir_ / "bad.stub").string();
  EXPECT_NE(error_of("auto db/shard-0\nflint x\n").find(stub + ":2: unknown database type 'flint'"), std::string::npos);
  EXPECT_NE(error_of("# c\n\nremote 127.0.0.1:99999\n").find(stub + ":3: expected 'remote HOST:PORT'"), std::string::npos);
  EXPECT_NE(error_of("auto db/shard-0\nauto db/shard-9\n").find(stub + ":2: the shard"), std::string::npos);
  EXPECT_NE(error_of("# nothing\n").find("lists no database"), std::string::npos);
  const unsigned port = test::free_port();
  const std::string down = error_of("auto db/shard-0\nremote 127.0.0.1:" + std::to_string(port) + "\n");
  EXPECT_NE(down.find("remote shard 127.0.0.1:" + std::to_string(port) + " is unreachable (" + stub + ":2)"),
            std::string::npos)
      << down;
  try {
    IndexSource(dir_ / "missing");
    ADD_FAILURE() << "no error for a missing index";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos);
  }
  fs::create_directories(dir_ / "empty");
  EXPECT_THROW(IndexSource(dir_ / "empty"), IndexError);
}

}  // namespace
}  // namespace fynd
