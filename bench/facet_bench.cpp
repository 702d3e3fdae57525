// facet_bench: time of a search with all four facets counted, at 10k and 100k projects.
//
//   facet_bench CORPUS_JSON [--sizes 10000,100000] [--runs 50] [--dir DIR]
//
// Builds synthetic indexes from the real ERDF corpus: each project gets 3-8 sentences
// recombined from real descriptions, a real title, the regions (kommuner, län, area) and
// thematic goal of a random real project, 1-2 funders and a run of 1-5 years. Then it times
// three searches with funder, region, year and theme counted and prints median and p99.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "index_writer.h"
#include "searcher.h"

namespace {

struct Source {
  std::vector<std::string> titles;
  std::vector<std::string> sentences;
  std::vector<std::vector<std::string>> regions;
  std::vector<std::string> themes;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string part = s.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    start = comma + 1;
  }
  return out;
}

Source load(const std::filesystem::path& file) {
  std::ifstream in(file);
  const nlohmann::json all = nlohmann::json::parse(in);
  Source s;
  for (const auto& r : all) {
    s.titles.push_back(r.value("projektnamn", ""));
    const std::string text = r.value("projektbeskrivning", "");
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(". ", start);
      end = end == std::string::npos ? text.size() : end + 1;
      if (end - start > 30) s.sentences.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    std::vector<std::string> regions;
    for (const char* key : {"kommuner", "län", "område"}) {
      for (const std::string& v : split_list(r.value(key, ""))) regions.push_back(v);
    }
    s.regions.push_back(regions);
    const std::string theme = r.value("tematiskt_mål", "");
    if (!theme.empty()) s.themes.push_back(theme);
  }
  return s;
}

void build(const std::filesystem::path& dir, const Source& src, std::size_t n) {
  const std::vector<std::string> funders = {"Europeiska regionala utvecklingsfonden", "Europeiska socialfonden",
                                            "Tillväxtverket", "Energimyndigheten", "Vinnova", "Region Västerbotten",
                                            "Region Skåne", "Jordbruksverket", "Boverket", "Formas"};
  std::mt19937 rng(42);
  std::lognormal_distribution<double> budget(15.0, 1.0);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir.parent_path());
  fynd::IndexWriter writer(dir, 5000);
  for (std::size_t i = 0; i < n; ++i) {
    fynd::Project p;
    p.id = "b" + std::to_string(i);
    p.title = src.titles[rng() % src.titles.size()];
    for (int k = 3 + static_cast<int>(rng() % 6); k > 0; --k) p.text += src.sentences[rng() % src.sentences.size()] + " ";
    p.funders.push_back(funders[std::min<std::size_t>(rng() % 12, funders.size() - 1)]);  // skewed to the last
    if (rng() % 3 == 0) fynd::Project::add_unique(p.funders, funders[rng() % funders.size()]);
    p.regions = src.regions[rng() % src.regions.size()];
    const int start = 2014 + static_cast<int>(rng() % 9);
    for (int y = start; y < start + 1 + static_cast<int>(rng() % 5); ++y) p.years.push_back(y);
    p.themes.push_back(src.themes[rng() % src.themes.size()]);
    p.budget_sek = static_cast<std::int64_t>(budget(rng));
    writer.add(p);
  }
  writer.commit();
}

struct Timing {
  double median = 0;
  double p99 = 0;
};

Timing time_search(const fynd::Searcher& searcher, const fynd::SearchRequest& request, int runs) {
  std::vector<double> ms;
  searcher.search(request);  // warm the caches
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    searcher.search(request);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(ms.size()))) - 1)]; };
  return {ms[ms.size() / 2], at(0.99)};
}

}  // namespace

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: facet_bench CORPUS_JSON [--sizes 10000,100000] [--runs 50] [--dir DIR]\n";
    return 2;
  }
  std::filesystem::path corpus = argv[1];
  std::vector<std::size_t> sizes = {10000, 100000};
  int runs = 50;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "fynd-facet-bench";
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--sizes") {
      sizes.clear();
      for (const std::string& s : split_list(argv[i + 1])) sizes.push_back(std::stoul(s));
    } else if (opt == "--runs") {
      runs = std::stoi(argv[i + 1]);
    } else if (opt == "--dir") {
      dir = argv[i + 1];
    }
  }
  if (!std::filesystem::exists(corpus)) {
    std::cerr << "facet_bench: no corpus at " << corpus << "\n";
    return 2;
  }
  const Source src = load(corpus);
  std::printf("%-9s %-34s %9s %10s %10s\n", "projects", "search (4 facets counted)", "matches", "median ms", "p99 ms");
  for (std::size_t n : sizes) {
    const auto db = dir / std::to_string(n);
    const auto t0 = std::chrono::steady_clock::now();
    build(db, src, n);
    const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const fynd::Searcher searcher(db);
    struct Case {
      const char* name;
      fynd::SearchRequest request;
    };
    std::vector<Case> cases(3);
    cases[0].name = "all projects";
    cases[1].name = "\"företag\"";
    cases[1].request.query = "företag";
    cases[2].name = "\"företag\" + funder,year selected";
    cases[2].request.query = "företag";
    cases[2].request.filters[fynd::Facet::Funder] = {"Vinnova", "Formas"};
    cases[2].request.filters[fynd::Facet::Year] = {"2018"};
    for (Case& c : cases) {
      c.request.facets.assign(fynd::kAllFacets.begin(), fynd::kAllFacets.end());
      c.request.spelling = false;
      const auto total = searcher.search(c.request).total;
      const Timing t = time_search(searcher, c.request, runs);
      std::printf("%-9zu %-34s %9llu %10.1f %10.1f\n", n, c.name, static_cast<unsigned long long>(total), t.median, t.p99);
    }
    std::printf("          (index built in %.0f s)\n", build_s);
    std::fflush(stdout);
  }
  return 0;
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "facet_bench: " << e.what() << "\n";
    return 1;
  }
}
