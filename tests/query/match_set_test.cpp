// MatchSet: the set of documents a query matches, read from posting lists, must equal the
// docids of a full BoolWeight Xapian pass of the same query, for the queries QueryBuilder
// really builds; and Searcher::search, which counts totals and facets over it, must give
// the totals, hits and facets of the full weighted pass it replaced.
#include "match_set.h"

#include <gtest/gtest.h>

#include <random>

#include "facet_column.h"
#include "query_builder.h"
#include "relaxed_query.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

std::vector<Project> synthetic(std::size_t n, unsigned seed) {
  const std::vector<std::string> words = {"bredband",  "kommunen", "företag", "energi",   "skola",
                                          "klimat",    "arbete",   "bredbandsutbyggnad", "landsbygden", "turism"};
  const std::vector<std::string> funders = {"ERUF", "ESF", "Energimyndigheten", "Region Gotland"};
  const std::vector<std::string> regions = {"Växjö", "Kronobergs län", "Luleå", "Norrbottens län", "Gotland"};
  const std::vector<std::string> themes = {"Digitalisering", "Sysselsättning", "Innovation"};
  std::mt19937 rng(seed);
  std::vector<Project> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 10; ++w) text += words[rng() % words.size()] + " ";
    auto some = [&](const std::vector<std::string>& pool, unsigned max) {
      std::vector<std::string> v;
      for (unsigned k = rng() % (max + 1); k > 0; --k) Project::add_unique(v, pool[rng() % pool.size()]);
      return v;
    };
    std::vector<int> years;
    if (rng() % 4 != 0) {
      const int start = 2014 + static_cast<int>(rng() % 6);
      for (int y = start; y <= start + static_cast<int>(rng() % 3); ++y) years.push_back(y);
    }
    std::optional<std::int64_t> budget;
    if (rng() % 5 != 0) budget = static_cast<std::int64_t>(rng() % 10000000);
    out.push_back(test::make_project("m" + std::to_string(seed) + "-" + std::to_string(i), "Projekt " + std::to_string(i),
                                     text, some(funders, 2), some(regions, 3), years, some(themes, 2), budget));
  }
  return out;
}

/// The docids of a full BoolWeight pass (every match, ascending).
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

/// Requests of every kind QueryBuilder handles, for each of `texts`.
std::vector<SearchRequest> requests(const std::vector<std::string>& texts) {
  std::vector<SearchRequest> out;
  for (const std::string& t : texts) {
    SearchRequest r;
    r.query = t;
    out.push_back(r);
    if (auto relaxed = or_relaxed(t)) {  // the OR retry
      r.query = *relaxed;
      out.push_back(r);
      r.query = t;
    }
    r.year_from = 2016;
    r.year_to = 2018;
    out.push_back(r);
    r = SearchRequest{};
    r.query = t;
    r.budget_min = 1000000;
    r.budget_max = 6000000;
    r.filters[Facet::Funder] = {"ERUF", "ESF"};
    out.push_back(r);
    r.budget_max.reset();
    r.filters[Facet::Region] = {"Gotland"};
    out.push_back(r);
  }
  return out;
}

void expect_same_sets(const Xapian::Database& db, const QueryBuilder& builder, const SearchRequest& r) {
  SCOPED_TRACE("query '" + r.query + "' " + nlohmann::json(r).dump());
  SearchRequest resolved = r;
  builder.resolver().resolve_filters(resolved);
  const Xapian::Query q = QueryBuilder::apply_filter(builder.parse(r.query).query, builder.filter(resolved));
  const std::optional<MatchSet> set = MatchSet::evaluate(db, q);
  ASSERT_TRUE(set.has_value()) << q.get_description();
  const std::vector<Xapian::docid> want = xapian_docids(db, q);
  EXPECT_EQ(set->size(), want.size()) << q.get_description();
  EXPECT_EQ(set->docids(), want) << q.get_description();
}

