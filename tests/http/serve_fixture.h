/** ServeFixture: indexes data/sample into a temp dir and runs an in-process fynd-serve on a free port. */
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>

#include "http_test_client.h"
#include "project.h"
#include "server.h"

namespace fynd::test {

class ServeFixture : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  /// The client for the suite's server.
  static const HttpTestClient& client() { return *client_; }
  static const std::filesystem::path& db_dir() { return db_dir_; }
  static int port() { return port_; }

 private:
  static std::filesystem::path db_dir_;
  static std::unique_ptr<http::Server> server_;
  static std::unique_ptr<HttpTestClient> client_;
  static std::thread thread_;
  static int port_;
};

/// Four projects with known facets (two funded by ERUF, years 2015-2022, one with markup
/// in its text), added to the sample corpus.
std::vector<Project> fixture_projects();
/// Adds projects to an index with the IndexWriter and commits.
void add_projects(const std::filesystem::path& db, const std::vector<Project>& projects);

/// Indexes `inputs` into `db` with the indexer pipeline; fails the test on errors.
void index_into(const std::filesystem::path& db, const std::vector<std::filesystem::path>& inputs);

}  // namespace fynd::test
