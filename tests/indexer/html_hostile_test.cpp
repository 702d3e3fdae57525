// HTML built to hurt the parser: deep nesting, unclosed tags, huge attribute soup.
#include <gtest/gtest.h>

#include <string>

#include "readers/html_reader.h"

namespace fynd {
namespace {

std::string nested_divs(std::size_t n, const std::string& inner) {
  std::string html = "<!doctype html><html><head><title>Djup sida</title></head><body><h1>Projekt i Växjö</h1>";
  for (std::size_t i = 0; i < n; ++i) html += "<div class=\"a\">";
  html += inner;
  for (std::size_t i = 0; i < n; ++i) html += "</div>";
  html += "<p>Slutord om hållbar stad.</p></body></html>";
  return html;
}

TEST(HtmlNesting, ShallowPagesAreUntouched) {
  std::string html = nested_divs(40, "<p>text</p>") + "<ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src=x>";
  const std::string before = html;
  EXPECT_EQ(cap_nesting(html, kMaxHtmlDepth), 0U);
  EXPECT_EQ(html, before);
}

TEST(HtmlNesting, TagsBelowTheCapAreRemovedTextKept) {
  std::string html = "<div><div><div><b>djup</b> text</div></div></div><p>efter</p>";
  EXPECT_EQ(cap_nesting(html, 2), 4U);  // the third div and the b, each open and close
  EXPECT_EQ(html, "<div><div>djup text</div></div><p>efter</p>");
}

TEST(HtmlNesting, CommentsScriptsAndQuotedBracketsDoNotCount) {
  std::string html =
      "<div title=\"a > b\"><!-- <div><div><div> --><script>if (a < b) { x = '<div><div><div>'; }</script>"
      "<style>div > p { }</style><div>ok</div></div>";
  EXPECT_EQ(cap_nesting(html, 2), 0U);
}

TEST(HtmlReader, TwoHundredThousandNestedDivsAreReadWithAWarning) {
  // 200,000 nested <div>s (~3 MB): crashed the reader (stack) after minutes in the parser.
  const std::string html = nested_divs(200000, "<p>Projektet pågår i Kronobergs län.</p>");
  const HtmlReader reader;
  std::vector<RawDocument> docs;
  ASSERT_NO_THROW(docs = reader.read("djup.html", html));
  ASSERT_EQ(docs.size(), 1U);
  const RawDocument& doc = docs[0];
  EXPECT_EQ(doc.title, "Djup sida");
  EXPECT_NE(doc.text.find("Projekt i Växjö"), std::string::npos);
  EXPECT_NE(doc.text.find("Projektet pågår i Kronobergs län."), std::string::npos);
  EXPECT_NE(doc.text.find("Slutord om hållbar stad."), std::string::npos);
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_NE(doc.warnings.back().find("djup.html: HTML nested deeper than 256 elements"), std::string::npos)
      << doc.warnings.back();
}

TEST(HtmlReader, DeepInlineNestingBelowTheCapKeepsBlocks) {
  // 250 nested <span>s are legal and kept: the iterative walk handles any depth gumbo builds.
  std::string html = "<html><body><h2>Rubrik</h2>";
  for (int i = 0; i < 250; ++i) html += "<span>";
  html += "Djup men giltig text";
  for (int i = 0; i < 250; ++i) html += "</span>";
  html += "<p>Stycke två</p></body></html>";
  const auto docs = HtmlReader().read("spann.html", html);
  ASSERT_EQ(docs.size(), 1U);
  ASSERT_GE(docs[0].blocks.size(), 3U);
  EXPECT_EQ(docs[0].blocks[0].type, BlockType::Heading);
  EXPECT_EQ(docs[0].blocks[1].text, "Djup men giltig text");
  EXPECT_EQ(docs[0].blocks[2].text, "Stycke två");
  EXPECT_TRUE(docs[0].warnings.empty());
}

}  // namespace
}  // namespace fynd
