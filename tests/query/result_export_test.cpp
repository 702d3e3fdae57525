#include "result_export.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "csv_reader.h"
#include "error.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

std::vector<std::string> header_names() {
  std::vector<std::string> names;
  for (const ExportColumn& c : export_columns()) names.emplace_back(c.name);
  return names;
}

std::size_t column(const std::string& name) {
  const auto names = header_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// All chunks of an export, and how many there were.
std::string run_export(ResultExport& exporter, int* chunks = nullptr) {
  std::string out;
  int n = 0;
  while (exporter.next(out)) ++n;
  if (chunks) *chunks = n;
  return out;
}

class ResultExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    std::vector<Project> projects = test::small_corpus();
    Project tricky = test::make_project("p9", "Bredband, \"fiber\" och\nmer", "Bredband med fiber i byarna.",
                                        {"Europeiska regionala utvecklingsfonden"}, {"Kiruna", "Norrbottens län"},
                                        {2019}, {"Digitalisering"}, 750000);
    tricky.owner = "=SUMMA(A1)";
    tricky.period = Period{"2019-01-01", "2019-12-31"};
    tricky.fields.emplace_back("_source", "https://projektbank.example/p9");
    projects.push_back(tricky);
    test::build_index(dir_, projects);
    searcher_ = std::make_unique<Searcher>(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST(CsvField, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_field("say \"hej\""), "\"say \"\"hej\"\"\"");
  EXPECT_EQ(csv_field("rad 1\nrad 2"), "\"rad 1\nrad 2\"");
  EXPECT_EQ(csv_field("Växjö; Kronobergs län"), "Växjö; Kronobergs län");
  EXPECT_EQ(csv_field(""), "");
  const std::string title = "Bredband, \"fiber\" och\r\nmer";
  const auto records = test::parse_csv(csv_record({"p9", title, "2019"}));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"p9", title, "2019"}));
}

TEST(CsvField, DefusesSpreadsheetFormulas) {
  EXPECT_EQ(csv_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("+46 70"), "'+46 70");
  EXPECT_EQ(csv_field("=A1,B1"), "\"'=A1,B1\"");
  EXPECT_EQ(csv_field("a=b"), "a=b");
}

