// Phrases (quoted, across inflections and compounds, from a synonym, beside other words,
// with a filter) on one index and over two local shards: the MatchSet path of
// Searcher::search (exact set, ranking run with check_at_least = the page) must give the
// totals, hits, weights, scores and facets of the full weighted pass, and the set of the
// built query must be Xapian's.
#include "match_set.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "query_builder.h"
#include "schema.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

/// Texts where the phrases occur, and where their words occur apart (so that checking the
/// positions decides: MatchSetOfBuiltPhrasesIsXapians checks that it does).
std::vector<Project> corpus(std::size_t n, unsigned seed) {
  const std::vector<std::string> words = {"små",       "och",         "medelstora", "företag",  "företagen",
                                          "kommunala", "kommunalt",   "partnerskap", "partnerskapet", "energi",
                                          "i",         "regionen",    "stöd"};
  const std::vector<std::string> phrases = {"små och medelstora företag", "kommunala partnerskapet",
                                            "kommunalt partnerskap", "små och medelstora företagen"};
  const std::vector<std::string> funders = {"Europeiska regionala utvecklingsfonden", "Europeiska socialfonden"};
  std::mt19937 rng(seed);
  std::vector<Project> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 12; ++w) {
      text += words[rng() % words.size()] + " ";
      if (w == 5 && rng() % 3 == 0) text += phrases[rng() % phrases.size()] + " ";
    }
    out.push_back(test::make_project("p" + std::to_string(seed) + "-" + std::to_string(i), "Projekt " + std::to_string(i),
                                     text, {funders[rng() % funders.size()]}, {}, {2015 + static_cast<int>(rng() % 4)}));
  }
  return out;
}

class PhraseSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::filesystem::path(test::temp_dir());
    const auto one = corpus(150, 21);
    const auto two = corpus(120, 22);
    test::build_index(*root_ / "whole", one);
    test::add_to_index(*root_ / "whole", two);
    test::build_index(*root_ / "sharded" / "shard1", one);
    test::build_index(*root_ / "sharded" / "shard2", two);
  }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static Xapian::Database open(const char* index) {
    if (std::string(index) == "whole") return Xapian::Database((*root_ / "whole").string());
    Xapian::Database db((*root_ / "sharded" / "shard1").string());
    db.add_database(Xapian::Database((*root_ / "sharded" / "shard2").string()));
    return db;
  }
  static std::filesystem::path* root_;
};

std::filesystem::path* PhraseSearchTest::root_ = nullptr;

std::vector<Xapian::docid> xapian_docids(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet all = e.get_mset(0, db.get_doccount() + 1);
  std::vector<Xapian::docid> out;
  for (auto it = all.begin(); it != all.end(); ++it) out.push_back(*it);
  return out;
}

const std::vector<std::string> kTexts = {"\"små och medelstora företag\"", "smf", "\"kommunalt partnerskap\"",
                                         "\"små och medelstora företag\" energi", "smf OR regionen",
                                         "\"kommunala partnerskap\" -energi", "sme stöd"};

TEST_F(PhraseSearchTest, MatchSetOfBuiltPhrasesIsXapians) {
  static const Analyzer analyzer;
  for (const char* index : {"whole", "sharded"}) {
    SCOPED_TRACE(index);
    const Xapian::Database db = open(index);
    const QueryBuilder builder(analyzer, &db);
    // The corpus has the phrase's words apart too: the positions decide.
    const std::vector<Xapian::Query> words = {Xapian::Query("små"), Xapian::Query("och"), Xapian::Query("medelstora"),
                                              Xapian::Query("företag")};
    const auto phrase = xapian_docids(db, Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 4));
    EXPECT_GT(phrase.size(), 0u);
    EXPECT_LT(phrase.size(), xapian_docids(db, Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end())).size());
    for (const std::string& text : kTexts) {
      for (int filtered = 0; filtered < 2; ++filtered) {
        SCOPED_TRACE(text + (filtered ? " funder ESF" : ""));
        SearchRequest r;
        if (filtered) r.filters[Facet::Funder] = {"Europeiska socialfonden"};
        const Xapian::Query q = QueryBuilder::apply_filter(builder.parse(text).query, builder.filter(r));
        ASSERT_NE(q.get_description().find("PHRASE"), std::string::npos) << q.get_description();
        const std::vector<Xapian::docid> want = xapian_docids(db, q);
        EXPECT_GT(want.size(), 0u);
        EXPECT_EQ(MatchSet::evaluate(db, q)->docids(), want) << q.get_description();
      }
    }
  }
}

/// Searcher::search (MatchSet path) against the full weighted pass (SlotCounts): totals,
/// hits in order with their weights and scores, facets.
TEST_F(PhraseSearchTest, SearchEqualsTheFullPass) {
  for (const char* index : {"whole", "sharded"}) {
    SCOPED_TRACE(index);
    const std::filesystem::path dir = std::string(index) == "whole" ? *root_ / "whole" : *root_ / "sharded";
    const Searcher fast(dir);
    Searcher full(dir);
    full.set_facet_counting(FacetCounting::SlotCounts);
    for (const std::string& text : kTexts) {
      for (int filtered = 0; filtered < 2; ++filtered) {
        SearchRequest r;
        r.query = text;
        r.limit = 50;
        r.snippets = false;
        r.spelling = false;
        r.facets.assign(kAllFacets.begin(), kAllFacets.end());
        if (filtered) r.filters[Facet::Funder] = {"Europeiska socialfonden"};
        SCOPED_TRACE(text + (filtered ? " funder ESF" : ""));
        const SearchResult a = fast.search(r);
        const SearchResult b = full.search(r);
        EXPECT_EQ(a.total, b.total);
        EXPECT_GT(a.total, 0u);
        ASSERT_EQ(a.hits.size(), b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
          EXPECT_EQ(a.hits[i].id, b.hits[i].id) << "rank " << i + 1;
          EXPECT_NEAR(a.hits[i].weight, b.hits[i].weight, 1e-9) << "rank " << i + 1;
          EXPECT_EQ(a.hits[i].score, b.hits[i].score) << "rank " << i + 1;
        }
        test::expect_same_facets(a.facets, b.facets);
      }
    }
  }
}

}  // namespace
}  // namespace fynd
