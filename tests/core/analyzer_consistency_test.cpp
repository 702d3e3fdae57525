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

/// segment() then analyse() of each word gives tokenize()'s tokens, field by field.
void expect_segment_equals_tokenize(const Analyzer& a, const std::string& text) {
  const std::vector<Token> full = a.tokenize(text);
  std::vector<Token> split = a.segment(text);
  ASSERT_EQ(split.size(), full.size()) << text.substr(0, 80);
  for (std::size_t i = 0; i < full.size(); ++i) {
    Token& t = split[i];
    EXPECT_TRUE(t.kind != TokenKind::Word || t.stop || t.stem.empty()) << t.surface;  // not analysed yet
    a.analyse(t);
    const Token& f = full[i];
    EXPECT_TRUE(t.surface == f.surface && t.stem == f.stem && t.begin == f.begin && t.end == f.end && t.pos == f.pos &&
                t.kind == f.kind && t.stop == f.stop && t.folded == f.folded && t.parts == f.parts &&
                t.joined == f.joined)
        << "token " << i << " '" << f.surface << "' of: " << text.substr(0, 80);
  }
}

TEST(AnalyzerConsistency, SegmentThenAnalyseEqualsTokenize) {
  const Analyzer a;
  expect_segment_equals_tokenize(a, "E-hälsa och ESF-stöd i Växjö: dnr 2019/00503, info@region.se; "
                                    "bredbandsutbyggnaden, 12 kommuner och ÖREBRO LÄN (ﬁber) café.");
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "data" / "sample")) {
    if (entry.is_regular_file()) expect_segment_equals_tokenize(a, test::read_file(entry.path()));
  }
  const Analyzer plain("och\n", AnalyzerOptions{false, false, false});
  expect_segment_equals_tokenize(plain, "Kommunerna och regionen bygger bredband i Växjö.");
}

TEST(AnalyzerConsistency, FingerprintTellsAnalysesApart) {
  EXPECT_EQ(Analyzer().fingerprint(), Analyzer().fingerprint());
  EXPECT_NE(Analyzer().fingerprint(), Analyzer(AnalyzerOptions{true, false, true}).fingerprint());
  EXPECT_NE(Analyzer("och\n").fingerprint(), Analyzer("att\n").fingerprint());
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
