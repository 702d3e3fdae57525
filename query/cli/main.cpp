// fynd-query: parses the command line, calls the query library, prints text or JSON.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <exception>
#include <iostream>

#include <fstream>
#include <iterator>

#include "analytics.h"
#include "error.h"
#include "query_builder.h"
#include "result_export.h"
#include "searcher.h"
#include "similar.h"
#include "stats_format.h"
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
  funder:ESF = funder:Socialfonden = funder:"Europeiska socialfonden"; region:Värmland,
  region:jonkoping, theme:IKT, theme:SMF: filter values are matched case- and
  diacritic-insensitively through names, aliases and acronyms (also --funder etc.);
  a value that is a value itself means just it (region:Jönköping is the kommun); one
  with several readings selects all of them (region:Jönköpings: the kommun and the län);
  a value that matches nothing is reported on stderr with the nearest known values
  year:2020  year:2018..2021  year:2019..
  A long text (more than 6 words) matches any of its words, closest projects first.

Other commands (each takes the same filters and --db):
  fynd-query stats --by funder,year [QUERY] [--format table|json|csv|svg] [--out FILE]
                   [--budget-by spread|start]   budgets spread evenly over a project's
                   years (default) or all in its start year; counts per year are the
                   projects running that year; a total row counts each project once
  Filter options take one value each and repeat: --funder ESF --funder ERUF bredband
  fynd-query terms [QUERY]                 distinctive words of the selection
  fynd-query similar ID | --text FILE|-    similar projects and why

Exit codes: 0 ok, 2 bad usage, 4 bad query, 5 not found, 6 index unavailable, 70 internal error.)";

/// Options shared by every mode that selects projects.
struct SelectOptions {
  std::vector<std::string> funders, regions, years, themes;
  std::string sort = "relevance";
  std::optional<std::int64_t> budget_min, budget_max;
};

