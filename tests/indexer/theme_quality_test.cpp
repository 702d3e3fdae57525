// Theme precision and recall against the labelled sample in tests/fixtures/themes/, and the
// theme distribution over the ERDF corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "gazetteer.h"
#include "test_support.h"
#include "understand/explain.h"

namespace fynd {
namespace {

struct Label {
  std::string source;  ///< "eruf" or a data/sample stem
  std::string key;     ///< ärende-id, or a substring of the unit's title
  std::set<std::string> themes;
};

std::vector<Label> read_labels() {
  std::vector<Label> out;
  std::istringstream in(test::read_file(test::fixture("themes/labels.tsv")));
  std::set<std::string> known;
  for (const ThemeEntry& t : Gazetteer::standard().themes()) known.insert(t.name);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ls(line);
    for (std::string c; std::getline(ls, c, '\t');) cols.push_back(c);
    if (cols.size() != 3) {
      ADD_FAILURE() << "labels.tsv: not 3 columns: " << line;
      continue;
    }
    Label l{cols[0], cols[1], {}};
    std::stringstream ts(cols[2]);
    for (std::string t; std::getline(ts, t, '|');) {
      if (t == "-") continue;
      if (!known.count(t)) ADD_FAILURE() << "labels.tsv: unknown theme '" << t << "' for " << l.key;
      l.themes.insert(t);
    }
    out.push_back(std::move(l));
  }
  return out;
}

struct Tally {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

TEST(ThemeQuality, LabelledSamplePrecisionRecallAndErdfDistribution) {
  FYND_REQUIRE_SHARED(shared);
  const std::vector<Label> labels = read_labels();
  ASSERT_GE(labels.size(), 60u);
  // The projects the labels name: ERDF records by id, seed units by title.
  const std::vector<Project> erdf = understand_file(shared / "corpus/tillvaxtverket-eruf-2014-2020.json");
  ASSERT_EQ(erdf.size(), 374u);
  std::map<std::string, std::vector<Project>> seeds;
  auto project_for = [&](const Label& l) -> const Project* {
    if (l.source == "eruf") {
      for (const Project& p : erdf) {
        if (p.id == "eruf-" + l.key) return &p;
      }
      return nullptr;
    }
    auto it = seeds.find(l.source);
    if (it == seeds.end()) {
      it = seeds.emplace(l.source, understand_file(test::source_dir() / "data/sample" / (l.source + ".txt"))).first;
    }
    for (const Project& p : it->second) {
      if (p.title.find(l.key) != std::string::npos) return &p;
    }
    return nullptr;
  };
  Tally all;
  std::map<std::string, Tally> per_theme;
  std::map<std::string, int> labelled_erdf;
  int erdf_labels = 0;
  for (const Label& l : labels) {
    const Project* p = project_for(l);
    if (p == nullptr) {
      ADD_FAILURE() << "labels.tsv: no project " << l.source << " " << l.key;
      continue;
    }
    if (l.source == "eruf") {
      ++erdf_labels;
      for (const std::string& t : l.themes) ++labelled_erdf[t];
    }
    const std::set<std::string> got(p->themes.begin(), p->themes.end());
    std::string misses;
    for (const std::string& t : got) {
      if (!l.themes.count(t)) misses += " +" + t;
    }
    for (const std::string& t : l.themes) {
      if (!got.count(t)) misses += " -" + t;
    }
    if (!misses.empty()) std::printf("  %s %s:%s\n", l.source.substr(0, 4).c_str(), l.key.c_str(), misses.c_str());
    for (const std::string& t : got) {
      Tally& x = per_theme[t];
      if (l.themes.count(t)) {
        ++x.tp;
        ++all.tp;
      } else {
        ++x.fp;
        ++all.fp;
      }
    }
    for (const std::string& t : l.themes) {
      if (!got.count(t)) {
        ++per_theme[t].fn;
        ++all.fn;
      }
    }
  }
  std::map<std::string, int> on_erdf;
  for (const Project& p : erdf) {
    for (const std::string& t : p.themes) ++on_erdf[t];
  }
  std::printf("theme                            tp  fp  fn  precision recall  ERDF share (labelled)\n");
  for (const ThemeEntry& th : Gazetteer::standard().themes()) {
    const Tally& x = per_theme[th.name];
    std::printf("%-32s %3d %3d %3d  %8.2f %6.2f  %5.2f (%4.2f)\n", th.name.c_str(), x.tp, x.fp, x.fn, x.precision(),
                x.recall(), on_erdf[th.name] / 374.0, erdf_labels ? labelled_erdf[th.name] / double(erdf_labels) : 0.0);
  }
  std::printf("all (micro, %zu projects)         %3d %3d %3d  %8.3f %6.3f\n", labels.size(), all.tp, all.fp, all.fn,
              all.precision(), all.recall());
  // Floors a little under what the extractor reaches (see docs/understanding.md).
  EXPECT_GE(all.precision(), 0.86);
  EXPECT_GE(all.recall(), 0.82);
  // No theme holds most of the corpus unless the labelled ERDF records say it should.
  for (const auto& [theme, count] : on_erdf) {
    const double share = count / 374.0;
    const double labelled = erdf_labels ? labelled_erdf[theme] / static_cast<double>(erdf_labels) : 0.0;
    EXPECT_LE(share, std::max(0.5, labelled + 0.15)) << theme << " on " << count << " of 374 ERDF records";
  }
}

}  // namespace
}  // namespace fynd
