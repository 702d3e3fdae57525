#include "analytics.h"

#include <gtest/gtest.h>

#include <numeric>
#include <regex>

#include "error.h"
#include "stats_format.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

class AnalyticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    projects_ = test::small_corpus();
    test::build_index(dir_, projects_);
    searcher_ = std::make_unique<Searcher>(dir_);
  }
  StatsResult stats(std::vector<Facet> by, const std::string& query = "") const {
    StatsRequest r;
    r.selection.query = query;
    r.by = std::move(by);
    return Analytics(*searcher_).stats(r);
  }
  std::filesystem::path dir_;
  std::vector<Project> projects_;
  std::unique_ptr<Searcher> searcher_;
};

/// A small well-formedness check: every tag closes in order, attributes are quoted, no
/// raw '&' outside entities, and the root is <svg>.
bool well_formed_xml(const std::string& xml, std::string& why) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      const std::size_t semi = xml.find(';', i);
      const std::string entity = semi == std::string::npos ? "" : xml.substr(i, semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" && entity != "&apos;") {
        why = "bad entity at " + std::to_string(i);
        return false;
      }
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) {
      why = "unclosed tag";
      return false;
    }
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return false;
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) {
        why = "mismatched </" + name + ">";
        return false;
      }
      stack.pop_back();
      continue;
    }
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) {
      why = "unbalanced quotes in <" + tag + ">";
      return false;
    }
    const bool self_closing = tag.back() == '/';
    const std::string name = tag.substr(0, tag.find_first_of(" /"));
    if (stack.empty() && name != "svg") {
      why = "root is not svg";
      return false;
    }
    if (!self_closing) stack.push_back(name);
  }
  if (!stack.empty()) why = "unclosed <" + stack.back() + ">";
  return stack.empty();
}

TEST_F(AnalyticsTest, BudgetSumsEqualStoredBudgets) {
  const StatsResult r = stats({Facet::Funder});
  EXPECT_EQ(r.total, projects_.size());
  std::int64_t stored = 0;
  for (const Project& p : projects_) stored += p.budget_sek.value_or(0);
  EXPECT_EQ(r.budget_sum, stored);
  // Per funder: a project with two funders counts in both, and its budget is shared out
  // evenly between them (whole kronor, the remainder to the first), so the rows add up.
  std::int64_t rows = 0;
  for (const StatsRow& row : r.rows) {
    std::int64_t expected = 0;
    std::uint64_t count = 0;
    for (const Project& p : projects_) {
      std::vector<std::string> funders = p.funders;
      std::sort(funders.begin(), funders.end());
      funders.erase(std::unique(funders.begin(), funders.end()), funders.end());
      const auto at = std::find(funders.begin(), funders.end(), row.keys[0]);
      const bool has = row.keys[0].empty() ? funders.empty() : at != funders.end();
      if (!has) continue;
      ++count;
      const std::int64_t budget = p.budget_sek.value_or(0);
      const auto n = static_cast<std::int64_t>(std::max<std::size_t>(funders.size(), 1));
      const auto i = funders.empty() ? 0 : static_cast<std::int64_t>(at - funders.begin());
      expected += budget / n + (i < budget % n ? 1 : 0);
    }
    EXPECT_EQ(row.count, count) << row.keys[0];
    EXPECT_EQ(row.budget_sum, expected) << row.keys[0];
    rows += row.budget_sum;
  }
  EXPECT_EQ(rows, stored);
  EXPECT_EQ(r.rows.front().keys[0], "Europeiska regionala utvecklingsfonden");
  EXPECT_EQ(r.rows.front().count, 5u);
}

TEST_F(AnalyticsTest, ByYearIsATimelineWithMedians) {
  const StatsResult r = stats({Facet::Year}, "företag");
  ASSERT_FALSE(r.rows.empty());
  for (std::size_t i = 1; i < r.rows.size(); ++i) {
    if (!r.rows[i].keys[0].empty()) {
      EXPECT_LT(r.rows[i - 1].keys[0], r.rows[i].keys[0]);
    }
  }
  // 2016: p3 (8 000 000) and p5 (15 000 000) mention företag -> median 11 500 000.
  auto it = std::find_if(r.rows.begin(), r.rows.end(), [](const StatsRow& row) { return row.keys[0] == "2016"; });
  ASSERT_NE(it, r.rows.end());
  EXPECT_EQ(it->count, 2u);
  ASSERT_TRUE(it->budget_median.has_value());
  EXPECT_DOUBLE_EQ(*it->budget_median, 11500000.0);
}

