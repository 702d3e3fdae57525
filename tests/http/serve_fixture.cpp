#include "serve_fixture.h"

#include <chrono>
#include <sstream>
#include <unistd.h>

#include "index_writer.h"
#include "pipeline.h"
#include "test_support.h"

namespace fynd::test {

std::filesystem::path ServeFixture::db_dir_;
std::unique_ptr<http::Server> ServeFixture::server_;
std::unique_ptr<HttpTestClient> ServeFixture::client_;
std::thread ServeFixture::thread_;
int ServeFixture::port_ = 0;

void index_into(const std::filesystem::path& db, const std::vector<std::filesystem::path>& inputs) {
  IndexOptions options;
  options.db = db;
  options.inputs = inputs;
  options.quiet = true;
  std::ostringstream log;
  IndexSummary summary = Pipeline(options, log).run();
  ASSERT_TRUE(summary.failed.empty()) << log.str();
  ASSERT_GT(summary.total_projects, 0u) << log.str();
}

std::vector<Project> fixture_projects() {
  auto make = [](std::string id, std::string title, std::string text, std::vector<std::string> funders,
                 std::vector<std::string> regions, std::vector<int> years, std::vector<std::string> themes,
                 std::int64_t budget) {
    Project p;
    p.id = std::move(id);
    p.title = std::move(title);
    p.text = std::move(text);
    p.funders = std::move(funders);
    p.regions = std::move(regions);
    p.years = std::move(years);
    p.themes = std::move(themes);
    p.budget_sek = budget;
    p.owner = "Testkommunen";
    p.source.file = "fixture:" + p.id;
    p.source.format = "json";
    return p;
  };
  return {
      make("fx-ungdom-arbete", "Ungdomar i arbete",
           "Projektet hjälper ungdomar utan gymnasieexamen att hitta arbete genom praktik och coachning.",
           {"Europeiska socialfonden"}, {"Jönköpings län"}, {2018, 2019, 2020}, {"Arbetsmarknad"}, 1000000),
      make("fx-ungdomscentrum", "Ungdomscentrum i Växjö",
           "Ett mötesplats för ungdomar där föreningar och kommunen samarbetar kring fritid och hälsa.",
           {"Europeiska regionala utvecklingsfonden"}, {"Kronobergs län"}, {2020, 2021}, {"Social inkludering"},
           2500000),
      make("fx-bredband", "Bredband på landsbygden",
           "Utbyggnad av bredband till byar på landsbygden så att företag och hushåll får snabb uppkoppling.",
           {"Europeiska regionala utvecklingsfonden"}, {"Norrbottens län"}, {2015, 2016, 2017}, {"Digitalisering"},
           5000000),
      make("fx-solenergi", "Solenergi i skolan",
           "Eleverna bygger solpaneler på skolans tak. Varning: <script>alert(1)</script> & \"citat\" ska visas som text.",
           {"Energimyndigheten"}, {"Skåne län"}, {2021, 2022}, {"Energi"}, 300000),
  };
}

void add_projects(const std::filesystem::path& db, const std::vector<Project>& projects) {
  IndexWriter writer(db);
  for (const auto& p : projects) writer.add(p);
  writer.commit();
}

void ServeFixture::SetUpTestSuite() {
  db_dir_ = std::filesystem::path(::testing::TempDir()) / ("fynd-http-" + std::to_string(::getpid())) / "db";
  std::filesystem::remove_all(db_dir_.parent_path());
  std::filesystem::create_directories(db_dir_.parent_path());
  index_into(db_dir_, {source_dir() / "data" / "sample"});
  add_projects(db_dir_, fixture_projects());

  http::ServerOptions options;
  options.port = 0;
  options.db = db_dir_;
  options.threads = 8;
  options.access_log = false;
  options.slow_ms = -1;
  options.reopen_check_ms = 200;
  options.cors_origins = {"http://allowed.example"};
  options.limits.max_body_bytes = 16 * 1024;
  server_ = std::make_unique<http::Server>(options);
  port_ = server_->bind();
  thread_ = std::thread([] { server_->listen(); });
  for (int i = 0; i < 200 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  client_ = std::make_unique<HttpTestClient>(port_);
}

void ServeFixture::TearDownTestSuite() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  client_.reset();
  std::error_code ec;
  std::filesystem::remove_all(db_dir_.parent_path(), ec);
}

}  // namespace fynd::test
