// text::fold_case and text::nfc take fast paths for ASCII and the Latin-1 letters of
// Swedish words; what they give must be ICU's NFKC_Casefold and NFC of the same text.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "text.h"

namespace fynd {
namespace {

/// What ICU's normaliser `name` ("nfc", "nfkc_cf") makes of `s`.
std::string icu_normalize(const char* name, const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, name, UNORM2_COMPOSE, status);
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString out;
  n->normalize(icu::UnicodeString::fromUTF8(s), out, status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string icu_fold(const std::string& s) { return icu_normalize("nfkc_cf", s); }
std::string icu_nfc(const std::string& s) { return icu_normalize("nfc", s); }

std::string utf8_of(char32_t cp) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(out);
  return out;
}

TEST(TextFold, EveryLatin1AndAsciiCharacterFoldsAsIcuDoes) {
  for (char32_t cp = 0x01; cp <= 0x17F; ++cp) {
    const std::string s = utf8_of(cp);
    EXPECT_EQ(text::fold_case(s), icu_fold(s)) << "U+" << std::hex << static_cast<unsigned>(cp);
    const std::string word = "Ab" + s + "cÅ";
    EXPECT_EQ(text::fold_case(word), icu_fold(word)) << "U+" << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(TextFold, SwedishAndMixedWordsFoldAsIcuDoes) {
  const std::vector<std::string> words = {"Växjö", "ÅRE", "Östergötland", "Straße", "Ærø", "MÜLLER", "Café",
                                          "E-HÄLSA", "ÖÄÅéü", "Ⅻ", "ﬁber", "Ǆ", "İstanbul", "ΣΊΣΥΦΟΣ",
                                          "a\xC3", "x\xC3\x28", "tom\xC2\xADrum", "１２３ＡＢ"};
  for (const std::string& w : words) EXPECT_EQ(text::fold_case(w), icu_fold(w)) << w;
  // Random mixtures of ASCII, Latin-1 and a few other letters.
  const std::vector<std::string> pieces = {"a", "Z", "å", "Ä", "ö", "Ö", "é", "É", "ß", "×", "ÿ", "Þ", "ð", "ł", "Ł",
                                           "ŉ", "μ", "µ", "ﬀ", " ", "-", "7"};
  std::mt19937 rng(5);
  for (int i = 0; i < 2000; ++i) {
    std::string w;
    for (int k = 1 + static_cast<int>(rng() % 8); k > 0; --k) w += pieces[rng() % pieces.size()];
    EXPECT_EQ(text::fold_case(w), icu_fold(w)) << w;
  }
}

// text::nfc leaves text of code points below U+0300 as it is, without ICU: that holds
// only if every such code point is NFC_Quick_Check=Yes with combining class 0.
TEST(TextFold, LocalFoldingIsThatOfEveryPartCutAtAnAsciiByte) {
  const std::string text = "Samverkan MED Örebro. Linnéuniversitetet ÅÄÖ åäö\nÉÈ Ü x";
  ASSERT_TRUE(text::fold_case_is_local(text));
  const std::string whole = text::fold_case(text);
  ASSERT_EQ(whole.size(), text.size());
  for (std::size_t a = 0; a <= text.size(); ++a) {
    for (std::size_t b = a; b <= text.size(); ++b) {
      const bool cut_a = a == 0 || a == text.size() || static_cast<unsigned char>(text[a]) < 0x80;
      const bool cut_b = b == text.size() || static_cast<unsigned char>(text[b]) < 0x80;
      if (!cut_a || !cut_b) continue;
      ASSERT_EQ(text::fold_case(text.substr(a, b - a)), whole.substr(a, b - a)) << a << " " << b;
    }
  }
  // ß folds to "ss", × and ÷ are not letters, other scripts go through ICU.
  for (const char* other : {"Straße", "2×3", "6÷2", "Ωmega", "caf\xC3", "\xE2\x80\x93"}) {
    EXPECT_FALSE(text::fold_case_is_local(other)) << other;
  }
  EXPECT_TRUE(text::fold_case_is_local(""));
}

TEST(TextNfc, CodePointsBelowTheCombiningMarksAreNfcAsTheyStand) {
  for (UChar32 cp = 1; cp < 0x300; ++cp) {
    EXPECT_EQ(u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK), UNORM_YES) << std::hex << cp;
    EXPECT_EQ(u_getCombiningClass(cp), 0) << std::hex << cp;
  }
}

TEST(TextNfc, SameAsIcuOnMixturesOfLatinCombiningMarksAndBrokenBytes) {
  const std::vector<std::string> words = {"Växjö", "A\xCC\x8A", "e\xCC\x81t", "Å", "ǅ", "ʰ", "\xCB\xBF",
                                          "\xCC\x80", "\xC3", "x\xC3\x28", "\xC0\xAF", "\x80", "\xEF\xBB\xBF",
                                          "한", "\xE1\x84\x92\xE1\x85\xA1", "Ω", "Å", ""};
  for (const std::string& w : words) EXPECT_EQ(text::nfc(w), icu_nfc(w)) << w;
  const std::vector<std::string> pieces = {"a", "Z", " ", "å", "Ä", "ö", "é", "ǅ", "ʰ", "\xCC\x8A", "\xCC\x88",
                                           "\xCD\x85", "\xC3", "\xA5", "\xC1\x81", "Å", "€", "\xF0\x9F\x98\x80"};
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string w;
    for (int k = 1 + static_cast<int>(rng() % 8); k > 0; --k) w += pieces[rng() % pieces.size()];
    EXPECT_EQ(text::nfc(w), icu_nfc(w)) << w;
  }
}

TEST(DiacriticRespellings, EveryRespellingOnceAndNotTheWordItself) {
  const std::vector<std::string> got = text::diacritic_respellings("malo", 100);
  // a: 3 choices, o: 2 choices -> 6 spellings, the word itself left out.
  const std::vector<std::string> want = {"målo", "mälo", "malö", "målö", "mälö"};
  EXPECT_EQ(std::multiset<std::string>(got.begin(), got.end()), std::multiset<std::string>(want.begin(), want.end()));
  for (const std::string& s : text::diacritic_respellings("vaxjo", 100)) EXPECT_EQ(text::strip_diacritics(s), "vaxjo") << s;
  EXPECT_NE(std::find(got.begin(), got.end(), "mälö"), got.end());
  EXPECT_TRUE(text::diacritic_respellings("sky", 100).empty());  // no letter to respell
}

TEST(DiacriticRespellings, NoneWhenThereWouldBeMoreThanTheLimit) {
  EXPECT_EQ(text::diacritic_respellings("aaa", 27).size(), 26u);
  EXPECT_TRUE(text::diacritic_respellings("aaaa", 27).empty());  // 81 spellings
}

}  // namespace
}  // namespace fynd
