// Snippets of huge texts: a bounded part is analysed, the passage is still the right one.
#include <gtest/gtest.h>

#include "snippeter.h"
#include "text.h"

namespace fynd {
namespace {

class SnippeterBounded : public ::testing::Test {
 protected:
  std::string snip(std::string_view query, std::string_view text) {
    parsed_ = builder_.parse(query);
    return Snippeter(analyzer_, parsed_).snippet(text);
  }
  static std::string filler(std::size_t bytes) {
    std::string s;
    while (s.size() < bytes) s += "Texten handlar om något helt annat i den här delen av rapporten. ";
    return s;
  }
  Analyzer analyzer_;
  QueryBuilder builder_{analyzer_};
  ParsedQuery parsed_;
};

TEST_F(SnippeterBounded, MatchFarIntoAHugeTextIsFound) {
  // 3 MB before the match: the word (inflected, capitalised) is found as bytes by its stem.
  const std::string text = filler(3 << 20) + "Solcellerna på Växjö kommuns skolor gav el hela sommaren. " + filler(1 << 20);
  const std::string s = snip("solceller växjö", text);
  EXPECT_NE(s.find("<mark>Solcellerna</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>Växjö</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;
  EXPECT_LE(text::length(s), Snippeter::kDefaultChars + 80);
}

TEST_F(SnippeterBounded, MatchInTheFirstPartNeedsNoSearch) {
  const std::string text = "Bredband till alla i Malå. " + filler(2 << 20);
  const std::string s = snip("bredband", text);
  EXPECT_EQ(s.rfind("<mark>Bredband</mark> till alla i Malå.", 0), 0u) << s;
  EXPECT_EQ(s.substr(s.size() - 3), "…");
}

TEST_F(SnippeterBounded, NoMatchGivesTheStartWithACut) {
  const std::string text = "Inledning om projektet. " + filler(2 << 20);
  const std::string s = snip("vätgas", text);
  EXPECT_EQ(s.rfind("Inledning om projektet.", 0), 0u) << s;
  EXPECT_EQ(s.substr(s.size() - 3), "…");
}

}  // namespace
}  // namespace fynd
