#include "text_decoder.h"

#include <gtest/gtest.h>

#include "error.h"

namespace fynd {
namespace {

TEST(TextDecoder, Utf8PassesThrough) {
  const DecodedText d = TextDecoder().decode("Växjö kommun", "a.txt");
  EXPECT_EQ(d.text, "Växjö kommun");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(TextDecoder, Utf8BomIsStripped) {
  const DecodedText d = TextDecoder().decode("\xEF\xBB\xBFÖrebro", "a.txt");
  EXPECT_EQ(d.text, "Örebro");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(TextDecoder, Latin1SwedishBecomesUtf8) {
  // "Växjö kommun, Åsa Öberg, här är vår projektbeskrivning" in ISO-8859-1.
  const std::string latin1 =
      "V\xE4xj\xF6 kommun driver projektet tillsammans med \xC5sa \xD6" "berg. "
      "H\xE4r \xE4r v\xE5r projektbeskrivning f\xF6r regionen.\n";
  const DecodedText d = TextDecoder().decode(latin1, "latin1.txt");
  EXPECT_EQ(d.text.rfind("Växjö kommun", 0), 0U) << d.text;
  EXPECT_NE(d.text.find("Åsa Öberg"), std::string::npos);
  EXPECT_NE(d.text.find("Här är vår"), std::string::npos);
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.replaced, 0U);
}

TEST(TextDecoder, Windows1252QuotesAndDashes) {
  const std::string cp1252 = "\x93Gr\xF6na st\xE4" "der\x94 \x96 ett projekt i V\xE4xj\xF6 kommun med m\xE5nga partner.";
  const DecodedText d = TextDecoder().decode(cp1252, "cp.txt");
  EXPECT_EQ(d.text, "“Gröna städer” – ett projekt i Växjö kommun med många partner.");
}

TEST(TextDecoder, Utf16WithBom) {
  const std::string le("\xFF\xFE" "V\0\xE4\0x\0j\0\xF6\0", 12);
  const DecodedText d = TextDecoder().decode(le, "le.txt");
  EXPECT_EQ(d.text, "Växjö");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  const std::string be("\xFE\xFF" "\0V\0\xE4\0x\0j\0\xF6", 12);
  EXPECT_EQ(TextDecoder().decode(be, "be.txt").text, "Växjö");
}

TEST(TextDecoder, Utf16WithoutBomIsNotBinary) {
  std::string le;
  for (char c : std::string("Projektet i Kalmar kommun")) {
    le.push_back(c);
    le.push_back('\0');
  }
  EXPECT_FALSE(TextDecoder::looks_binary(le));
  EXPECT_EQ(TextDecoder().decode(le, "x.txt").text, "Projektet i Kalmar kommun");
}

TEST(TextDecoder, InvalidBytesAreReportedNotFatal) {
  // Mostly UTF-8 with a stray continuation byte and a truncated sequence.
  const std::string bad = "Projektet i Växjö kommun \x80 pågår \xC3";
  DecodedText d;
  ASSERT_NO_THROW(d = TextDecoder().decode(bad, "bad.txt"));
  EXPECT_FALSE(d.text.empty());
  EXPECT_NE(d.text.find("Projektet"), std::string::npos);
  if (d.encoding == "UTF-8") {
    EXPECT_GE(d.replaced, 1U);
    ASSERT_FALSE(d.warnings.empty());
    EXPECT_NE(d.warnings.front().find("bad.txt"), std::string::npos);
    EXPECT_NE(d.warnings.front().find("replaced"), std::string::npos);
  }
}

TEST(TextDecoder, UndefinedUtf8BytesCountedWhenForced) {
  std::size_t replaced = 0;
  const std::string out = TextDecoder::convert("a\xFF" "b\xFE" "c", "UTF-8", replaced);
  EXPECT_EQ(replaced, 2U);
  EXPECT_EQ(out, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
}

TEST(TextDecoder, BinaryIsAnInputError) {
  const std::string bin("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0", 20);
  EXPECT_TRUE(TextDecoder::looks_binary(bin));
  try {
    TextDecoder().decode(bin, "bild.png");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("binary file"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("bild.png"), std::string::npos);
  }
}

TEST(TextDecoder, OutputIsNfc) {
  // "ö" as o + combining diaeresis becomes the single code point.
  const DecodedText d = TextDecoder().decode("Vaxjo\xCC\x88", "nfd.txt");
  EXPECT_EQ(d.text, "Vaxjö");
}

}  // namespace
}  // namespace fynd
