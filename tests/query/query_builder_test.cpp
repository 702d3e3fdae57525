#include "query_builder.h"

#include <gtest/gtest.h>

#include "error.h"
#include "schema.h"

namespace fynd {
namespace {

class QueryBuilderTest : public ::testing::Test {
 protected:
  std::string describe(std::string_view q) const { return builder_.parse(q).query.get_description(); }
  bool has_term(std::string_view q, const std::string& term) const {
    const Xapian::Query query = builder_.parse(q).query;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
      if (*it == term) return true;
    }
    return false;
  }
  void expect_error(std::string_view q, const std::string& fragment) const {
    try {
      builder_.parse(q);
      ADD_FAILURE() << "no QueryError for: " << q;
    } catch (const QueryError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(fragment), std::string::npos) << "message: " << msg;
      EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
    }
  }

  Analyzer analyzer_;
  QueryBuilder builder_{analyzer_};
};

TEST_F(QueryBuilderTest, WordMatchesStemAndBoostedSurface) {
  const std::string d = describe("kommunen");
  EXPECT_TRUE(has_term("kommunen", "kommunen"));
  EXPECT_TRUE(has_term("kommunen", "Z" + analyzer_.stem("kommunen")));
  EXPECT_NE(d.find("OR"), std::string::npos) << d;
  EXPECT_NE(d.find("1.5 *"), std::string::npos) << d;
}

TEST_F(QueryBuilderTest, ShortQueriesAreAndedLongOnesOred) {
  ParsedQuery short_q = builder_.parse("bredband landsbygd företag");
  EXPECT_FALSE(short_q.implicit_or);
  EXPECT_NE(short_q.query.get_description().find(" AND "), std::string::npos);
  ParsedQuery long_q =
      builder_.parse("Vi vill bygga bredband på landsbygden för att små företag ska kunna växa och anställa fler");
  EXPECT_TRUE(long_q.implicit_or);
  EXPECT_EQ(long_q.query.get_description().find(" AND "), std::string::npos) << long_q.query.get_description();
  // Ranked by stems: the exact forms are not boosted (nor searched) in a long query.
  EXPECT_NE(short_q.query.get_description().find("1.5 * bredband"), std::string::npos) << short_q.query.get_description();
  EXPECT_EQ(long_q.query.get_description().find("1.5 * "), std::string::npos) << long_q.query.get_description();
}

TEST_F(QueryBuilderTest, PhrasesKeepStopWords) {
  const std::string d = describe("\"bredband på landsbygden\"");
  EXPECT_NE(d.find("PHRASE 3"), std::string::npos) << d;
  EXPECT_TRUE(has_term("\"bredband på landsbygden\"", "på"));
}

TEST_F(QueryBuilderTest, HyphenatedWordBecomesPhrase) {
  const std::string d = describe("ESF-stöd");
  EXPECT_NE(d.find("PHRASE 2"), std::string::npos) << d;
  EXPECT_TRUE(has_term("ESF-stöd", "esf"));
}

TEST_F(QueryBuilderTest, StopWordsDroppedUnlessAlone) {
  EXPECT_FALSE(has_term("bredband och fiber", "och"));
  EXPECT_TRUE(has_term("och", "och"));
  EXPECT_TRUE(has_term("och det", "det"));
}

TEST_F(QueryBuilderTest, BooleanOperators) {
  EXPECT_NE(describe("bredband OR fiber").find(" OR "), std::string::npos);
  EXPECT_NE(describe("bredband NOT fiber").find("AND_NOT"), std::string::npos);
  EXPECT_NE(describe("bredband -fiber").find("AND_NOT"), std::string::npos);
  EXPECT_NE(describe("NOT fiber").find("AND_NOT"), std::string::npos);
  EXPECT_NE(describe("bredband AND fiber").find(" AND "), std::string::npos);
  EXPECT_NE(describe("(bredband OR fiber) kommun").find(" AND "), std::string::npos);
  EXPECT_NE(describe("bredband ELLER fiber").find(" OR "), std::string::npos);
}

TEST_F(QueryBuilderTest, RequiredWordsStayRequiredInLongQueries) {
  const std::string d =
      describe("+bredband vi vill bygga nät på landsbygden för att små företag ska kunna växa och anställa fler");
  EXPECT_NE(d.find("AND_MAYBE"), std::string::npos) << d;
}

TEST_F(QueryBuilderTest, WildcardOnSurfaceAndStem) {
  const ParsedQuery q = builder_.parse("bredband*");
  const std::string d = q.query.get_description();
  EXPECT_NE(d.find("WILDCARD SYNONYM bredband"), std::string::npos) << d;
  EXPECT_NE(d.find("WILDCARD SYNONYM Zbredband"), std::string::npos) << d;
  ASSERT_EQ(q.highlight_prefixes.size(), 1u);
  EXPECT_EQ(q.highlight_prefixes[0], "bredband");
}

