// facet_bench: facet counting per match and the time of a search with all four facets
// counted, at 10k and 100k projects.
//
//   facet_bench CORPUS_JSON [--sizes 10000,100000] [--runs 50] [--dir DIR]
//   facet_bench --index DB [--runs 50]        (an existing index, e.g. from fynd-index)
//
// Builds synthetic indexes from the real ERDF corpus: each project gets 3-8 sentences
// recombined from real descriptions, a real title, the regions (kommuner, län, area) and
// thematic goal of a random real project, 1-2 funders and a run of 1-5 years. Then:
//  1. the FacetColumn's build time and memory;
//  2. ns per match of counting the four facets over every document, three ways: the slot
//     strings hashed per match (the spy fynd used before the column), Xapian's
//     ValueCountMatchSpy (the remote fallback) and the column; then the MatchSet of every
//     document from the posting lists and the column over it (what a search does now);
//  3. three searches with funder, region, year and theme counted, median and p99, with the
//     column and with the fallback.
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

#include "facet_column.h"
#include "facet_count_spy.h"
#include "index_writer.h"
#include "match_set.h"
#include "searcher.h"
#include "text.h"
#include "word_cache.h"

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

/// The facet spy fynd used before the column: hashes each match's whole slot string, and
/// splits and folds the distinct strings after the match (kept here as the baseline).
class SlotStringSpy : public Xapian::MatchSpy {
 public:
  explicit SlotStringSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string slot = doc.get_value(slot_);
    if (slot.empty()) return;
    auto it = index_.find(std::string_view(slot));
    if (it == index_.end()) it = index_.emplace(slot, 0).first;
    ++it->second;
  }
  /// Splits the distinct slot strings into folded values (what counts() did).
  std::size_t finish() const {
    std::unordered_map<std::string, Xapian::doccount> counts;
    std::unordered_map<std::string_view, std::string> folded;
    for (const auto& [content, n] : index_) {
      std::size_t start = 0;
      std::vector<const std::string*> seen;
      while (start < content.size()) {
        std::size_t nl = content.find('\n', start);
        if (nl == std::string::npos) nl = content.size();
        const std::string_view value = std::string_view(content).substr(start, nl - start);
        start = nl + 1;
        auto f = folded.find(value);
        if (f == folded.end()) f = folded.emplace(value, fynd::text::fold_case(fynd::text::trim(value))).first;
        if (std::find_if(seen.begin(), seen.end(), [&](const std::string* k) { return *k == f->second; }) != seen.end()) continue;
        seen.push_back(&f->second);
        counts[f->second] += n;
      }
    }
    return counts.size();
  }

 private:
  Xapian::valueno slot_;
  std::unordered_map<std::string, Xapian::doccount, fynd::WordHash, std::equal_to<>> index_;
};

double median_ms(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

/// Median ms of one BoolWeight pass over every document with `make_spies`' spies attached.
template <typename Make>
double time_pass(const Xapian::Database& db, int runs, Make make_spies) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    auto finish = make_spies(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
    finish();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return median_ms(ms);
}

void per_match(const std::filesystem::path& db_dir, std::size_t n, int runs) {
  const Xapian::Database db(db_dir.string());
  const auto build_start = std::chrono::steady_clock::now();
  const auto column = std::make_shared<const fynd::FacetColumn>(fynd::FacetColumn::build(db));
  const double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_start).count();
  std::size_t sets = 0, ids = 0;
  for (fynd::Facet f : fynd::kAllFacets) {
    sets += column->column(f).set_count();
    ids += column->column(f).set_values.size();
  }
  std::printf("%-9zu facet column: built in %.0f ms, %.1f MiB, %zu value sets, %zu set entries\n", n, build_ms,
              static_cast<double>(column->memory_bytes()) / (1024.0 * 1024.0), sets, ids);
  const double docs = static_cast<double>(db.get_doccount());
  const double none = time_pass(db, runs, [](Xapian::Enquire&) { return [] {}; });
  const double strings = time_pass(db, runs, [](Xapian::Enquire& e) {
    auto spies = std::make_shared<std::vector<std::unique_ptr<SlotStringSpy>>>();
    for (fynd::Facet f : fynd::kAllFacets) {
      spies->push_back(std::make_unique<SlotStringSpy>(fynd::Schema::facet_slot(f)));
      e.add_matchspy(spies->back().get());
    }
    return [spies] {
      for (const auto& s : *spies) s->finish();
    };
  });
  const double valuecount = time_pass(db, runs, [](Xapian::Enquire& e) {
    auto spies = std::make_shared<std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>>();
    for (fynd::Facet f : fynd::kAllFacets) {
      spies->push_back(std::make_unique<Xapian::ValueCountMatchSpy>(fynd::Schema::facet_slot(f)));
      e.add_matchspy(spies->back().get());
    }
    return [spies] {
      for (const auto& s : *spies) fynd::tally_slot_counts(*s);
    };
  });
  const std::vector<fynd::Facet> all(fynd::kAllFacets.begin(), fynd::kAllFacets.end());
  const double col = time_pass(db, runs, [&](Xapian::Enquire& e) {
    auto spy = std::make_shared<fynd::FacetCountSpy>(column, all, std::vector<fynd::FacetCountSpy::Selection>{});
    e.add_matchspy(spy.get());
    return [spy, &all] {
      for (fynd::Facet f : all) spy->tally(f);
    };
  });
  const auto ns = [&](double ms) { return (ms - none) * 1e6 / docs; };
  std::printf("%-9zu 4 facets over %.0f matches: pass alone %.1f ms; slot strings %.1f ms (%.0f ns/match), "
              "ValueCountMatchSpy %.1f ms (%.0f ns/match), column %.1f ms (%.0f ns/match)\n",
              n, docs, none, strings, ns(strings), valuecount, ns(valuecount), col, ns(col));
  // What a search does now: the match set from the posting lists, then the column over it.
  std::vector<double> set_ms, count_ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto set = fynd::MatchSet::evaluate(db, Xapian::Query::MatchAll);
    const auto t1 = std::chrono::steady_clock::now();
    fynd::FacetCountSpy spy(column, all, {});
    set->for_each([&](Xapian::docid did) { spy.add(did); });
    for (fynd::Facet f : all) spy.tally(f);
    const auto t2 = std::chrono::steady_clock::now();
    set_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    count_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  std::printf("%-9zu match set of every document %.1f ms; column over it %.1f ms (%.0f ns/match)\n", n,
              median_ms(set_ms), median_ms(count_ms), median_ms(count_ms) * 1e6 / docs);
}

