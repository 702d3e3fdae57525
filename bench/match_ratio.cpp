// match_ratio: fynd's match count per query against a plain AND of the words' stems (the
// `Z` terms fynd indexes), and the time of fynd's search. Usage:
//   match_ratio --db DIR --queries FILE [--runs N] [--facets] [--top N] [--json]
//               [--dump FILE] [--describe]
// FILE holds one query a line, `text<TAB>anything` (../shared/bench/queries.tsv); only the
// text is used. Prints one line per query (fynd, plain, ratio, ms) and the
// medians; the ratio median is over the queries the plain AND finds something for; then
// the p50/p95/p99 of the per-query median times and, with --top N, the N slowest queries;
// --json also times encoding each result as /api/search does (nlohmann::json, dump()).
// --dump FILE writes each query's total, hits (id and weight) and facet counts, one line a
// query, to compare two builds' results; --describe prints each parsed Xapian query.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer.h"
#include "query_builder.h"
#include "schema.h"
#include "searcher.h"

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The p-th percentile (nearest rank) of `v`.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank > 0 ? rank - 1 : 0)];
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
  std::size_t top = 0;
  bool json = false;
  bool describe = false;
  std::string dump_file;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) queries_file = argv[++i];
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--facets")) facets = true;
    else if (!std::strcmp(argv[i], "--json")) json = true;
    else if (!std::strcmp(argv[i], "--describe")) describe = true;
    else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc) dump_file = argv[++i];
    else if (!std::strcmp(argv[i], "--top") && i + 1 < argc) top = static_cast<std::size_t>(std::max(0, std::atoi(argv[++i])));
    else {
      std::fprintf(stderr, "usage: match_ratio --db DIR --queries FILE [--runs N] [--facets] [--top N] [--json] [--dump FILE] [--describe]\n");
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
  std::ofstream dump;
  if (!dump_file.empty()) {
    dump.open(dump_file);
    if (!dump) {
      std::fprintf(stderr, "match_ratio: cannot write the dump file '%s'\n", dump_file.c_str());
      return 2;
    }
  }
  std::vector<double> ratios, times, first_times, encode_times;
  std::printf("query\tfynd\tplain\tratio\tms\n");
  for (const std::string& q : queries) {
    fynd::SearchRequest r;
    r.query = q;
    if (facets) r.facets = {fynd::Facet::Funder, fynd::Facet::Region, fynd::Facet::Year, fynd::Facet::Theme};
    if (describe) {
      const fynd::QueryBuilder builder(searcher.analyzer(), &searcher.database());
      std::printf("# %s: %s\n", q.c_str(), builder.parse(q).query.get_description().c_str());
    }
    std::vector<double> ms;
    std::uint64_t total = 0;
    for (int k = 0; k <= runs; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      const fynd::SearchResult result = searcher.search(r);
      total = result.total;
      if (k == 0 && dump.is_open()) {
        dump << q << "\ttotal " << result.total << "\thits";
        for (const fynd::Hit& h : result.hits) dump << ' ' << h.id << ':' << h.weight;
        for (const auto& [facet, values] : result.facets) {
          dump << "\t" << fynd::Schema::facet_name(facet);
          for (const fynd::FacetValue& v : values) dump << ' ' << v.value << '=' << v.count;
        }
        dump << '\n';
      }
      const auto t1 = std::chrono::steady_clock::now();
      const double t = std::chrono::duration<double, std::milli>(t1 - t0).count();
      if (json && k > 0) {
        const std::string body = nlohmann::json(result).dump();
        encode_times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count());
        if (body.empty()) return 1;
      }
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
  std::printf("# per-query median ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f\n", percentile(times, 50),
              percentile(times, 95), percentile(times, 99), percentile(times, 100));
  if (json) {
    std::printf("# JSON encoding of a result: median ms %.3f, p99 %.3f\n", median(encode_times),
                percentile(encode_times, 99));
  }
  if (top > 0) {
    std::vector<std::size_t> order(times.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times[a] > times[b]; });
    std::printf("# slowest %zu:\n", std::min(top, order.size()));
    for (std::size_t i = 0; i < top && i < order.size(); ++i) {
      std::printf("#  %.2f ms\t%s\n", times[order[i]], queries[order[i]].c_str());
    }
  }
  return 0;
}
