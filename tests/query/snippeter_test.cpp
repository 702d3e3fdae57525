#include "snippeter.h"

#include <gtest/gtest.h>

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

TEST_F(SnippeterTest, EmptyText) { EXPECT_EQ(snip("x", ""), ""); }

}  // namespace
}  // namespace fynd
