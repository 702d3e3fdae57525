// fynd_relevance: indexes data/sample and the ERDF corpus (the build's shared test index,
// or a temporary one with --shared DIR), runs the judged queries of judgments.json and
// prints nDCG@10, MRR@10 and Recall@20 per kind of query and overall. Exit codes: 0 at or above --min-ndcg, 1 below, 77 (ctest's
// skip) when the ERDF corpus is absent, 2 on bad arguments.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "index_cache.h"
#include "pipeline.h"
#include "searcher.h"
#include "text.h"

namespace fs = std::filesystem;

namespace {

struct Judged {
  std::string id;
  std::string kind;
  std::string query;
  std::map<std::string, int> ids;     ///< project id -> grade
  std::map<std::string, int> titles;  ///< folded title substring -> grade (seed projects)
};

struct Scores {
  double ndcg = 0, mrr = 0, recall = 0;
  int n = 0;
  void add(const Scores& s) {
    ndcg += s.ndcg;
    mrr += s.mrr;
    recall += s.recall;
    n += 1;
  }
};

std::vector<Judged> load(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  const nlohmann::json j = nlohmann::json::parse(in);
  std::vector<Judged> out;
  for (const auto& q : j.at("queries")) {
    Judged d;
    d.id = q.at("id");
    d.kind = q.at("kind");
    d.query = q.at("query");
    if (q.contains("ids")) {
      for (const auto& [k, v] : q["ids"].items()) d.ids[k] = v.get<int>();
    }
    if (q.contains("titles")) {
      for (const auto& [k, v] : q["titles"].items()) d.titles[fynd::text::fold_case(k)] = v.get<int>();
    }
    out.push_back(std::move(d));
  }
  return out;
}

/// Grades of the ranked hits; each judged item counts once.
std::vector<int> grades(const Judged& q, const std::vector<fynd::Hit>& hits) {
  std::map<std::string, int> ids = q.ids, titles = q.titles;
  std::vector<int> g;
  for (const auto& h : hits) {
    int grade = 0;
    if (auto it = ids.find(h.id); it != ids.end()) {
      grade = it->second;
      ids.erase(it);
    } else {
      const std::string title = fynd::text::fold_case(h.project.title);
      for (auto t = titles.begin(); t != titles.end(); ++t) {
        if (title.find(t->first) != std::string::npos) {
          grade = t->second;
          titles.erase(t);
          break;
        }
      }
    }
    g.push_back(grade);
  }
  return g;
}

Scores score(const Judged& q, const std::vector<int>& g) {
  std::vector<int> ideal;
  for (const auto& [k, v] : q.ids) ideal.push_back(v);
  for (const auto& [k, v] : q.titles) ideal.push_back(v);
  std::sort(ideal.rbegin(), ideal.rend());
  auto dcg = [](const std::vector<int>& grades, std::size_t k) {
    double s = 0;
    for (std::size_t i = 0; i < std::min(k, grades.size()); ++i) {
      s += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
    }
    return s;
  };
  Scores s;
  const double idcg = dcg(ideal, 10);
  s.ndcg = idcg > 0 ? dcg(g, 10) / idcg : 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(10, g.size()); ++i) {
    if (g[i] > 0) {
      s.mrr = 1.0 / static_cast<double>(i + 1);
      break;
    }
  }
  std::size_t found = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(20, g.size()); ++i) found += g[i] > 0 ? 1 : 0;
  s.recall = ideal.empty() ? 0 : static_cast<double>(found) / static_cast<double>(ideal.size());
  s.n = 1;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path source = FYND_SOURCE_DIR;
  fs::path shared = FYND_SHARED_DIR;
  fs::path judgments = source / "tests" / "relevance" / "judgments.json";
  double min_ndcg = 0;
  bool verbose = false;
  bool shared_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--min-ndcg") {
      min_ndcg = std::stod(next());
    } else if (a == "--judgments") {
      judgments = next();
    } else if (a == "--shared") {
      shared = next();
      shared_given = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else {
      std::cerr << "usage: fynd_relevance [--min-ndcg X] [--judgments FILE] [--shared DIR] [--verbose]\n";
      return 2;
    }
  }
  // Without --shared: the index of data/sample + the ERDF records (data/erdf, else
  // ../shared/corpus) the query tests search too, built once per build. With it: a temporary
  // index of data/sample + DIR/corpus.
  const bool cached = !shared_given && !fynd::test::erdf_corpus_dir().empty();
  const fs::path corpus = shared / "corpus" / "tillvaxtverket-eruf-2014-2020.json";
  if (!cached && !fs::exists(corpus)) {
    std::cout << "skipped: " << corpus << " is absent\n";
    return 77;
  }
  try {
    const auto t0 = std::chrono::steady_clock::now();
    fs::path db;
    if (cached) {
      db = fynd::test::sample_and_erdf_index();
    } else {
      db = fs::temp_directory_path() / ("fynd-relevance-" + std::to_string(::getpid()));
      fs::remove_all(db);
      fynd::IndexOptions options;
      options.db = db;
      options.inputs = {source / "data" / "sample", corpus};
      options.quiet = true;
      std::ostringstream log;
      fynd::Pipeline(options, log).run();
    }
    const double index_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const fynd::Searcher searcher(db);
    std::map<std::string, Scores> by_kind;
    Scores all;
    for (const Judged& q : load(judgments)) {
      fynd::SearchRequest r;
      r.query = q.query;
      r.limit = 20;
      r.snippets = false;
      const fynd::SearchResult result = searcher.search(r);
      const Scores s = score(q, grades(q, result.hits));
      by_kind[q.kind].add(s);
      all.add(s);
      if (verbose) {
        std::printf("%-22s nDCG@10 %.3f  MRR %.3f  R@20 %.3f  %s\n", q.id.c_str(), s.ndcg, s.mrr, s.recall, q.query.c_str());
        const auto g = grades(q, result.hits);
        for (std::size_t i = 0; i < std::min<std::size_t>(10, result.hits.size()); ++i) {
          std::printf("    %2zu %d %-28s %s\n", i + 1, g[i], result.hits[i].id.substr(0, 28).c_str(),
                      result.hits[i].project.title.substr(0, 60).c_str());
        }
      }
    }
    if (!cached) fs::remove_all(db);
    std::printf("%-14s %5s %8s %8s %9s\n", "kind", "n", "nDCG@10", "MRR@10", "Recall@20");
    for (const auto& [kind, s] : by_kind) {
      std::printf("%-14s %5d %8.3f %8.3f %9.3f\n", kind.c_str(), s.n, s.ndcg / s.n, s.mrr / s.n, s.recall / s.n);
    }
    std::printf("%-14s %5d %8.3f %8.3f %9.3f\n", "overall", all.n, all.ndcg / all.n, all.mrr / all.n, all.recall / all.n);
    std::printf("(%s in %.1f s)\n", cached ? "cached index opened or built" : "indexed", index_s);
    if (all.ndcg / all.n < min_ndcg) {
      std::printf("FAIL: overall nDCG@10 %.3f is below the floor %.3f\n", all.ndcg / all.n, min_ndcg);
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "fynd_relevance: " << e.what() << "\n";
    return 1;
  }
}