/// `fast` (MatchSet totals and facets) against `full` (SlotCounts: one weighted run over
/// every match, its estimate exact) and a BoolWeight count of the query.
void expect_same_search(const Searcher& fast, const Searcher& full, SearchRequest r) {
  SCOPED_TRACE("query '" + r.query + "' " + nlohmann::json(r).dump());
  r.facets.assign(kAllFacets.begin(), kAllFacets.end());
  r.max_facet_values = 1000;
  r.snippets = false;
  const SearchResult a = fast.search(r);
  const SearchResult b = full.search(r);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.suggestion, b.suggestion);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].id, b.hits[i].id) << "rank " << i + 1;
  test::expect_same_facets(a.facets, b.facets);
}

const std::vector<std::string> kSyntheticTexts = {
    "",           "bredband",         "företag",          "kommunen företag",      "energi OR klimat",
    "-skola",     "energi -skola",    "\"kommunen företag\"", "bredbandsutbyggnad",   "bred*",
    "funder:ESF", "region:Gotland energi", "year:2016..2017", "+klimat turism",     "(energi OR skola) AND arbete",
    "title:projekt", "finnsinte",     "landsbygd arbete skola klimat energi turism kommunen företag"};

class MatchSetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::filesystem::path(test::temp_dir());
    const auto one = synthetic(160, 11);
    const auto two = synthetic(110, 12);
    test::build_index(*root_ / "whole", one);
    test::add_to_index(*root_ / "whole", two);
    test::build_index(*root_ / "sharded" / "shard1", one);
    test::build_index(*root_ / "sharded" / "shard2", two);
  }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static std::filesystem::path* root_;
};

std::filesystem::path* MatchSetTest::root_ = nullptr;

TEST_F(MatchSetTest, EveryOperatorMatchesWhatXapianMatches) {
  const Xapian::Database db((*root_ / "whole").string());
  using Q = Xapian::Query;
  const Q a("Zbredband"), b("Zenergi"), c("Zskola"), none("Zfinnsinte");
  const Q budget(Q::OP_VALUE_RANGE, Schema::kSlotBudget, Xapian::sortable_serialise(2000000),
                 Xapian::sortable_serialise(7000000));
  const std::vector<Q> abc = {a, b, c};
  const std::vector<Q> words = {Q("kommunen"), Q("företag")};
  const std::vector<Q> near = {Q("energi"), Q("skola")};
  const std::vector<Q> all = {
      Q::MatchAll,
      Q::MatchNothing,
      Q(),
      none,
      Q(Q::OP_OR, a, b),
      Q(Q::OP_AND, a, b),
      Q(Q::OP_AND, Q::MatchAll, c),
      Q(Q::OP_AND_NOT, a, b),
      Q(Q::OP_AND_NOT, Q::MatchAll, Q(Q::OP_OR, a, c)),
      Q(Q::OP_XOR, abc.begin(), abc.end()),
      Q(Q::OP_AND_MAYBE, a, c),
      Q(Q::OP_FILTER, b, Q(Q::OP_OR, a, c)),
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, a, none), 0.0),
      Q(Q::OP_SYNONYM, a, c),
      Q(Q::OP_MAX, b, c),
      Q(Q::OP_ELITE_SET, abc.begin(), abc.end(), 2),
      budget,
      Q(Q::OP_VALUE_GE, Schema::kSlotBudget, Xapian::sortable_serialise(5000000)),
      Q(Q::OP_VALUE_LE, Schema::kSlotBudget, Xapian::sortable_serialise(5000000)),
      Q(Q::OP_FILTER, Q(Q::OP_OR, a, b), budget),
      Q(Q::OP_PHRASE, words.begin(), words.end()),
      Q(Q::OP_NEAR, near.begin(), near.end(), 3),
      Q(Q::OP_WILDCARD, "Zbred"),
      Q(Q::OP_AND, Q(Q::OP_WILDCARD, "sk"), Q(Q::OP_AND_NOT, b, Q(Q::OP_PHRASE, Q("energi"), Q("skola")))),
  };
  for (const Q& q : all) {
    SCOPED_TRACE(q.get_description());
    const std::optional<MatchSet> set = MatchSet::evaluate(db, q);
    ASSERT_TRUE(set.has_value());
    const std::vector<Xapian::docid> want = xapian_docids(db, q);
    EXPECT_EQ(set->docids(), want);
    EXPECT_EQ(set->size(), want.size());
    for (Xapian::docid did : want) EXPECT_TRUE(set->contains(did));
  }
  // Neither empty nor everything, so that the comparisons above can fail.
  const auto some = MatchSet::evaluate(db, Q(Q::OP_AND, a, b));
  EXPECT_GT(some->size(), 0u);
  EXPECT_LT(some->size(), db.get_doccount());
  EXPECT_EQ(MatchSet::evaluate(db, Q::MatchAll)->size(), db.get_doccount());
}