TEST_F(QueryBuilderTest, Fields) {
  EXPECT_TRUE(has_term("title:bredband", "Sbredband"));
  EXPECT_NE(describe("title:\"unga in\"").find("PHRASE"), std::string::npos);
  // Facet values go through the resolver: the acronym filters by the canonical funder.
  EXPECT_TRUE(has_term("funder:ERUF", Schema::facet_term(Facet::Funder, "Europeiska regionala utvecklingsfonden")));
  EXPECT_TRUE(has_term("region:\"Jönköpings län\"", Schema::facet_term(Facet::Region, "Jönköpings län")));
  EXPECT_TRUE(has_term("region:Värmland", Schema::facet_term(Facet::Region, "Värmlands län")));
  EXPECT_TRUE(has_term("theme:digitalisering", Schema::facet_term(Facet::Theme, "bredband och digitalisering")));
  EXPECT_TRUE(has_term("theme:energi", Schema::facet_term(Facet::Theme, "energi")));
  // A value that matches nothing still filters (to nothing) and is reported.
  EXPECT_TRUE(has_term("region:Värmlnd", Schema::facet_term(Facet::Region, "Värmlnd")));
  const ParsedQuery unmatched = QueryBuilder(analyzer_).parse("bredband region:Värmlnd");
  ASSERT_EQ(unmatched.filter_suggestions.size(), 1u);
  EXPECT_EQ(unmatched.filter_suggestions[0].value, "Värmlnd");
  const ParsedQuery matched = QueryBuilder(analyzer_).parse("funder:ESF -region:Skåne");
  EXPECT_EQ(matched.field_selections.at(Facet::Funder), std::vector<std::string>{"Europeiska socialfonden"});
  EXPECT_EQ(matched.field_selections.count(Facet::Region), 0u) << "a NOT-ed field selects nothing";
  EXPECT_TRUE(has_term("year:2020", "XYEAR:2020"));
  EXPECT_TRUE(has_term("year:2018..2021", "XYEAR:2019"));
  EXPECT_FALSE(has_term("year:2018..2021", "XYEAR:2022"));
  EXPECT_TRUE(has_term("bredband region:Gotland", "XREGION:gotland"));
}

TEST_F(QueryBuilderTest, GenitiveAndUrlsAreNotFields) {
  EXPECT_NO_THROW(builder_.parse("FN:s mål"));
  EXPECT_NO_THROW(builder_.parse("https://example.se"));
}

TEST_F(QueryBuilderTest, MalformedQueriesThrowClearErrors) {
  expect_error("\"bredband på", "unbalanced quote");
  expect_error("(bredband OR fiber", "missing ')'");
  expect_error("bredband)", "unexpected ')'");
  expect_error("bredband OR", "OR needs a term");
  expect_error("OR bredband", "OR needs a term");
  expect_error("bredband AND", "AND needs a term");
  expect_error("NOT", "NOT needs a term");
  expect_error("colour:red", "unknown field 'colour:'");
  expect_error("year:20x0", "year:");
  expect_error("year:2021..2018", "ends before it starts");
  expect_error("year:..", "bad range");
  expect_error("region:", "needs a value");
  expect_error("()", "empty parentheses");
}

TEST_F(QueryBuilderTest, BlankQueryMatchesAll) {
  const ParsedQuery q = builder_.parse("   ");
  EXPECT_TRUE(q.blank);
  EXPECT_EQ(q.query.get_description(), Xapian::Query(Xapian::Query::MatchAll).get_description());
}

TEST_F(QueryBuilderTest, FiltersOrWithinAndAcross) {
  SearchRequest r;
  r.filters[Facet::Funder] = {"A", "B"};
  r.filters[Facet::Year] = {"2020"};
  const std::string d = builder_.filter(r)->get_description();
  EXPECT_NE(d.find("XFUNDER:a OR XFUNDER:b"), std::string::npos) << d;
  EXPECT_NE(d.find("XYEAR:2020"), std::string::npos) << d;
  EXPECT_FALSE(builder_.filter(SearchRequest{}).has_value());
  const std::string without = builder_.filter(r, Facet::Funder)->get_description();
  EXPECT_EQ(without.find("XFUNDER"), std::string::npos) << without;
}

TEST_F(QueryBuilderTest, BadRangesInRequestThrow) {
  SearchRequest r;
  r.year_from = 2021;
  r.year_to = 2018;
  EXPECT_THROW(builder_.filter(r), QueryError);
  SearchRequest b;
  b.budget_min = 10;
  b.budget_max = 5;
  EXPECT_THROW(builder_.filter(b), QueryError);
}

TEST_F(QueryBuilderTest, HighlightTermsExcludeNegatedWords) {
  const ParsedQuery q = builder_.parse("bredband -fiber");
  EXPECT_EQ(q.highlight_terms.count("bredband"), 1u);
  EXPECT_EQ(q.highlight_terms.count("fiber"), 0u);
}

}  // namespace
}  // namespace fynd