/// The display forms of the two least frequent funders of the index (a selective filter).
std::vector<std::string> rare_funders(const Xapian::Database& db) {
  const fynd::FacetColumn column = fynd::FacetColumn::build(db);
  const fynd::FacetColumn::Column& funders = column.column(fynd::Facet::Funder);
  std::vector<std::pair<Xapian::doccount, std::string>> by_freq;
  for (std::size_t id = 0; id < funders.keys.size(); ++id) {
    by_freq.emplace_back(db.get_termfreq(fynd::Schema::facet_term(fynd::Facet::Funder, funders.keys[id])),
                         funders.displays[id]);
  }
  std::sort(by_freq.begin(), by_freq.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < by_freq.size() && i < 2; ++i) out.push_back(by_freq[i].second);
  return out;
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

void run_index(const std::filesystem::path& db, std::size_t n, int runs, double build_s);

int run(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--index") {
    int runs = 50;
    if (argc >= 5 && std::string(argv[3]) == "--runs") runs = std::stoi(argv[4]);
    const Xapian::Database db(argv[2]);
    std::printf("%-9s %-34s %-10s %9s %10s %10s\n", "projects", "search (4 facets counted)", "counting", "matches",
                "median ms", "p99 ms");
    run_index(argv[2], db.get_doccount(), runs, 0);
    return 0;
  }
  if (argc < 2) {
    std::cerr << "usage: facet_bench CORPUS_JSON [--sizes 10000,100000] [--runs 50] [--dir DIR] | --index DB [--runs N]\n";
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
  std::printf("%-9s %-34s %-10s %9s %10s %10s\n", "projects", "search (4 facets counted)", "counting", "matches",
              "median ms", "p99 ms");
  for (std::size_t n : sizes) {
    const auto db = dir / std::to_string(n);
    const auto t0 = std::chrono::steady_clock::now();
    build(db, src, n);
    const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    run_index(db, n, runs, build_s);
  }
  return 0;
}

void run_index(const std::filesystem::path& db, std::size_t n, int runs, double build_s) {
  {
    per_match(db, n, runs);
    fynd::Searcher searcher(db);
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
    cases[2].request.filters[fynd::Facet::Funder] = rare_funders(searcher.database());
    cases[2].request.filters[fynd::Facet::Year] = {"2018"};
    for (fynd::FacetCounting mode : {fynd::FacetCounting::Column, fynd::FacetCounting::SlotCounts}) {
      searcher.set_facet_counting(mode);
      for (Case& c : cases) {
        c.request.facets.assign(fynd::kAllFacets.begin(), fynd::kAllFacets.end());
        c.request.spelling = false;
        const auto total = searcher.search(c.request).total;
        const Timing t = time_search(searcher, c.request, runs);
        std::printf("%-9zu %-34s %-10s %9llu %10.1f %10.1f\n", n, c.name,
                    mode == fynd::FacetCounting::Column ? "column" : "slots", static_cast<unsigned long long>(total),
                    t.median, t.p99);
      }
    }
    if (build_s > 0) std::printf("          (index built in %.0f s)\n", build_s);
    std::fflush(stdout);
  }
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "facet_bench: " << e.what() << "\n";
    return 1;
  }
}
