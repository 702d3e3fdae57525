// match_ratio: fynd's match count per query against a plain AND of the words' stems (the
// `Z` terms fynd indexes), and the time of fynd's search. Usage:
//   match_ratio --db DIR --queries FILE [--runs N] [--facets]
// FILE holds one query a line, `text<TAB>anything` (../shared/bench/queries.tsv); only the
// text is used. Prints one line per query (fynd, plain, ratio, ms), the medians (the ratio
// median is over the queries the plain AND finds something for) and p50/p95/p99 of the
// per-query median times. --facets counts funder, region, year and theme, as
// /api/search?facets=funder,region,year,theme does.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "analyzer.h"
#include "schema.h"
#include "searcher.h"

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The nearest-rank percentile `q` (0..1] of `v`.
double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size(), std::max<std::size_t>(rank, 1)) - 1];
}

Xapian::doccount plain_and(const Xapian::Database& db, const fynd::Analyzer& analyzer, const std::string& text) {
  std::vector<Xapian::Query> terms;
  for (const fynd::Token& t : analyzer.tokenize(text)) {
    if (t.stop || t.stem.empty()) continue;
    terms.emplace_back(std::string(fynd::Schema::kStem) + t.stem);
  }
  if (terms.empty()) return 0;
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
  return e.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_dir, queries_file;
  int runs = 3;
  bool facets = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) queries_file = argv[++i];
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--facets")) facets = true;
    else {
      std::fprintf(stderr, "usage: match_ratio --db DIR --queries FILE [--runs N] [--facets]\n");
      return 2;
    }
  }
  if (db_dir.empty() || queries_file.empty()) {
    std::fprintf(stderr, "match_ratio: --db DIR and --queries FILE are required\n");
    return 2;
  }
  std::ifstream in(queries_file);
  if (!in) {
    std::fprintf(stderr, "match_ratio: cannot read the queries file '%s'\n", queries_file.c_str());
    return 2;
  }
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    const std::string text = line.substr(0, line.find('\t'));
    if (!text.empty()) queries.push_back(text);
  }
  const fynd::Searcher searcher(db_dir);
  std::vector<double> ratios, times, first_times;
  std::printf("query\tfynd\tplain\tratio\tms\n");
  for (const std::string& q : queries) {
    fynd::SearchRequest r;
    r.query = q;
    if (facets) r.facets = {fynd::Facet::Funder, fynd::Facet::Region, fynd::Facet::Year, fynd::Facet::Theme};
    std::vector<double> ms;
    std::uint64_t total = 0;
    for (int k = 0; k <= runs; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      total = searcher.search(r).total;
      const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (k == 0) first_times.push_back(t);
      else ms.push_back(t);
    }
    const Xapian::doccount plain = plain_and(searcher.database(), searcher.analyzer(), q);
    const double ratio = plain ? static_cast<double>(total) / plain : 0;
    if (plain) ratios.push_back(ratio);
    times.push_back(median(ms));
    std::printf("%s\t%llu\t%u\t%.2f\t%.2f\n", q.c_str(), static_cast<unsigned long long>(total), plain, ratio, times.back());
  }
  std::printf("# %zu queries on %u documents: median ratio %.3f (%zu with plain matches), median ms %.2f, "
              "mean ms %.2f, first-run median ms %.2f\n",
              queries.size(), searcher.database().get_doccount(), median(ratios), ratios.size(), median(times),
              times.empty() ? 0 : [&] { double s = 0; for (double t : times) s += t; return s / times.size(); }(),
              median(first_times));
  std::printf("# per-query medians: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(times, 0.50),
              percentile(times, 0.95), percentile(times, 0.99), percentile(times, 1.0));
  return 0;
}
