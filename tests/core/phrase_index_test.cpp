// PhraseIndex: entries whose first word is a prefix ("socialfond*") are compared only with
// words that start with their first byte, as written (Exact) or folded (the other modes);
// the longest match wins and, among matches of one length, the entry added first.
#include "phrase_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fynd {
namespace {

std::vector<PhraseMatch> find(const PhraseIndex& index, const std::string& text) {
  return index.find_all(WordScanner::scan(text), text);
}

std::vector<int> targets(const PhraseIndex& index, const std::string& text) {
  std::vector<int> out;
  for (const PhraseMatch& m : find(index, text)) out.push_back(m.target);
  return out;
}

TEST(PhraseIndex, PrefixEntriesMatchWordsStartingWithThemInAnyCaseUnlessExact) {
  PhraseIndex index;
  index.add("socialfond*", 1, PhraseCase::Any, true);
  index.add("Erasmus*", 2, PhraseCase::Exact, true);
  EXPECT_EQ(targets(index, "Medel ur Socialfondsmedlen och SOCIALFONDEN"), (std::vector<int>{1, 1}));
  EXPECT_EQ(targets(index, "Erasmusprogrammet, inte erasmusprogrammet"), (std::vector<int>{2}));
  EXPECT_TRUE(targets(index, "fond socialt").empty());
}

TEST(PhraseIndex, AmongPrefixEntriesOfOneLengthTheFirstAddedWinsWhateverTheirFirstByte) {
  // "Sol*" (Exact, first byte 'S') and "sol*" (folded, first byte 's') both match "Solen";
  // the one added first wins, in either order of adding.
  PhraseIndex exact_first;
  exact_first.add("Sol*", 1, PhraseCase::Exact, false);
  exact_first.add("sol*", 2, PhraseCase::Any, false);
  EXPECT_EQ(targets(exact_first, "Solen lyser"), (std::vector<int>{1}));
  EXPECT_EQ(targets(exact_first, "solen lyser"), (std::vector<int>{2}));

  PhraseIndex folded_first;
  folded_first.add("sol*", 2, PhraseCase::Any, false);
  folded_first.add("Sol*", 1, PhraseCase::Exact, false);
  EXPECT_EQ(targets(folded_first, "Solen lyser"), (std::vector<int>{2}));
}

TEST(PhraseIndex, TheLongestMatchWinsBetweenWholeWordAndPrefixEntries) {
  PhraseIndex index;
  index.add("leader", 1, PhraseCase::Any, false);
  index.add("leaderområde* i norr", 2, PhraseCase::Any, false);
  index.add("leader*", 3, PhraseCase::Any, false);
  const std::vector<PhraseMatch> m = find(index, "Leaderområdet i norr och Leader samt Leadermetoden");
  ASSERT_EQ(m.size(), 3U);
  EXPECT_EQ(m[0].target, 2);
  EXPECT_EQ(m[0].last - m[0].first, 3U);
  EXPECT_EQ(m[1].target, 1);  // a whole-word entry is considered before the prefix entries
  EXPECT_EQ(m[2].target, 3);
}

TEST(PhraseIndex, APrefixEntryOfNonAsciiFirstLetterMatchesBothCases) {
  PhraseIndex index;
  index.add("östersjö*", 1, PhraseCase::Any, false);
  index.add("Åland*", 2, PhraseCase::Exact, false);
  EXPECT_EQ(targets(index, "Östersjöregionen och östersjöstrategin"), (std::vector<int>{1, 1}));
  EXPECT_EQ(targets(index, "Ålandsbanken, ålänningar"), (std::vector<int>{2}));
}

}  // namespace
}  // namespace fynd