TEST(ExportColumns, NamesAreUniqueAndDescribed) {
  auto names = header_names();
  EXPECT_EQ(names.front(), "rank");
  for (const char* wanted : {"id", "title", "funders", "regions", "years", "start", "end", "themes", "budget_sek",
                             "owner", "source", "url"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const ExportColumn& c : export_columns()) EXPECT_FALSE(c.description.empty()) << c.name;
}

TEST_F(ResultExportTest, WritesEveryMatchInRankOrderInChunks) {
  SearchRequest request;  // everything
  request.limit = 2;      // a page size: the export ignores it
  ExportOptions options;
  options.rows_per_chunk = 3;
  ResultExport exporter(*searcher_, request, options);
  int chunks = 0;
  const std::string csv = run_export(exporter, &chunks);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  const auto records = test::parse_csv(std::string_view(csv).substr(3));
  ASSERT_EQ(records.size(), 1 + 9u);
  EXPECT_EQ(records[0], header_names());
  EXPECT_EQ(exporter.total(), 9u);
  EXPECT_EQ(exporter.rows(), 9u);
  EXPECT_EQ(chunks, 3);  // 9 rows, 3 a chunk

  SearchRequest all;
  all.limit = 100;
  const SearchResult expected = searcher_->search(all);
  for (std::size_t i = 0; i < expected.hits.size(); ++i) {
    EXPECT_EQ(records[i + 1][column("id")], expected.hits[i].id) << i;
    EXPECT_EQ(records[i + 1][column("rank")], std::to_string(i + 1));
    EXPECT_EQ(records[i + 1].size(), header_names().size());
  }
}

TEST_F(ResultExportTest, EachChunkHoldsAtMostItsRowsAndOffsetSkips) {
  SearchRequest request;
  request.offset = 2;
  ExportOptions options;
  options.rows_per_chunk = 2;
  ResultExport exporter(*searcher_, request, options);
  std::vector<std::size_t> rows_per_call;
  std::string all;
  for (std::string chunk; exporter.next(chunk); chunk.clear()) {
    const auto records = test::parse_csv(all.empty() ? std::string_view(chunk).substr(3) : std::string_view(chunk));
    rows_per_call.push_back(records.size() - (all.empty() ? 1 : 0));
    all += chunk;
  }
  EXPECT_EQ(rows_per_call, (std::vector<std::size_t>{2, 2, 2, 1}));  // 9 matches, the first 2 skipped
  const auto records = test::parse_csv(std::string_view(all).substr(3));
  ASSERT_EQ(records.size(), 1 + 7u);
  EXPECT_EQ(records[1][column("rank")], "3");
  EXPECT_EQ(records.back()[column("rank")], "9");
  EXPECT_EQ(exporter.total(), 9u);
}

TEST_F(ResultExportTest, CellsHoldTheProjectMetadata) {
  SearchRequest request;
  request.query = "fiber";
  ResultExport exporter(*searcher_, request);
  const std::string csv = run_export(exporter);
  const auto records = test::parse_csv(std::string_view(csv).substr(3));
  const auto row = std::find_if(records.begin(), records.end(), [](const auto& r) { return r[column("id")] == "p9"; });
  ASSERT_NE(row, records.end()) << csv;
  const auto& r = *row;
  EXPECT_EQ(r[column("title")], "Bredband, \"fiber\" och\nmer");
  EXPECT_EQ(r[column("funders")], "Europeiska regionala utvecklingsfonden");
  EXPECT_EQ(r[column("regions")], "Kiruna; Norrbottens län");
  EXPECT_EQ(r[column("years")], "2019");
  EXPECT_EQ(r[column("start")], "2019-01-01");
  EXPECT_EQ(r[column("end")], "2019-12-31");
  EXPECT_EQ(r[column("themes")], "Digitalisering");
  EXPECT_EQ(r[column("budget_sek")], "750000");
  EXPECT_EQ(r[column("owner")], "'=SUMMA(A1)");
  EXPECT_EQ(r[column("url")], "https://projektbank.example/p9");
}

TEST_F(ResultExportTest, FiltersSortAndLimitApply) {
  SearchRequest request;
  request.filters[Facet::Region] = {"Norrbottens län"};
  request.sort = SortOrder::BudgetDesc;
  ResultExport exporter(*searcher_, request);
  const auto records = test::parse_csv(std::string_view(run_export(exporter)).substr(3));
  ASSERT_EQ(records.size(), 1 + 3u);  // p1, p5, p9
  std::vector<long long> budgets;
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_NE(records[i][column("regions")].find("Norrbottens län"), std::string::npos);
    budgets.push_back(std::stoll(records[i][column("budget_sek")]));
  }
  EXPECT_TRUE(std::is_sorted(budgets.rbegin(), budgets.rend())) << "most expensive first";

  ExportOptions limited;
  limited.limit = 2;
  limited.byte_order_mark = false;
  ResultExport first_two(*searcher_, request, limited);
  const std::string csv = run_export(first_two);
  EXPECT_FALSE(csv.starts_with("\xEF\xBB\xBF"));
  const auto two = test::parse_csv(csv);
  ASSERT_EQ(two.size(), 1 + 2u);
  EXPECT_EQ(two[1][column("id")], records[1][column("id")]);
  EXPECT_EQ(first_two.total(), 3u);
}

TEST_F(ResultExportTest, NoMatchIsAHeaderOnly) {
  SearchRequest request;
  request.query = "zzyzxqq";
  ResultExport exporter(*searcher_, request);
  const auto records = test::parse_csv(std::string_view(run_export(exporter)).substr(3));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(exporter.total(), 0u);
}

TEST_F(ResultExportTest, AMisspelledQueryExportsWhatTheSearchShows) {
  SearchRequest request;
  request.query = "bredbnd";
  SearchRequest as_typed = request;
  as_typed.spelling = false;
  ASSERT_EQ(searcher_->search(as_typed).total, 0u);
  const SearchResult shown = searcher_->search(request);
  ASSERT_GT(shown.total, 0u) << "the search corrects the spelling";
  ResultExport exporter(*searcher_, request);
  const auto records = test::parse_csv(std::string_view(run_export(exporter)).substr(3));
  EXPECT_EQ(records.size(), 1 + shown.total);
  EXPECT_EQ(exporter.total(), shown.total);
}

TEST_F(ResultExportTest, AMalformedQueryThrowsBeforeAnyOutput) {
  SearchRequest request;
  request.query = "(bredband";
  EXPECT_THROW(ResultExport(*searcher_, request), QueryError);
}

}  // namespace
}  // namespace fynd
