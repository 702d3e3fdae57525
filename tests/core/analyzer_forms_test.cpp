// Hyphenated and closed spellings, phrase-word forms and compound parts (the Analyzer side
// of phrase and compound matching; the query side is in tests/query/query_builder_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analyzer.h"
#include "schema.h"

namespace fynd {
namespace {

std::set<std::string> doc_terms(const Analyzer& a, const std::string& text) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  a.index_text(doc, text, Field::Body, pos);
  std::set<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.insert(*it);
  return out;
}

Token only_token(const Analyzer& a, const std::string& word) {
  const std::vector<Token> t = a.tokenize(word);
  EXPECT_EQ(t.size(), 1u) << word;
  return t.empty() ? Token{} : t.front();
}

TEST(AnalyzerForms, HyphenatedWordCarriesItsClosedForm) {
  const Analyzer a;
  const std::vector<Token> t = a.tokenize("E-hälsa och ESF-stöd, stål- och metallindustrin 2014-2020 till-själv-hjälp");
  ASSERT_GE(t.size(), 13u);
  EXPECT_EQ(t[0].surface, "e");
  EXPECT_EQ(t[0].joined, "");
  EXPECT_EQ(t[1].surface, "hälsa");
  EXPECT_EQ(t[1].joined, "ehälsa");
  EXPECT_EQ(t[1].pos, 2u);  // positions are those of the separate words: phrases still match
  EXPECT_EQ(t[4].surface, "stöd");
  EXPECT_EQ(t[4].joined, "esfstöd");
  // "stål- och": a hyphen before a space joins nothing; numbers are not words.
  EXPECT_EQ(t[5].surface, "stål");
  EXPECT_EQ(t[6].joined, "");
  EXPECT_EQ(t[7].joined, "");
  EXPECT_EQ(t[9].joined, "");
  // A chain is joined whole, on its last word only.
  EXPECT_EQ(t[11].joined, "");
  EXPECT_EQ(t[12].surface, "hjälp");
  EXPECT_EQ(t[12].joined, "tillsjälvhjälp");
}

TEST(AnalyzerForms, HyphenatedAndClosedSpellingsShareTheClosedStem) {
  const Analyzer indexer;
  const Analyzer querier;  // separate caches
  const std::string closed_stem = querier.query_terms(only_token(querier, "ehälsa")).at(1);
  EXPECT_EQ(closed_stem.rfind(std::string(Schema::kStem), 0), 0u) << closed_stem;
  // Query path: the closed and the camel-case spellings are the same word.
  EXPECT_EQ(querier.query_terms(only_token(querier, "eHälsa")), querier.query_terms(only_token(querier, "ehälsa")));
  // Index path: every spelling is indexed with that stem term.
  for (const std::string text : {"satsningar på e-hälsa i länet", "ehälsa i länet", "eHälsa i länet", "E-hälsa"}) {
    EXPECT_EQ(doc_terms(indexer, text).count(closed_stem), 1u) << text;
  }
  // The separate words are still indexed as before.
  const auto hyphenated = doc_terms(indexer, "e-hälsa");
  EXPECT_EQ(hyphenated.count("e"), 1u);
  EXPECT_EQ(hyphenated.count("hälsa"), 1u);
  EXPECT_EQ(hyphenated.count(std::string(Schema::kStem) + only_token(indexer, "hälsa").stem), 1u);
  // A text that only has the words apart does not get the closed form.
  EXPECT_EQ(doc_terms(indexer, "e hälsa").count(closed_stem), 0u);
}

TEST(AnalyzerForms, ClosedWordWithALetterPrefixSplitsLikeItsHyphenatedSpelling) {
  const Analyzer a;
  EXPECT_EQ(a.letter_prefix_parts("ehälsa"), (std::vector<std::string>{"e", "hälsa"}));
  EXPECT_EQ(a.letter_prefix_parts("etjänster"), (std::vector<std::string>{"e", "tjänster"}));
  EXPECT_TRUE(a.letter_prefix_parts("energi").empty());   // a word of its own
  EXPECT_TRUE(a.letter_prefix_parts("elev").empty());
  EXPECT_TRUE(a.letter_prefix_parts("eslu").empty());     // the rest is no word
  EXPECT_TRUE(a.letter_prefix_parts("emål").empty());     // the rest is too short
  EXPECT_TRUE(a.letter_prefix_parts("öhälsa").empty());   // only a-z letters
}

TEST(AnalyzerForms, FormRelationFindsInflectionsAndCompoundsBeginningWithTheWord) {
  const Analyzer a;
  EXPECT_EQ(a.form_relation(only_token(a, "kommunalt"), "kommunala"), FormRelation::Inflection);
  EXPECT_EQ(a.form_relation(only_token(a, "partnerskap"), "partnerskapet"), FormRelation::Inflection);
  EXPECT_EQ(a.form_relation(only_token(a, "projektet"), "projekten"), FormRelation::Inflection);
  EXPECT_EQ(a.form_relation(only_token(a, "energi"), "energisystem"), FormRelation::Modifier);
  EXPECT_EQ(a.form_relation(only_token(a, "partnerskap"), "partnerskapsprogrammet"), FormRelation::Modifier);
  // Closed words with a letter prefix relate as their rests do.
  EXPECT_EQ(a.form_relation(only_token(a, "ehälsa"), "ehälsotjänster"), FormRelation::Modifier);
  EXPECT_EQ(a.form_relation(only_token(a, "ehälsa"), "ituberkulos"), FormRelation::None);
  // The word as a compound's head, or a longer word that merely begins the same way.
  EXPECT_EQ(a.form_relation(only_token(a, "energi"), "solenergi"), FormRelation::None);
  EXPECT_EQ(a.form_relation(only_token(a, "kommun"), "kommunikation"), FormRelation::None);
  // Stop words have no forms.
  EXPECT_EQ(a.form_relation(only_token(a, "och"), "och"), FormRelation::None);
}

TEST(AnalyzerForms, CompoundPartsAreTheTopLevelSplitAsWords) {
  const Analyzer a;
  EXPECT_EQ(a.compound_parts("solenergi"), (std::vector<std::string>{"sol", "energi"}));
  EXPECT_EQ(a.compound_parts("besöksnäringsföretag"), (std::vector<std::string>{"besöksnäring", "företag"}));
  EXPECT_TRUE(a.compound_parts("kommun").empty());
  AnalyzerOptions plain;
  plain.lemmas = plain.compounds = plain.folding = false;
  EXPECT_TRUE(Analyzer(plain).compound_parts("solenergi").empty());
}

}  // namespace
}  // namespace fynd