TEST_F(MatchSetTest, BuiltQueriesMatchWhatXapianMatches) {
  const Xapian::Database db((*root_ / "whole").string());
  static const Analyzer analyzer;
  const QueryBuilder builder(analyzer, &db);
  for (const SearchRequest& r : requests(kSyntheticTexts)) expect_same_sets(db, builder, r);
}

// With a revision, unions learn which terms hold only documents of their largest term and
// then skip them: the sets stay Xapian's, the first time and after.
TEST_F(MatchSetTest, LearnedSubsetsGiveTheSameSets) {
  const Xapian::Database db((*root_ / "whole").string());
  static const Analyzer analyzer;
  const QueryBuilder builder(analyzer, &db);
  const std::string revision = FacetColumn::revision_key(db);
  using Q = Xapian::Query;
  std::vector<Q> queries = {Q(Q::OP_OR, Q("bredband"), Q("Zbredband")),  // a subset
                            Q(Q::OP_OR, Q("Zbredband"), Q("Zenergi")),   // not
                            Q(Q::OP_AND, Q(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, Q("företag"), 1.5), Q("Zföretag")),
                              Q(Q::OP_OR, Q("Zskola"), Q::MatchAll))};
  for (const std::string& t : kSyntheticTexts) queries.push_back(builder.parse(t).query);
  for (int round = 0; round < 3; ++round) {
    for (const Q& q : queries) {
      SCOPED_TRACE("round " + std::to_string(round) + " " + q.get_description());
      const std::optional<MatchSet> set = MatchSet::evaluate(db, q, &revision);
      ASSERT_TRUE(set.has_value());
      EXPECT_EQ(set->docids(), xapian_docids(db, q));
    }
  }
  EXPECT_GE(MatchSet::learned_facts(revision), 3u) << "the unions' terms were checked";
}

// A fact holds for the revision it was learned on: a later revision in which a term is no
// longer a subset gets a set of its own.
TEST(MatchSetRevisions, FactsAreKeptPerRevision) {
  const std::filesystem::path dir = test::temp_dir() / "db";
  auto add = [&](std::vector<std::vector<std::string>> docs) {
    Xapian::WritableDatabase w(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    for (const auto& terms : docs) {
      Xapian::Document d;
      for (const std::string& t : terms) d.add_term(t);
      w.add_document(d);
    }
    w.commit();
  };
  add({{"x", "Zx"}, {"Zx"}, {"y", "Zx"}});
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("x"), Xapian::Query("Zx"));
  Xapian::Database db(dir.string());
  std::string revision = FacetColumn::revision_key(db);
  EXPECT_EQ(MatchSet::evaluate(db, q, &revision)->size(), 3u);
  EXPECT_EQ(MatchSet::evaluate(db, q, &revision)->size(), 3u);
  EXPECT_EQ(MatchSet::learned_facts(revision), 1u);
  add({{"x"}});  // x is no longer a subset of Zx
  ASSERT_TRUE(db.reopen());
  revision = FacetColumn::revision_key(db);
  EXPECT_EQ(MatchSet::evaluate(db, q, &revision)->size(), 4u);
  EXPECT_EQ(MatchSet::evaluate(db, q, &revision)->size(), 4u);
}

