// analysis_bench: time of Analyzer::index_text over the shared ERDF corpus (every text
// field of every record, into in-memory documents), with plain Snowball analysis and with
// the Swedish extensions. The first pass starts with empty caches (what one fynd-index
// run pays); the second shows the cached steady state. Usage: analysis_bench [corpus.json]
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analyzer.h"

namespace {

double run(const fynd::Analyzer& a, const std::vector<std::string>& texts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t terms = 0;
  for (const auto& t : texts) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    a.index_text(doc, t, fynd::Field::Body, pos);
    terms += doc.termlist_count();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "  (%zu terms)\n", terms);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  // Default: ../shared next to the checkout this file is in.
  const std::string path =
      argc > 1 ? argv[1]
               : (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "shared" / "corpus" /
                  "tillvaxtverket-eruf-2014-2020.json")
                     .string();
  std::ifstream in(path);
  if (!in) {
    std::printf("skipped: %s is absent\n", path.c_str());
    return 0;
  }
  std::vector<std::string> texts;
  for (const auto& r : nlohmann::json::parse(in)) {
    for (const auto& [k, v] : r.items()) {
      if (v.is_string()) texts.push_back(v.get<std::string>());
    }
  }
  fynd::AnalyzerOptions plain;
  plain.lemmas = plain.compounds = plain.folding = false;
  const auto t0 = std::chrono::steady_clock::now();
  const fynd::Analyzer swedish{fynd::AnalyzerOptions{}};
  const double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const fynd::Analyzer snowball{plain};
  const double p1 = run(snowball, texts), p2 = run(snowball, texts);
  const double s1 = run(swedish, texts), s2 = run(swedish, texts);
  std::printf("analysis of %zu texts\n", texts.size());
  std::printf("  lexicon load            %6.3f s\n", load);
  std::printf("  plain Snowball          %6.3f s (cached %6.3f s)\n", p1, p2);
  std::printf("  Swedish extensions      %6.3f s (cached %6.3f s)\n", s1, s2);
  std::printf("  ratio, first pass       %6.2fx (with load %5.2fx); cached %5.2fx\n", s1 / p1, (s1 + load) / p1, s2 / p2);
  return 0;
}