/// `db` is shared by the main command and the subcommands, so --db may come before or after
/// the subcommand's name.
void add_select_options(CLI::App& app, SelectOptions& o, std::string& db) {
  app.add_option("--db", db, "index directory, folder of shards or Xapian stub file (local and remote shards)")
      ->capture_default_str();
  // One value per option, repeatable, so that "--funder ERUF utveckling" keeps its query.
  app.add_option("--funder", o.funders, "only projects with this funder: ESF, ERUF, a name (repeatable: any of them)")
      ->allow_extra_args(false);
  app.add_option("--region", o.regions, "only projects in this region: Värmland, Jönköping, ... (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--year", o.years, "only projects running this year, or a range 2018..2021 (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--theme", o.themes, "only projects with this theme: IKT, SMF, energi, ... (repeatable)")
      ->allow_extra_args(false);
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
    auto year = [&](const std::string& s) {
      if (s.size() != 4 || s.find_first_not_of("0123456789") != std::string::npos) {
        throw fynd::QueryError("--year: expected a year or a range like 2018..2021, got '" + y + "'");
      }
      return std::stoi(s);
    };
    if (dots > 0) r.year_from = year(y.substr(0, dots));
    if (dots + 2 < y.size()) r.year_to = year(y.substr(dots + 2));
    if (dots == 0 && dots + 2 == y.size()) year("");
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

/// One stderr line per filter value that matched nothing, with the nearest known values.
void report_unmatched(const std::vector<fynd::FilterSuggestion>& unmatched) {
  for (const fynd::FilterSuggestion& s : unmatched) std::cerr << "fynd-query: " << fynd::filter_message(s) << '\n';
}

/// The content of a file, or of standard input for "-".
std::string read_text(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fynd::InputError("cannot read '" + path + "'");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Writes to `path`, or to standard output when it is empty.
int write_output(const std::string& content, const std::string& path) {
  if (path.empty()) {
    std::cout << content;
    return 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw fynd::InputError("cannot write '" + path + "'");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"fynd-query: search a fynd index of Swedish project documents.", "fynd-query"};
    app.footer(kSyntaxHelp);
    app.set_version_flag("--version", std::string("fynd-query ") + FYND_VERSION);

    std::string db = "./fynd-db";
    SelectOptions select;
    std::vector<std::string> words;
    bool json = false;
    bool facets = false;
    std::size_t limit = 10;
    std::size_t offset = 0;
    add_select_options(app, select, db);
    app.add_option("--sort", select.sort, "relevance, year, -year, budget or -budget")->capture_default_str();
    std::string hits_format = "table";
    CLI::Option* limit_option = app.add_option("--limit", limit, "hits per page (with --format csv: at most this many rows)")
                                    ->capture_default_str();
    app.add_option("--offset", offset, "hits to skip")->capture_default_str();
    app.add_flag("--json", json, "print the SearchResult as JSON (same as --format json)");
    app.add_option("--format", hits_format, "table, json, or csv: every match (or --limit of them) with its metadata")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->capture_default_str();
    app.add_flag("--facets", facets, "also count funders, regions, years and themes of all matches");
    app.add_option("query", words, "query words (see Query syntax below); none lists every project");

    // stats
    CLI::App* stats = app.add_subcommand("stats", "count projects and sum budgets per facet value");
    SelectOptions stats_select;
    std::vector<std::string> stats_words;
    std::string stats_by = "year";
    std::string stats_format = "table";
    std::string stats_out;
    std::string stats_budget_by = "spread";
    add_select_options(*stats, stats_select, db);
    stats->add_option("--budget-by", stats_budget_by,
                      "spread: a project's budget evenly over its years (groups); start: all in its start year")
        ->capture_default_str();
    stats->add_option("--by", stats_by, "one or two facets: funder, region, year, theme (e.g. funder,year)")
        ->capture_default_str();
    stats->add_option("--format", stats_format, "table, json, csv or svg")->capture_default_str();
    stats->add_option("--out", stats_out, "write to this file instead of standard output");
    stats->add_option("query", stats_words, "query selecting the projects (default: all)");

    // terms
    CLI::App* terms = app.add_subcommand("terms", "the most distinctive words of the selected projects");
    SelectOptions terms_select;
    std::vector<std::string> terms_words;
    std::size_t terms_limit = 20;
    bool terms_json = false;
    add_select_options(*terms, terms_select, db);
    terms->add_option("--limit", terms_limit, "words to show")->capture_default_str();
    terms->add_flag("--json", terms_json, "print JSON");
    terms->add_option("query", terms_words, "query selecting the projects (default: all)");

    // similar
    CLI::App* similar = app.add_subcommand("similar", "projects similar to a project (ID) or to a text (--text)");
    SelectOptions similar_select;
    std::string similar_id;
    std::string similar_text;
    std::size_t similar_limit = 10;
    bool similar_json = false;
    add_select_options(*similar, similar_select, db);
    similar->add_option("id", similar_id, "id of a project in the index");
    similar->add_option("--text", similar_text, "file with a text (e.g. a project idea), - for standard input");
    similar->add_option("--limit", similar_limit, "hits")->capture_default_str();
    similar->add_flag("--json", similar_json, "print JSON");

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e);
      return code == 0 ? 0 : fynd::error_info(fynd::ErrorCode::BadUsage).exit_code;
    }

    if (stats->parsed()) {
      fynd::StatsRequest r{make_request(stats_select, stats_words), fynd::parse_facet_list(stats_by),
                           fynd::budget_by_from_name(stats_budget_by)};
      const fynd::StatsFormat format = fynd::stats_format_from_name(stats_format);
      fynd::validate_request(r.selection, fynd::Analyzer());
      const fynd::Searcher searcher(db);
      const fynd::StatsResult result = fynd::Analytics(searcher).stats(r);
      report_unmatched(result.filter_suggestions);
      return write_output(fynd::format_stats(result, format), stats_out);
    }
    if (terms->parsed()) {
      fynd::TermsRequest r{make_request(terms_select, terms_words), terms_limit};
      fynd::validate_request(r.selection, fynd::Analyzer());
      const fynd::Searcher searcher(db);
      const fynd::TermsResult result = fynd::Analytics(searcher).terms(r);
      report_unmatched(result.filter_suggestions);
      if (terms_json) {
        std::cout << nlohmann::json(result).dump(2) << '\n';
      } else {
        fynd::cli::print_terms(std::cout, result);
      }
      return 0;
    }
    if (similar->parsed()) {
      fynd::SimilarRequest r;
      r.id = similar_id;
      if (!similar_text.empty()) r.text = read_text(similar_text);
      if (r.id.empty() == r.text.empty()) {
        return fail(fynd::ErrorCode::BadUsage, "similar: give either a project ID or --text FILE");
      }
      r.filters = make_request(similar_select, {});
      r.limit = similar_limit;
      fynd::validate_request(r.filters, fynd::Analyzer());
      const fynd::Searcher searcher(db);
      const fynd::SimilarResult result = fynd::SimilarProjects(searcher).find(r);
      report_unmatched(result.filter_suggestions);
      if (similar_json) {
        std::cout << nlohmann::json(result).dump(2) << '\n';
      } else {
        fynd::cli::print_similar(std::cout, result, mark_style());
      }
      return 0;
    }

    fynd::SearchRequest request = make_request(select, words);
    request.limit = limit;
    request.offset = offset;
    if (facets || json || hits_format == "json") request.facets.assign(fynd::kAllFacets.begin(), fynd::kAllFacets.end());
    fynd::validate_request(request, fynd::Analyzer());  // a bad query is reported before a missing index
    const fynd::Searcher searcher(db);
    if (hits_format == "csv") {
      {  // the CSV carries no suggestions: filter values that match nothing go to stderr
        const fynd::QueryBuilder builder(searcher.analyzer(), &searcher.database());
        fynd::SearchRequest resolved = request;
        report_unmatched(builder.resolver().resolve_filters(resolved));
        report_unmatched(builder.parse(request.query).filter_suggestions);
      }
      fynd::ExportOptions options;
      if (limit_option->count() > 0) options.limit = limit;
      fynd::ResultExport exporter(searcher, request, options);
      std::string chunk;
      while (exporter.next(chunk)) {
        std::cout << chunk;
        chunk.clear();
      }
      std::cout.flush();
      return std::cout ? 0 : fail(fynd::ErrorCode::Internal, "cannot write the CSV to standard output");
    }
    json = json || hits_format == "json";
    const fynd::SearchResult result = searcher.search(request);
    report_unmatched(result.filter_suggestions);
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
  } catch (const Xapian::NetworkError& e) {
    return fail(fynd::ErrorCode::IndexUnavailable, "a remote shard failed: " + e.get_description());
  } catch (const Xapian::Error& e) {
    return fail(fynd::ErrorCode::Internal, "internal error: " + e.get_description());
  } catch (const std::exception& e) {
    return fail(fynd::ErrorCode::Internal, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(fynd::ErrorCode::Internal, "internal error");
  }
}
