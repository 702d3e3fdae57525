#include "snippeter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"
#include "text.h"

namespace fynd {
namespace {

class SnippeterTest : public ::testing::Test {
 protected:
  std::string snip(std::string_view query, std::string_view text, std::size_t chars = 200) {
    parsed_ = builder_.parse(query);
    return Snippeter(analyzer_, parsed_).snippet(text, chars);
  }
  Analyzer analyzer_;
  QueryBuilder builder_{analyzer_};
  ParsedQuery parsed_;
};

TEST_F(SnippeterTest, MarksExactAndStemmedMatches) {
  const std::string s = snip("kommunen", "Kommunerna och Kommunen samarbetar.");
  EXPECT_EQ(s, "<mark>Kommunerna</mark> och <mark>Kommunen</mark> samarbetar.");
}

TEST_F(SnippeterTest, EscapesHtml) {
  const std::string s = snip("företag", "Service för <medborgare> & företag \"nu\".");
  EXPECT_EQ(s, "Service för &lt;medborgare&gt; &amp; <mark>företag</mark> &quot;nu&quot;.");
}

TEST_F(SnippeterTest, PicksDensestPassage) {
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "Texten handlar om annat här. ";
  const std::string text = filler + "Bredband och fiber ger snabb uppkoppling i bredbandsnätet. " + filler;
  const std::string s = snip("bredband fiber", text, 120);
  EXPECT_NE(s.find("<mark>Bredband</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>fiber</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;  // cut at the start
  EXPECT_LE(text::length(s), 120u + 60u);
}

TEST_F(SnippeterTest, FallsBackToStartAndCollapsesSpace) {
  const std::string s = snip("saknas", "Första meningen.\n\nAndra   meningen.", 200);
  EXPECT_EQ(s, "Första meningen. Andra meningen.");
  std::string long_text(500, 'a');
  long_text = "Ord " + long_text;
  const std::string cut = snip("saknas", long_text, 50);
  EXPECT_LE(text::length(cut), 60u);
}

TEST_F(SnippeterTest, WildcardPrefixesAreMarked) {
  const std::string s = snip("bredband*", "Bredbandsnätet byggs.");
  EXPECT_EQ(s, "<mark>Bredbandsnätet</mark> byggs.");
}

TEST_F(SnippeterTest, DecomposedTextIsComposedBeforeMarking) {
  // "Växjö" with combining diaeresis (NFD): the snippet is in NFC, the word is marked.
  const std::string s = snip("växjö", "Projektet i V\x61\xCC\x88xj\x6F\xCC\x88 kommun.");
  EXPECT_EQ(s, "Projektet i <mark>Växjö</mark> kommun.");
}

TEST_F(SnippeterTest, WindowIsMeasuredInCharactersNotBytes) {
  // Two-byte letters: a window of 40 characters holds 40 of them, not 20.
  std::string text;
  for (int i = 0; i < 30; ++i) text += "åäö ";
  text += "bredband ";
  for (int i = 0; i < 30; ++i) text += "åäö ";
  const std::string s = snip("bredband", text, 40);
  EXPECT_NE(s.find("<mark>bredband</mark>"), std::string::npos) << s;
  const std::size_t chars = text::length(s) - std::string("<mark></mark>").size();
  EXPECT_GE(chars, 36u) << s;
  EXPECT_LE(chars, 44u) << s;
}

// A thread's memo of analysed words carries from one search to the next: its snippets
// must be those of a Snippeter without one, whatever was searched before, and whether the
// memo starts over in between.
TEST_F(SnippeterTest, WordMemoAcrossSearchesGivesTheSameSnippets) {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "data" / "sample")) {
    std::ifstream in(entry.path());
    std::stringstream body;
    body << in.rdbuf();
    // Paragraphs of the real pages, so that words recur from text to text.
    std::string para;
    std::istringstream lines(body.str());
    for (std::string line; std::getline(lines, line);) {
      para += line + "\n";
      if (para.size() > 1500) {
        texts.push_back(para);
        para.clear();
      }
    }
    if (!para.empty()) texts.push_back(para);
  }
  ASSERT_GT(texts.size(), 10u);
  const std::vector<std::string> queries = {"kommunen", "företag utveckling", "kommunerna", "\"hållbar utveckling\"",
                                            "energi*", "kommunen", "projekt region", "företag"};
  SnippetWordMemo memo;
  std::size_t marked = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& q : queries) {
      const ParsedQuery parsed = builder_.parse(q);
      const Snippeter with_memo(analyzer_, parsed, &memo);
      const Snippeter without(analyzer_, parsed);
      for (const std::string& t : texts) {
        const std::string expected = without.snippet(t);
        EXPECT_EQ(with_memo.snippet(t), expected) << "query '" << q << "'";
        if (expected.find("<mark>") != std::string::npos) ++marked;
      }
    }
  }
  EXPECT_GT(marked, texts.size()) << "the queries mark words in many of the texts";
  EXPECT_GT(memo.size(), 100u);
  EXPECT_LE(memo.size(), SnippetWordMemo::kMaxWords);
}

TEST_F(SnippeterTest, EmptyText) { EXPECT_EQ(snip("x", ""), ""); }

}  // namespace
}  // namespace fynd
