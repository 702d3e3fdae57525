// Index and query paths must give a word the same terms, whatever text the word came from
// and whichever analyzer (with its own caches) sees it first.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <map>

#include "analyzer.h"
#include "test_support.h"

namespace fynd {
namespace {

struct Terms {
  std::vector<std::string> main;
  std::vector<std::string> expansion;
  bool operator==(const Terms&) const = default;
};

/// Index path over whole texts, query path over each distinct word alone, with two
/// separate analyzers; returns the number of distinct words compared.
std::size_t expect_identical_terms(const std::vector<std::string>& texts, const std::string& what) {
  const Analyzer indexer;
  const Analyzer querier;
  std::map<std::string, Terms> indexed;
  for (const auto& text : texts) {
    for (const Token& t : indexer.tokenize(text)) {
      // The last word of a hyphenated word also carries the closed form's stem, which
      // depends on the word before it (analyzer_forms_test checks it).
      if (!t.joined.empty()) continue;
      indexed.try_emplace(t.surface, Terms{indexer.index_terms(t), indexer.expansion_terms(t)});
    }
  }
  std::size_t compared = 0, mismatches = 0;
  for (const auto& [word, terms] : indexed) {
    const auto q = querier.tokenize(word);
    if (q.size() != 1 || q[0].surface != word) continue;  // "fn:s"-like words re-split alone
    ++compared;
    const Terms queried{querier.query_terms(q[0]), querier.expansion_terms(q[0])};
    if (!(queried == terms) && ++mismatches <= 10) {
      ADD_FAILURE() << what << ": '" << word << "' index " << ::testing::PrintToString(terms.main) << " "
                    << ::testing::PrintToString(terms.expansion) << " query "
                    << ::testing::PrintToString(queried.main) << " " << ::testing::PrintToString(queried.expansion);
    }
    // Every query term at full weight is an index term of the word.
    for (const auto& wt : querier.weighted_query_terms(q[0])) {
      if (wt.weight < 1.0) continue;
      EXPECT_NE(std::find(terms.main.begin(), terms.main.end(), wt.term), terms.main.end()) << word << " " << wt.term;
    }
  }
  EXPECT_EQ(mismatches, 0u) << what;
  std::cout << "[ consistency ] " << what << ": " << compared << " distinct words, " << mismatches << " mismatches\n";
  return compared;
}

TEST(AnalyzerConsistency, BuiltInSwedishWordList) {
  const std::vector<std::string> texts = {
      "Projektet projekten projektets projekt stöd stödet stöden insats insatsen insatser insatserna län länet "
      "länets ansökan ansökningar ansökningarna kommun kommunen kommunerna arbetsmarknadsavdelningen "
      "kompetensförsörjning bredbandsutbyggnaden landsbygdsutveckling Växjö Jönköpings Östersund Åre "
      "hälsa hälsan här har mål mal målen Europeiska socialfonden regionalfonden ESF ERUF Delmos SFI "
      "café idé Müller 2019/00503 karin.froderberg@rjl.se FN:s Agenda 2030 ungdomar ungdomarna nyanlända "
      "utrikesfödda kvinnor företagare företagande innovation digitalisering hållbar hållbara hållbart "
      "tillväxt tillväxten sysselsättning arbetslöshet arbetslösheten besöksnäringen turism energieffektivisering"};
  EXPECT_GT(expect_identical_terms(texts, "built-in list"), 50u);
}

TEST(AnalyzerConsistency, SampleSeeds) {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "data" / "sample")) {
    if (entry.is_regular_file()) texts.push_back(test::read_file(entry.path()));
  }
  ASSERT_FALSE(texts.empty()) << "data/sample is empty";
  EXPECT_GT(expect_identical_terms(texts, "data/sample"), 500u);
}

TEST(AnalyzerConsistency, SharedCorpus) {
  FYND_REQUIRE_SHARED(shared);
  const auto path = shared / "corpus" / "tillvaxtverket-eruf-2014-2020.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const auto records = nlohmann::json::parse(test::read_file(path));
  std::vector<std::string> texts;
  for (const auto& r : records) {
    for (const auto& [key, value] : r.items()) {
      if (value.is_string()) texts.push_back(value.get<std::string>());
    }
  }
  EXPECT_GT(expect_identical_terms(texts, "ERDF corpus"), 5000u);
}

}  // namespace
}  // namespace fynd
