// fynd-query: parses the command line, calls the query library, prints text or JSON.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <exception>
#include <iostream>

#include "error.h"
#include "query_builder.h"
#include "searcher.h"
#include "terminal.h"

namespace {

constexpr const char* kSyntaxHelp = R"(Query syntax:
  bredband kommun        both words (a stem matches: kommun finds kommuner)
  bredband OR fiber      either word (also ELLER); AND / OCH is the default
  bredband -fiber        without fiber (also NOT / INTE); +word is required
  "digital service"      phrase
  (bredband OR fiber) landsbygd
  bredband*              words starting with bredband
  title:bredband         in the title only
  funder:ERUF  region:"Jönköpings län"  theme:digitalisering
  year:2020  year:2018..2021  year:2019..
  A long text (more than 6 words) matches any of its words, closest projects first.

Exit codes: 0 ok, 2 bad usage, 4 bad query, 5 not found, 6 index unavailable, 70 internal error.)";

/// Options shared by every mode that selects projects.
struct SelectOptions {
  std::string db = "./fynd-db";
  std::vector<std::string> funders, regions, years, themes;
  std::string sort = "relevance";
  std::optional<std::int64_t> budget_min, budget_max;
};

void add_select_options(CLI::App& app, SelectOptions& o) {
  app.add_option("--db", o.db, "index directory")->capture_default_str();
  app.add_option("--funder", o.funders, "only projects with this funder (repeatable: any of them)");
  app.add_option("--region", o.regions, "only projects in this region (repeatable)");
  app.add_option("--year", o.years, "only projects running this year, or a range 2018..2021 (repeatable)");
  app.add_option("--theme", o.themes, "only projects with this theme (repeatable)");
  app.add_option("--budget-min", o.budget_min, "only projects with at least this budget (SEK)");
  app.add_option("--budget-max", o.budget_max, "only projects with at most this budget (SEK)");
}

fynd::SearchRequest make_request(const SelectOptions& o, const std::vector<std::string>& words) {
  fynd::SearchRequest r;
  for (const auto& w : words) r.query += (r.query.empty() ? "" : " ") + w;
  if (!o.funders.empty()) r.filters[fynd::Facet::Funder] = o.funders;
  if (!o.regions.empty()) r.filters[fynd::Facet::Region] = o.regions;
  if (!o.themes.empty()) r.filters[fynd::Facet::Theme] = o.themes;
  for (const std::string& y : o.years) {
    const auto dots = y.find("..");
    if (dots == std::string::npos) {
      r.filters[fynd::Facet::Year].push_back(y);
      continue;
    }
    try {
      if (dots > 0) r.year_from = std::stoi(y.substr(0, dots));
      if (dots + 2 < y.size()) r.year_to = std::stoi(y.substr(dots + 2));
    } catch (const std::exception&) {
      throw fynd::QueryError("--year: expected a year or a range like 2018..2021, got '" + y + "'");
    }
  }
  r.budget_min = o.budget_min;
  r.budget_max = o.budget_max;
  r.sort = fynd::sort_from_name(o.sort);
  return r;
}

fynd::cli::MarkStyle mark_style() {
  return ::isatty(STDOUT_FILENO) != 0 ? fynd::cli::MarkStyle::Ansi : fynd::cli::MarkStyle::Brackets;
}

int fail(fynd::ErrorCode code, const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  std::cerr << "fynd-query: " << line << '\n';
  return fynd::error_info(code).exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"fynd-query: search a fynd index of Swedish project documents.", "fynd-query"};
    app.footer(kSyntaxHelp);
    app.set_version_flag("--version", std::string("fynd-query ") + FYND_VERSION);

    SelectOptions select;
    std::vector<std::string> words;
    bool json = false;
    bool facets = false;
    std::size_t limit = 10;
    std::size_t offset = 0;
    add_select_options(app, select);
    app.add_option("--sort", select.sort, "relevance, year, -year, budget or -budget")->capture_default_str();
    app.add_option("--limit", limit, "hits per page")->capture_default_str();
    app.add_option("--offset", offset, "hits to skip")->capture_default_str();
    app.add_flag("--json", json, "print the SearchResult as JSON");
    app.add_flag("--facets", facets, "also count funders, regions, years and themes of all matches");
    app.add_option("query", words, "query words (see Query syntax below); none lists every project");

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e);
      return code == 0 ? 0 : fynd::error_info(fynd::ErrorCode::BadUsage).exit_code;
    }

    fynd::SearchRequest request = make_request(select, words);
    request.limit = limit;
    request.offset = offset;
    if (facets || json) request.facets.assign(fynd::kAllFacets.begin(), fynd::kAllFacets.end());
    fynd::validate_request(request, fynd::Analyzer());  // a bad query is reported before a missing index
    const fynd::Searcher searcher(select.db);
    const fynd::SearchResult result = searcher.search(request);
    if (json) {
      std::cout << nlohmann::json(result).dump(2) << '\n';
    } else {
      fynd::cli::print_result(std::cout, result, mark_style());
    }
    return 0;
  } catch (const fynd::Error& e) {
    return fail(e.code(), e.what());
  } catch (const Xapian::DatabaseError& e) {
    return fail(fynd::ErrorCode::IndexUnavailable, "index error: " + e.get_description());
  } catch (const Xapian::Error& e) {
    return fail(fynd::ErrorCode::Internal, "internal error: " + e.get_description());
  } catch (const std::exception& e) {
    return fail(fynd::ErrorCode::Internal, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(fynd::ErrorCode::Internal, "internal error");
  }
}