TEST_F(MatchSetTest, ShardsGiveTheCombinedDocids) {
  Xapian::Database db((*root_ / "sharded" / "shard1").string());
  db.add_database(Xapian::Database((*root_ / "sharded" / "shard2").string()));
  ASSERT_EQ(db.size(), 2u);
  static const Analyzer analyzer;
  const QueryBuilder builder(analyzer, &db);
  for (const SearchRequest& r : requests({"", "bredband", "\"kommunen företag\"", "energi OR klimat", "bred*"})) {
    expect_same_sets(db, builder, r);
  }
}

TEST_F(MatchSetTest, SearchTotalsAndFacetsEqualTheFullPass) {
  for (const char* index : {"whole", "sharded"}) {
    SCOPED_TRACE(index);
    const Searcher fast(*root_ / index);
    Searcher full(*root_ / index);
    full.set_facet_counting(FacetCounting::SlotCounts);
    ASSERT_EQ(fast.shards().size(), index == std::string("whole") ? 1u : 2u);
    const std::vector<SearchRequest> all = requests(kSyntheticTexts);
    // Kept cheap: the shards see every other request, a sorted page every third.
    for (std::size_t i = 0; i < all.size(); i += index == std::string("whole") ? 1 : 2) {
      SearchRequest r = all[i];
      expect_same_search(fast, full, r);
      if (i % 3 != 0) continue;
      r.sort = SortOrder::BudgetDesc;
      r.offset = 3;
      expect_same_search(fast, full, r);
    }
  }
}

/// data/sample + the ERDF corpus, indexed as fynd-index does (shared with other suites).
class MatchSetCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string file = "tillvaxtverket-eruf-2014-2020.json";
    std::filesystem::path corpus = test::source_dir() / "data" / "erdf";
    if (!std::filesystem::exists(corpus / file)) {
      const auto shared = test::shared_dir();
      if (!shared || !std::filesystem::exists(*shared / "corpus" / file)) return;
      corpus = *shared / "corpus";
    }
    dir_ = new std::filesystem::path(
        test::cached_pipeline_index("sample-and-erdf", {test::source_dir() / "data" / "sample", corpus}));
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr) GTEST_SKIP() << "neither data/erdf nor ../shared/corpus holds the ERDF records: skipping";
  }
  static std::filesystem::path* dir_;
};

std::filesystem::path* MatchSetCorpus::dir_ = nullptr;

const std::vector<std::string> kCorpusTexts = {
    "",
    "företag",
    "bredband",
    "innovation företag",
    "landsbygdsutveckling",
    "bredbandsutbyggnad i glesbygd",
    "\"små och medelstora företag\"",
    "\"förnybar energi\"",
    "e-hälsa",
    "turism OR besöksnäring",
    "energi -sol",
    "digital*",
    "funder:ERUF region:Norrbotten",
    "theme:innovation year:2017..2019",
    "kompetensutveckling inom industrin för hållbar tillväxt och nya arbetstillfällen i regionen",
    "solceller vätgas"};

TEST_F(MatchSetCorpus, BuiltQueriesMatchWhatXapianMatches) {
  const Xapian::Database db(dir_->string());
  static const Analyzer analyzer;
  const QueryBuilder builder(analyzer, &db);
  for (const SearchRequest& r : requests(kCorpusTexts)) expect_same_sets(db, builder, r);
}

TEST_F(MatchSetCorpus, SearchTotalsAndFacetsEqualTheFullPass) {
  const Searcher fast(*dir_);
  Searcher full(*dir_);
  full.set_facet_counting(FacetCounting::SlotCounts);
  const std::vector<SearchRequest> all = requests(kCorpusTexts);
  for (std::size_t i = 0; i < all.size(); ++i) {
    SearchRequest r = all[i];
    expect_same_search(fast, full, r);
    if (i % 3 != 0) continue;
    r.sort = SortOrder::StartYear;
    expect_same_search(fast, full, r);
  }
}

}  // namespace
}  // namespace fynd
