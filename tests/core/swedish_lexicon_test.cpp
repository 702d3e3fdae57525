#include "swedish_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "error.h"

namespace fynd {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(SwedishLexicon, KnowsSwedishWords) {
  const auto& lex = SwedishLexicon::shared();
  EXPECT_TRUE(lex.known("projektet"));
  EXPECT_TRUE(lex.known("kompetensförsörjning"));
  EXPECT_TRUE(lex.known("hälsa"));
  EXPECT_FALSE(lex.known("xqzvbrt"));
  EXPECT_FALSE(lex.known(""));
}

TEST(SwedishLexicon, OcrDamagedWordsAreUnknown) {
  const auto& lex = SwedishLexicon::shared();
  EXPECT_FALSE(lex.known("f" "\xC3\xB6" "retagx"));
  EXPECT_FALSE(lex.known("utvecklingsomr" "\xE2\x96\xA1" "de"));
  EXPECT_TRUE(lex.known("utvecklingsområde"));
}

TEST(SwedishLexicon, LemmasOfInflectedForms) {
  const auto& lex = SwedishLexicon::shared();
  EXPECT_TRUE(contains(lex.lemmas("projektet"), "projekt"));
  EXPECT_TRUE(contains(lex.lemmas("stödet"), "stöd"));
  EXPECT_TRUE(contains(lex.lemmas("insatsen"), "insats"));
  EXPECT_TRUE(contains(lex.lemmas("länet"), "län"));
  EXPECT_TRUE(lex.lemmas("xqzvbrt").empty());
}

TEST(SwedishLexicon, SuggestsCorrections) {
  const auto& lex = SwedishLexicon::shared();
  EXPECT_TRUE(contains(lex.suggest("kommmunen"), "kommunen"));
}

TEST(SwedishLexicon, MissingDictionaryThrowsClearError) {
  try {
    SwedishLexicon lex("/nonexistent/dir");
    FAIL() << "expected fynd::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("hunspell-sv"), std::string::npos);
  }
}

TEST(SwedishLexicon, ConcurrentLookupsAgree) {
  const auto& lex = SwedishLexicon::shared();
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (lex.known("kommunen") && !lex.known("xqzvbrt") && contains(lex.lemmas("projekten"), "projekt")) ++ok[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int n : ok) EXPECT_EQ(n, 200);
}

}  // namespace
}  // namespace fynd
