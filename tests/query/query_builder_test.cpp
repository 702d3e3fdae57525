#include "query_builder.h"

#include <gtest/gtest.h>

#include "error.h"
#include "schema.h"
#include "test_support.h"

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

/// A small index of one-line texts (ids t0, t1, ...) for queries that consult the index.
class QueryBuilderIndexTest : public ::testing::Test {
 protected:
  /// Also adds kFiller texts without any of the test's words, so that, as in a real index,
  /// each word is in a small share of the documents.
  void index(const std::vector<std::string>& texts) {
    Xapian::WritableDatabase w((test::temp_dir() / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < kFiller; ++i) {
      Xapian::Document doc;
      Xapian::termpos pos = 0;
      analyzer_.index_text(doc, "Bredband och fiber till byarna, nummer " + std::to_string(i), Field::Body, pos);
      doc.set_data("filler");
      w.add_document(doc);
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      Xapian::Document doc;
      Xapian::termpos pos = 0;
      analyzer_.index_text(doc, texts[i], Field::Body, pos);
      doc.set_data("t" + std::to_string(i));
      w.add_document(doc);
    }
    w.commit();
    db_ = w;
  }
  /// The ids of the matches, best first.
  std::vector<std::string> search(const std::string& q) const {
    const QueryBuilder builder(analyzer_, &db_);
    Xapian::Enquire e(db_);
    e.set_query(builder.parse(q).query);
    std::vector<std::string> out;
    const Xapian::MSet m = e.get_mset(0, 100);
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(it.get_document().get_data());
    return out;
  }

  static constexpr int kFiller = 20;
  Analyzer analyzer_;
  Xapian::Database db_;
};

TEST_F(QueryBuilderIndexTest, PhraseMatchesInflectionsWithTheExactFormFirst) {
  index({"Vi har kommunala partnerskapet med Stellenbosch.",   // t0 inflected
         "Ett kommunalt partnerskap med Vushtrri.",            // t1 exact
         "Partnerskap: kommunalt och regionalt.",              // t2 words apart
         "Satsningen gäller hållbara energisystem i länet.",  // t3 compound beginning with the word
         "Satsningen gäller hållbar energi i länet.",          // t4 exact
         "Kommunikation och partnerskap."});                   // t5 shares a prefix only
  const std::vector<std::string> partnerskap = search("\"kommunalt partnerskap\"");
  EXPECT_EQ(partnerskap, (std::vector<std::string>{"t1", "t0"}));
  const std::vector<std::string> energi = search("\"hållbar energi\"");
  EXPECT_EQ(energi, (std::vector<std::string>{"t4", "t3"}));
  // The inflected text is marked in snippets too.
  const QueryBuilder builder(analyzer_, &db_);
  const ParsedQuery parsed = builder.parse("\"kommunalt partnerskap\"");
  EXPECT_EQ(parsed.highlight_terms.count("kommunala"), 1u);
  EXPECT_EQ(parsed.highlight_terms.count("partnerskapet"), 1u);
  // Without an index the phrase is the exact words only.
  EXPECT_EQ(QueryBuilder(analyzer_).parse("\"kommunalt partnerskap\"").query.get_description().find(" OR "),
            std::string::npos);
}

TEST_F(QueryBuilderIndexTest, IndexedFormsAreBoundedAndInflectionsComeFirst) {
  std::vector<std::string> texts{"om energi", "om energin", "om solenergi", "om energisk"};
  for (const std::string head : {"system", "bolag", "plan", "kontor", "råd", "mål", "frågor", "företag", "lösningar",
                                 "teknik", "skatt", "användning", "effektivisering", "besparing", "källa", "pris",
                                 "kostnad", "förbrukning", "produktion", "lagring", "omställning", "politik",
                                 "strategi", "kartläggning", "rådgivning", "sektor", "marknad", "forskning",
                                 "centrum", "behov", "bransch", "anläggning", "lager", "kluster", "program",
                                 "projekt", "utbildning", "brist", "krav", "mätning", "konsult", "säkerhet",
                                 "tillförsel", "fråga", "område", "frågan"}) {
    texts.push_back("om energi" + head);
  }
  index(texts);
  const QueryBuilder builder(analyzer_, &db_);
  const Token energi = analyzer_.tokenize("energi").front();
  const std::vector<std::string> forms = builder.indexed_forms(energi, "", true);
  EXPECT_EQ(forms.size(), QueryBuilder::kMaxForms);  // more compounds are in the index
  EXPECT_EQ(forms[0], "energi");
  EXPECT_EQ(forms[1], "energin");
  EXPECT_EQ(std::count(forms.begin(), forms.end(), "solenergi"), 0);
  EXPECT_EQ(std::count(forms.begin(), forms.end(), "energisk"), 0);
  const std::vector<std::string> inflections = builder.indexed_forms(energi, "", false);
  EXPECT_EQ(inflections, (std::vector<std::string>{"energi", "energin"}));
}

TEST_F(QueryBuilderIndexTest, HyphenatedAndClosedSpellingsFindEachOther) {
  index({"Satsningar på e-hälsa i länet.",  // t0
         "Arbete med ehälsa i länet.",      // t1
         "Arbete med eHälsa i länet.",      // t2
         "Hälsa för alla, e och f.",        // t3 neither
         "Ett samlat e-hälsoarbete.",       // t4 a compound beginning with the word, hyphenated
         "Nya eHälsotjänster i vården."});  // t5 the same, closed
  for (const std::string q : {"e-hälsa", "ehälsa", "eHälsa", "E-Hälsa"}) {
    std::vector<std::string> hits = search(q);
    ASSERT_EQ(hits.size(), 5u) << q;
    EXPECT_NE(hits[0], "t4") << q;  // the compounds after the word itself
    EXPECT_NE(hits[0], "t5") << q;
    std::sort(hits.begin(), hits.end());
    EXPECT_EQ(hits, (std::vector<std::string>{"t0", "t1", "t2", "t4", "t5"})) << q;
  }
}

TEST_F(QueryBuilderIndexTest, RareCompoundAlsoSearchesItsPartsNearEachOther) {
  index({"Solenergi i skolan.",                                                       // t0 the word
         "Energi från solen på skolans tak.",                                         // t1 parts near
         "Solen lyste över ängarna och fälten hela sommaren medan barnen lekte vid "
         "stranden och de vuxna talade om helt andra saker, till slut om energi.",   // t2 parts far apart
         "Vindkraft och vatten."});                                                   // t3 neither
  // The word first, then its parts near each other; parts far apart are no match.
  EXPECT_EQ(search("solenergi"), (std::vector<std::string>{"t0", "t1"}));
  const QueryBuilder builder(analyzer_, &db_);
  const std::vector<Token> parts = builder.rare_compound_parts(analyzer_.tokenize("solenergi").front());
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].surface, "sol");
  EXPECT_EQ(parts[1].surface, "energi");
  // Not for a simple word, and not without an index.
  EXPECT_TRUE(builder.rare_compound_parts(analyzer_.tokenize("skolan").front()).empty());
  EXPECT_TRUE(QueryBuilder(analyzer_).rare_compound_parts(analyzer_.tokenize("solenergi").front()).empty());
}

TEST_F(QueryBuilderIndexTest, CommonCompoundDoesNotSearchItsParts) {
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < QueryBuilder::kRareCompoundDocs; ++i) texts.push_back("Solenergi nummer " + std::to_string(i));
  texts.push_back("Energi från solen.");
  index(texts);
  const QueryBuilder builder(analyzer_, &db_);
  EXPECT_TRUE(builder.rare_compound_parts(analyzer_.tokenize("solenergi").front()).empty());
  EXPECT_EQ(builder.parse("solenergi").query.get_description().find("NEAR"), std::string::npos);
}

}  // namespace
}  // namespace fynd
