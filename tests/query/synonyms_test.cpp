#include "synonyms.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "query_builder.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(Synonyms, CompiledInGroupsLoad) {
  EXPECT_GE(Synonyms::shared().group_count(), 10u);
  const Analyzer a;
  const auto esf = Synonyms::shared().alternatives(a, a.tokenize("ESF"));
  EXPECT_TRUE(has(esf, "Socialfonden"));
  EXPECT_TRUE(has(esf, "Europeiska socialfonden"));
  EXPECT_TRUE(has(Synonyms::shared().alternatives(a, a.tokenize("socialfondens")), "ESF"));
  EXPECT_TRUE(has(Synonyms::shared().alternatives(a, a.tokenize("Europeiska socialfonden")), "ESF"));
  EXPECT_TRUE(has(Synonyms::shared().alternatives(a, a.tokenize("ERDF")), "Regionalfonden"));
  EXPECT_TRUE(has(Synonyms::shared().alternatives(a, a.tokenize("Delmos")), "Delegationen mot segregation"));
  EXPECT_TRUE(has(Synonyms::shared().alternatives(a, a.tokenize("sfi")), "svenska för invandrare"));
  EXPECT_TRUE(Synonyms::shared().alternatives(a, a.tokenize("bredband")).empty());
}

TEST(Synonyms, ParsesTabSeparatedGroupsAndComments) {
  const Synonyms s("# comment\nABC\tAlfa beta\n\nlonely\nX\tY\tZ # trailing\n");
  EXPECT_EQ(s.group_count(), 2u);
  const Analyzer a;
  EXPECT_EQ(s.alternatives(a, a.tokenize("y")), (std::vector<std::string>{"X", "Z"}));
}

TEST(Synonyms, MultiWordVariantsAreQuotedOutsideQuotesAndFields) {
  const Analyzer a;
  const auto& s = Synonyms::shared();
  EXPECT_EQ(s.quote_phrases(a, "projekt europeiska socialfonden 2019"), "projekt \"europeiska socialfonden\" 2019");
  EXPECT_EQ(s.quote_phrases(a, "\"europeiska socialfonden\""), "\"europeiska socialfonden\"");
  EXPECT_EQ(s.quote_phrases(a, "svenska för invandrare"), "\"svenska för invandrare\"");
  EXPECT_EQ(s.quote_phrases(a, "bredband i glesbygd"), "bredband i glesbygd");
}

TEST(Synonyms, SearchFindsProjectsByAnyName) {
  const auto dir = test::temp_dir();
  test::build_index(dir, {
                             test::make_project("a", "Unga i arbete", "Projektet finansieras av Europeiska socialfonden."),
                             test::make_project("b", "Jobbspår", "Ett ESF-projekt för nyanlända."),
                             test::make_project("c", "Fiber", "Regionalfonden bygger bredband."),
                             test::make_project("d", "Språk", "Kurser i svenska för invandrare (SFI)."),
                             test::make_project("e", "Trygghet", "Med stöd från Delegationen mot segregation."),
                         });
  const Searcher searcher(dir);
  auto ids = [&](const std::string& q, std::size_t n) {
    SearchRequest r;
    r.query = q;
    r.spelling = false;  // exactly what the synonyms find, no corrected or relaxed retry
    std::vector<std::string> out;
    for (const auto& h : searcher.search(r).hits) out.push_back(h.id);
    if (out.size() > n) out.resize(n);  // the best n; weaker compound-part matches may follow
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("ESF", 2), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids("socialfonden", 2), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids("europeiska socialfonden", 2), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids("ERUF", 1), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids("Delmos", 1), (std::vector<std::string>{"e"}));
  EXPECT_EQ(ids("svenska för invandrare", 1), (std::vector<std::string>{"d"}));
}

}  // namespace
}  // namespace fynd