TEST_F(AnalyticsTest, TwoFacetsAndErrors) {
  const StatsResult r = stats({Facet::Theme, Facet::Year});
  std::uint64_t digital_2020 = 0;
  for (const StatsRow& row : r.rows) {
    ASSERT_EQ(row.keys.size(), 2u);
    if (row.keys[0] == "Digitalisering" && row.keys[1] == "2020") digital_2020 = row.count;
  }
  EXPECT_EQ(digital_2020, 2u);  // p1 and p4
  EXPECT_THROW(stats({}), QueryError);
  EXPECT_THROW(parse_facet_list("funder,colour"), QueryError);
  EXPECT_EQ(parse_facet_list("funder, year").size(), 2u);
}

TEST_F(AnalyticsTest, SvgIsWellFormedWithLabelledBars) {
  for (auto by : {std::vector<Facet>{Facet::Year}, std::vector<Facet>{Facet::Region}, std::vector<Facet>{Facet::Funder, Facet::Year}}) {
    StatsRequest req;
    req.by = by;
    req.selection.query = "företag & <kommun>";
    const std::string svg = format_stats(Analytics(*searcher_).stats(req), StatsFormat::Svg);
    std::string why;
    EXPECT_TRUE(well_formed_xml(svg, why)) << why << "\n" << svg;
    EXPECT_NE(svg.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_NE(svg.find("Antal projekt per"), std::string::npos);
    EXPECT_NE(svg.find("&amp; &lt;kommun&gt;"), std::string::npos);
    EXPECT_NE(svg.find("<g class=\"bar\">"), std::string::npos);
  }
  const std::string years = format_stats(stats({Facet::Year}), StatsFormat::Svg);
  EXPECT_NE(years.find("Antal projekt per år"), std::string::npos);
  EXPECT_NE(years.find(">2015</text>"), std::string::npos);
  EXPECT_NE(years.find(">År</text>"), std::string::npos);
  // Every year from first to last has a bar with its count as a label.
  EXPECT_EQ(std::count_if(years.begin(), years.end(), [](char c) { return c == '\n'; }) > 8, true);
}

TEST_F(AnalyticsTest, TableCsvJson) {
  const StatsResult r = stats({Facet::Year});
  const std::string table = format_stats(r, StatsFormat::Table);
  EXPECT_NE(table.find("antal"), std::string::npos);
  EXPECT_NE(table.find("(uppgift saknas)"), std::string::npos);  // p7 has no years
  const std::string csv = format_stats(r, StatsFormat::Csv);
  EXPECT_EQ(csv.rfind("year,count,budget_sum_spread,budget_median\n", 0), 0u);
  EXPECT_NE(csv.find("\n(totalt),8," + std::to_string(r.budget_sum) + ","), std::string::npos) << csv;
  EXPECT_NE(table.find("budget jämnt fördelad över projektets år"), std::string::npos) << table;
  EXPECT_NE(table.find("projekt som pågår respektive år"), std::string::npos) << table;
  EXPECT_NE(table.find("totalt"), std::string::npos) << table;
  const auto j = nlohmann::json::parse(format_stats(r, StatsFormat::Json));
  EXPECT_EQ(j["total"], 8);
  EXPECT_EQ(j["budget_by"], "spread");
  EXPECT_EQ(j["count_by"], "running");
  StatsRequest start;
  start.by = {Facet::Year};
  start.budget_by = BudgetBy::Start;
  const StatsResult s = Analytics(*searcher_).stats(start);
  EXPECT_EQ(format_stats(s, StatsFormat::Csv).rfind("year,count,budget_sum_start,budget_median\n", 0), 0u);
  EXPECT_NE(format_stats(s, StatsFormat::Svg).find("hela budgeten på projektets startår"), std::string::npos);
  EXPECT_NE(format_stats(r, StatsFormat::Svg).find("jämnt fördelad över projektets år"), std::string::npos);
  EXPECT_EQ(budget_by_from_name("start"), BudgetBy::Start);
  EXPECT_THROW(budget_by_from_name("each"), QueryError);
  EXPECT_EQ(j["by"][0], "year");
  EXPECT_THROW(stats_format_from_name("pdf"), QueryError);
}

TEST_F(AnalyticsTest, DistinctiveTermsAreSurfaceWords) {
  TermsRequest r;
  r.selection.query = "bredband*";
  r.limit = 10;
  const TermsResult t = Analytics(*searcher_).terms(r);
  EXPECT_EQ(t.total, 2u);
  ASSERT_FALSE(t.terms.empty());
  for (const DistinctiveTerm& term : t.terms) {
    EXPECT_FALSE(term.word.empty());
    EXPECT_FALSE(term.word[0] >= 'A' && term.word[0] <= 'Z') << term.word;
    EXPECT_GE(term.selection_docs, 1u);
    EXPECT_LE(term.selection_docs, term.index_docs);
  }
}

}  // namespace
}  // namespace fynd
