#include "text_decoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

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

TEST(TextDecoder, BomBehindDroppedControlsOrDoubledIsStripped) {
  // A control byte before the mark is dropped first; the mark must not stay as text.
  const std::string text = "Örebro kommun driver projektet tillsammans med regionen.";
  EXPECT_EQ(TextDecoder().decode("\x01\xEF\xBB\xBF" + text, "a.txt").text, text);
  EXPECT_EQ(TextDecoder().decode("\xEF\xBB\xBF\xEF\xBB\xBFÖrebro", "a.txt").text, "Örebro");
  // UTF-16 behind NULs: fuzz/regressions/text_decoder/bom_after_nuls_utf16.
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

/// A Swedish paragraph with many å/ä/ö, as a real project text has.
std::string swedish_paragraph() {
  return "Projektet i Växjö kommun ska utveckla hållbar stadsplanering tillsammans med "
         "Linnéuniversitetet. Målgruppen är företag i Kronobergs län som vill minska sin "
         "energianvändning, och projektet pågår till år 2020 med stöd från Europeiska "
         "regionala utvecklingsfonden. Även skolor och föreningar får delta i arbetet.\n";
}

TEST(TextDecoder, MostlyValidUtf8StaysUtf8WithReplacements) {
  // Two damaged sequences (a stray continuation byte, a truncated "ä") in UTF-8 text:
  // read as UTF-8, not as windows-1252 mojibake ("VÃ¤xjÃ¶").
  const std::string text = swedish_paragraph() + "Trasig \x80 byte och halv \xC3 bokstav. " + swedish_paragraph();
  const DecodedText d = TextDecoder().decode(text, "halvtrasig.txt");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 2U);
  EXPECT_NE(d.text.find("Växjö kommun"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("hållbar"), std::string::npos);
  EXPECT_EQ(d.text.find("Ã"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("Trasig \xEF\xBF\xBD byte"), std::string::npos);
  ASSERT_EQ(d.warnings.size(), 1U);
  EXPECT_NE(d.warnings[0].find("halvtrasig.txt: 2 undecodable byte sequences replaced"), std::string::npos)
      << d.warnings[0];
}

TEST(TextDecoder, Windows1252WithOneAccidentalUtf8PairIsStillWindows1252) {
  // "Ä" (0xC4) before a C1 dash (0x96) is well-formed UTF-8 by accident; the many
  // single high bytes around it still make this windows-1252.
  const std::string cp1252 =
      "V\xE4xj\xF6 kommun och L\xE4nsstyrelsen i Kronoberg: \xC4\x96 ett projekt f\xF6r "
      "h\xE5llbar utveckling, d\xE4r m\xE5nga f\xF6retag och f\xF6reningar deltar.";
  const DecodedText d = TextDecoder().decode(cp1252, "cp.txt");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_NE(d.text.find("Växjö kommun"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("hållbar utveckling"), std::string::npos);
}

TEST(TextDecoder, NulRunInsideTextIsDroppedNotTheFile) {
  std::string text = swedish_paragraph();
  text += std::string(3000, '\0');  // more than the whole first KB
  text += "Slutrapporten visar att hållbar energi är möjlig.\n";
  text.insert(0, std::string(1500, '\0'));
  EXPECT_FALSE(TextDecoder::looks_binary(text));
  DecodedText d;
  ASSERT_NO_THROW(d = TextDecoder().decode(text, "nul.txt"));
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.dropped, 4500U);
  EXPECT_EQ(d.text, swedish_paragraph() + "Slutrapporten visar att hållbar energi är möjlig.\n");
  ASSERT_EQ(d.warnings.size(), 1U);
  EXPECT_NE(d.warnings[0].find("nul.txt: 4500 NUL or control characters dropped"), std::string::npos)
      << d.warnings[0];
}

TEST(TextDecoder, NulRunInWindows1252TextIsDroppedAndDetected) {
  std::string cp1252 = "Projektet i V\xE4xj\xF6 kommun \xE4r ett samarbete f\xF6r h\xE5llbar utveckling.";
  cp1252 += std::string(2000, '\0');
  cp1252 += " M\xE5lgruppen \xE4r f\xF6retag i l\xE4net.";
  const DecodedText d = TextDecoder().decode(cp1252, "nul1252.txt");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.dropped, 2000U);
  EXPECT_EQ(d.text, "Projektet i Växjö kommun är ett samarbete för hållbar utveckling. Målgruppen är företag i länet.");
}

TEST(TextDecoder, ControlCharactersAreDroppedTabsAndPageBreaksKept) {
  const std::string text = swedish_paragraph() + "Växjö\x01 kommun\x1B[0m\tKronobergs\x7F län\fSida två\r\n";
  const DecodedText d = TextDecoder().decode(text, "ctl.txt");
  EXPECT_EQ(d.text, swedish_paragraph() + "Växjö kommun[0m\tKronobergs län\fSida två\r\n");
  EXPECT_EQ(d.dropped, 3U);
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(TextDecoder, BinaryFormatsAreStillBinary) {
  // Random bytes (a fixed linear congruential sequence), an ELF header, a file of NULs.
  std::string noise;
  std::uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245U + 12345U;
    noise.push_back(static_cast<char>((x >> 16) & 0xFF));
  }
  EXPECT_TRUE(TextDecoder::looks_binary(noise));
  EXPECT_TRUE(TextDecoder::looks_binary(std::string("\x7F" "ELF\x02\x01\x01", 7) + swedish_paragraph()));
  EXPECT_TRUE(TextDecoder::looks_binary(std::string(2048, '\0')));
  EXPECT_TRUE(TextDecoder::looks_binary(std::string("PK\x03\x04\x14\0\0\0", 8)));
  EXPECT_FALSE(TextDecoder::looks_binary(swedish_paragraph()));
  EXPECT_THROW(TextDecoder().decode(noise, "slump.txt"), InputError);
}

}  // namespace
}  // namespace fynd
