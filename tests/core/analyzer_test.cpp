#include "analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

std::vector<std::string> surfaces(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.surface);
  return out;
}

const Token* find(const std::vector<Token>& tokens, std::string_view surface) {
  auto it = std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.surface == surface; });
  return it == tokens.end() ? nullptr : &*it;
}

TEST(Analyzer, InflectionsShareAStem) {
  Analyzer a;
  EXPECT_EQ(a.stem("kommunen"), a.stem("kommuner"));
  EXPECT_EQ(a.stem("ungdomar"), a.stem("ungdomarna"));
  EXPECT_EQ(a.stem("företagen"), a.stem("företag"));
  EXPECT_EQ(a.stem("regionerna"), a.stem("regioner"));
}

TEST(Analyzer, CaseIsFoldedAndSwedishLettersKept) {
  Analyzer a;
  auto upper = a.tokenize("ÖREBRO");
  auto lower = a.tokenize("örebro");
  ASSERT_EQ(upper.size(), 1u);
  EXPECT_EQ(upper[0].surface, "örebro");
  EXPECT_EQ(upper[0].surface, lower[0].surface);
  EXPECT_EQ(a.tokenize("Växjö Åre")[0].surface, "växjö");
  EXPECT_EQ(a.tokenize("Växjö Åre")[1].surface, "åre");
}

TEST(Analyzer, NfdInputEqualsNfcInput) {
  Analyzer a;
  const std::string nfd = "Va\xCC\x88xjo\xCC\x88 ha\xCC\x8Allbar";  // "Växjö hållbar" decomposed
  const std::string nfc = "Växjö hållbar";
  EXPECT_EQ(surfaces(a.tokenize(nfd)), surfaces(a.tokenize(nfc)));
  EXPECT_EQ(surfaces(a.tokenize(nfc)), (std::vector<std::string>{"växjö", "hållbar"}));
}

TEST(Analyzer, StopWordsAreMarkedAndNotStemmed) {
  Analyzer a;
  auto tokens = a.tokenize("Projektet och kommunen är i Jönköping");
  const Token* och = find(tokens, "och");
  ASSERT_NE(och, nullptr);
  EXPECT_TRUE(och->stop);
  EXPECT_TRUE(och->stem.empty());
  EXPECT_EQ(a.index_terms(*och), std::vector<std::string>{"och"});
  const Token* kommunen = find(tokens, "kommunen");
  ASSERT_NE(kommunen, nullptr);
  EXPECT_FALSE(kommunen->stop);
  EXPECT_EQ(kommunen->pos, 3u);
}

TEST(Analyzer, IdentifiersAndEmailsStayWhole) {
  Analyzer a;
  auto tokens = a.tokenize("Diarienummer 2019/00503, e-post karin.froderberg@rjl.se.");
  ASSERT_NE(find(tokens, "2019/00503"), nullptr);
  EXPECT_EQ(find(tokens, "2019/00503")->kind, TokenKind::Identifier);
  ASSERT_NE(find(tokens, "karin.froderberg@rjl.se"), nullptr);
  EXPECT_EQ(find(tokens, "karin.froderberg@rjl.se")->kind, TokenKind::Email);
}

TEST(Analyzer, HyphenatedFormsSplitIntoWords) {
  Analyzer a;
  EXPECT_EQ(surfaces(a.tokenize("kompetens- och ESF-stöd")),
            (std::vector<std::string>{"kompetens", "och", "esf", "stöd"}));
  EXPECT_EQ(surfaces(a.tokenize("FN:s Agenda 2030")), (std::vector<std::string>{"fn:s", "agenda", "2030"}));
}

TEST(Analyzer, ByteOffsetsPointIntoTheText) {
  Analyzer a;
  const std::string text = "Bredband i Växjö kommun";
  for (const auto& t : a.tokenize(text)) {
    EXPECT_EQ(text::fold_case(text.substr(t.begin, t.end - t.begin)), t.surface);
  }
}

TEST(Analyzer, IndexTextAddsPositionsStemsAndTitleTerms) {
  Analyzer a;
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  a.index_text(doc, "Bredband till alla", Field::Title, pos);
  a.index_text(doc, "Utbyggnaden av bredbandet", Field::Body, pos);
  std::vector<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
  auto has = [&](const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); };
  EXPECT_TRUE(has("bredband"));
  EXPECT_TRUE(has("bredbandet"));
  EXPECT_TRUE(has(std::string(Schema::kStem) + a.stem("bredband")));
  EXPECT_TRUE(has(std::string(Schema::kTitle) + "bredband"));
  EXPECT_FALSE(has(std::string(Schema::kTitle) + "bredbandet"));
  EXPECT_FALSE(has(std::string(Schema::kStem) + "till"));
  EXPECT_TRUE(has("till"));  // stop words stay for phrases
}

TEST(Analyzer, UndecodableBytesNeverCrash) {
  Analyzer a;
  const std::string bad = "Bra\xff\xfe text \xc3";
  auto tokens = a.tokenize(bad);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens[0].surface, "bra");
}

}  // namespace
}  // namespace fynd
