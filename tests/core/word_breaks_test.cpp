// WordBreaks::latin1 applies the word break rules for Latin-1 text itself; its segments
// must be ICU's for the same text.
#include "word_breaks.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_support.h"

namespace fynd {
namespace {

std::string show(std::string_view text, const std::vector<TextSpan>& spans) {
  std::string out;
  for (const TextSpan& s : spans) out += "[" + std::string(text.substr(s.begin, s.end - s.begin)) + "]";
  return out;
}

void expect_as_icu(std::string_view text) {
  std::vector<TextSpan> fast;
  ASSERT_TRUE(WordBreaks::latin1(text, fast)) << text;
  EXPECT_EQ(show(text, fast), show(text, WordBreaks::icu(text))) << "text: " << text;
}

TEST(WordBreaks, SwedishProjectTextIsSegmentedAsIcuDoes) {
  for (const char* text : {
           "Projektet Hälsa i Växjö 2019-2021 (ESF) har en budget på 3,5 mkr, dvs. 3.500.000 kr.",
           "EU:s regionala fond; EU:n, t.ex. e-hälsa, ESF-stöd, Dnr 2019/00503 och info@region.se",
           "Don't 1'000 a'b 'quoted' a.b.c 1.2.3 1,2;3 1;2 a,b a;b a:1 1:2 a·b 1·2 ª1 µm º",
           "Rad ett\r\nRad två\n\nTre\tfyra\u00A0fem × sex ÷ sju ² ½ «citat» ¿fråga? ¡ja!",
           "..a.. ::b:: ''c'' a..b a::b a''b 1..2 1,,2 .5 5. ,5 5, a. .a a: :a -a- /b/ @c@",
           "ÅÄÖåäöéüÉÜ Ærø Þór ðæ ÿ ß ñ Ñ ç",
           "", " ", "a", "1", ".", "-", "--", "a-", "-1", "a\x01b", "x\x7F" "y",
       }) {
    expect_as_icu(text);
  }
}

TEST(WordBreaks, RandomLatin1TextIsSegmentedAsIcuDoes) {
  // Letters, digits and every character with a rule of its own, in random mixtures.
  const std::vector<std::string> pieces = {"a", "Z", "å", "Ö", "é", "ÿ", "ª", "µ", "º", "0", "7", ".", ",", ";", ":",
                                           "'", "·", "-", "/", "@", " ", "  ", "\n", "\r\n", "\t", "\u00A0", "×", "÷",
                                           "²", "!", "\"", "(", "+", "%", "&", "¤", "§", "\u0085", "\x0B", "#", "$", "*", "<", "=", ">",
                                           "?", "[", "\\", "]", "^", "`", "{", "|", "}", "~", "\x01", "\u0080", "¿"};
  std::mt19937 rng(11);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int k = 1 + static_cast<int>(rng() % 12); k > 0; --k) text += pieces[rng() % pieces.size()];
    expect_as_icu(text);
    if (HasFailure()) return;
  }
}

TEST(WordBreaks, OtherTextIsLeftToIcu) {
  std::vector<TextSpan> spans{{0, 1}};
  for (const char* text : {"snake_case", "tom\u00ADrum", "Łódź", "€ 5", "naïve\u0301", "a\xC3", "\xFF", "日本"}) {
    EXPECT_FALSE(WordBreaks::latin1(text, spans)) << text;
    EXPECT_TRUE(spans.empty()) << text;
  }
}

TEST(WordBreaks, ProjectBankTextsAreSegmentedAsIcuDoes) {
  // Every text of the bundled data and the real project bank records that is Latin-1.
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_dir() / "data")) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  if (auto shared = test::shared_dir()) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(*shared / "corpus")) files.push_back(e.path());
    for (const auto& e : std::filesystem::recursive_directory_iterator(*shared / "seeds")) files.push_back(e.path());
  }
  std::size_t checked = 0;
  for (const std::filesystem::path& f : files) {
    const std::string content = test::read_file(f);
    // Line by line: a file as a whole may hold one character beyond Latin-1.
    std::size_t start = 0;
    while (start < content.size()) {
      std::size_t nl = content.find('\n', start);
      if (nl == std::string::npos) nl = content.size();
      const std::string_view line(content.data() + start, nl - start);
      std::vector<TextSpan> fast;
      if (WordBreaks::latin1(line, fast)) {
        ASSERT_EQ(show(line, fast), show(line, WordBreaks::icu(line))) << f << ": " << line;
        ++checked;
      }
      start = nl + 1;
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace fynd
