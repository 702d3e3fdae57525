// One corpus (data/sample + data/erdf) indexed as two shards, searched three ways: the
// shard folders locally, both shards through two stock xapian-tcpsrv, and one local shard
// with one remote; each must answer as one local index of the same documents does.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <cmath>
#include <memory>
#include <set>
#include <tuple>
#include <sstream>

#include "analytics.h"
#include "index_source.h"
#include "pipeline.h"
#include "result_export.h"
#include "searcher.h"
#include "similar.h"
#include "suggester.h"
#include "tcp_server.h"
#include "test_support.h"

namespace fynd {
namespace {
namespace fs = std::filesystem;

/// Copies every document (terms, values, data) of `shards` into one new database.
void merge_into(const fs::path& out, const std::vector<fs::path>& shards) {
  Xapian::WritableDatabase db(out.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (const fs::path& s : shards) {
    Xapian::Database in(s.string());
    for (auto it = in.postlist_begin(""); it != in.postlist_end(""); ++it) db.add_document(in.get_document(*it));
  }
  db.commit();
}

/// The two shards of the corpus and the one index of the same documents, built once per
/// test binary and corpus version and shared, under a lock, by the processes ctest starts
/// (one a test); the servers and stub files are each process's own.
fs::path shared_fixture() {
  const fs::path sample = test::source_dir() / "data" / "sample";
  const fs::path erdf = test::source_dir() / "data" / "erdf";
  std::vector<fs::path> inputs{fs::read_symlink("/proc/self/exe")};
  for (const fs::path& dir : {sample, erdf}) {
    for (const auto& e : fs::directory_iterator(dir)) inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  std::string key;
  for (const fs::path& p : inputs) {
    key += p.string() + ":" + std::to_string(fs::file_size(p)) + ":" +
           std::to_string(fs::last_write_time(p).time_since_epoch().count()) + "\n";
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(key));
  const fs::path dir = fs::path(::testing::TempDir()) / (std::string("fynd-shards-fixture-") + hex);
  const int lock = ::open((dir.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + dir.string() + ".lock");
  if (!fs::exists(dir / "complete")) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    IndexOptions options;
    options.db = dir / "sharded";
    options.inputs = {sample, erdf};
    options.shards = 2;
    options.quiet = true;
    std::ostringstream log;
    Pipeline(options, log).run();
    // The one local index: the same documents, copied (not analysed a second time).
    merge_into(dir / "single", {dir / "sharded" / "shard-0", dir / "sharded" / "shard-1"});
    test::write_file(dir / "complete", key);
  }
  ::flock(lock, LOCK_UN);
  ::close(lock);
  return dir;
}

class RemoteShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::path(::testing::TempDir()) / ("fynd-shards-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    data_ = shared_fixture();
    if (test::tcpsrv_program().empty()) return;
    servers_[0] = std::make_unique<test::TcpServer>(data_ / "sharded" / "shard-0");
    servers_[1] = std::make_unique<test::TcpServer>(data_ / "sharded" / "shard-1");
    write_stubs();
  }
  static void write_stubs() {
    test::write_file(root_ / "remote.stub", "# both shards remote\nremote " + servers_[0]->address() + "\nremote " +
                                                servers_[1]->address() + "\n");
    test::write_file(root_ / "mixed.stub",
                     "auto " + (data_ / "sharded" / "shard-0").string() + "\n\nremote " + servers_[1]->address() + "\n");
  }
  static void TearDownTestSuite() {
    for (auto& s : servers_) s.reset();  // stops the servers by PID, even after a failure
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void SetUp() override {
    if (test::tcpsrv_program().empty()) {
      GTEST_SKIP() << "xapian-tcpsrv is missing (Debian: apt-get install xapian-tools): skipping the remote shard tests";
    }
    single_ = std::make_unique<Searcher>(data_ / "single");
    ASSERT_GT(single_->document_count(), 300u);
    sharded_.push_back(std::make_unique<Searcher>(data_ / "sharded"));
    ASSERT_EQ(sharded_.back()->shards().size(), 2u);
    sharded_.push_back(std::make_unique<Searcher>(root_ / "remote.stub"));
    sharded_.push_back(std::make_unique<Searcher>(root_ / "mixed.stub"));
  }
  void TearDown() override {
    sharded_.clear();  // closes the connections before the servers go
    single_.reset();
  }
  void check_search();
  void check_the_rest();
  static std::string name(std::size_t i) {
    static const char* const names[] = {"local shards", "two remote shards", "local + remote shard"};
    return names[i];
  }

  static inline fs::path root_;
  static inline fs::path data_;
  static inline std::unique_ptr<test::TcpServer> servers_[2];
  std::unique_ptr<Searcher> single_;
  std::vector<std::unique_ptr<Searcher>> sharded_;
};

bool same_weight(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }

/// Sort key of a hit for `sort` beside its weight (ties are ordered by document id,
/// which differs between one index and shards).
std::string sort_key(const Hit& h, SortOrder sort) {
  if (sort == SortOrder::Budget || sort == SortOrder::BudgetDesc) {
    return std::to_string(h.project.budget_sek ? *h.project.budget_sek : h.project.granted_sek.value_or(-1));
  }
  if (sort == SortOrder::StartYear || sort == SortOrder::StartYearDesc) {
    return h.project.years.empty() ? "" : std::to_string(h.project.years.front());
  }
  return "";
}

/// `top` (a page from shards) must be the start of `all` (every match of one index), up
/// to the order of hits that tie: position by position the same weight and sort key, and
/// per tie group the same projects (a subset where the page cuts the group).
void expect_same_ranking(const std::vector<Hit>& top, const std::vector<Hit>& all, SortOrder sort) {
  ASSERT_LE(top.size(), all.size());
  for (std::size_t i = 0; i < top.size(); ++i) {
    EXPECT_TRUE(same_weight(top[i].weight, all[i].weight)) << "rank " << i + 1 << ": " << top[i].weight << " vs " << all[i].weight;
    EXPECT_EQ(sort_key(top[i], sort), sort_key(all[i], sort)) << "rank " << i + 1;
    // A sorted search's percentages depend on the weights each shard saw first.
    if (sort == SortOrder::Relevance) {
      EXPECT_EQ(top[i].score, all[i].score) << "rank " << i + 1;
    }
  }
  for (std::size_t i = 0; i < top.size(); ++i) {
    auto tied = [&](const Hit& h) { return same_weight(h.weight, top[i].weight) && sort_key(h, sort) == sort_key(top[i], sort); };
    std::set<std::string> a, b;
    bool group_ends_in_page = true;
    for (std::size_t j = 0; j < top.size(); ++j) {
      if (tied(top[j])) a.insert(top[j].id);
    }
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (!tied(all[j])) continue;
      b.insert(all[j].id);
      if (j >= top.size()) group_ends_in_page = false;
    }
    if (group_ends_in_page) {
      EXPECT_EQ(a, b) << "tie group at rank " << i + 1;
    } else {
      for (const std::string& id : a) EXPECT_TRUE(b.count(id)) << id << " at rank " << i + 1 << " is not tied there in one index";
    }
  }
}

std::string facets_text(const SearchResult& r) {
  std::ostringstream out;
  for (const auto& [facet, values] : r.facets) {
    out << Schema::facet_name(facet) << ":";
    for (const FacetValue& v : values) out << " [" << v.value << " " << v.count << (v.selected ? " sel" : "") << " " << v.level << " " << v.parent << "]";
    out << "\n";
  }
  return out.str();
}

std::vector<SearchRequest> requests() {
  std::vector<SearchRequest> out;
  auto add = [&](std::string q, std::map<Facet, std::vector<std::string>> filters = {}, SortOrder sort = SortOrder::Relevance) {
    SearchRequest r;
    r.query = std::move(q);
    r.filters = std::move(filters);
    r.sort = sort;
    r.facets.assign(kAllFacets.begin(), kAllFacets.end());
    out.push_back(std::move(r));
  };
  add("bredband");
  add("digitalisering företag");
  add("\"små och medelstora företag\"");
  add("turism OR besöksnäring");
  add("innovation -forskning");
  add("energi", {{Facet::Region, {"Västerbottens län"}}});
  add("kompetens", {{Facet::Year, {"2018", "2019"}}});
  add("företag", {{Facet::Funder, {"ERUF"}}, {Facet::Region, {"Skåne län", "Värmlands län"}}});
  add("landsbygd region:Jämtland");
  add("", {{Facet::Region, {"Jämtlands län"}}});
  add("projekt", {}, SortOrder::BudgetDesc);
  add("bredband", {}, SortOrder::StartYearDesc);
  out.back().year_from = 2016;
  out.back().year_to = 2018;
  return out;
}

/// Xapian's exceptions are not std::exceptions: name them in the failure.
#define FYND_XAPIAN_GUARD(body)                              \
  try {                                                      \
    body                                                     \
  } catch (const Xapian::Error& e) {                         \
    FAIL() << "Xapian error: " << e.get_description();       \
  }

TEST_F(RemoteShardsTest, SearchFacetsAndSnippetsAsOneIndex) {
  FYND_XAPIAN_GUARD(check_search();)
}

void RemoteShardsTest::check_search() {
  for (const SearchRequest& request : requests()) {
    SearchRequest every = request;
    every.limit = 1000;
    every.snippets = false;
    every.facets.clear();
    const SearchResult all = single_->search(every);
    const SearchResult page = single_->search(request);
    ASSERT_GT(all.total, 0u) << request.query;
    for (std::size_t i = 0; i < sharded_.size(); ++i) {
      SCOPED_TRACE(name(i) + ": '" + request.query + "'");
      const SearchResult r = sharded_[i]->search(request);
      EXPECT_EQ(r.total, page.total);
      EXPECT_EQ(facets_text(r), facets_text(page));
      EXPECT_EQ(r.suggestion, page.suggestion);
      EXPECT_EQ(r.hits.size(), page.hits.size());
      expect_same_ranking(r.hits, all.hits, request.sort);
      for (const Hit& h : r.hits) {
        for (const Hit& g : page.hits) {
          if (g.id == h.id) {
            EXPECT_EQ(h.snippet, g.snippet) << h.id;
          }
        }
      }
    }
  }
}

TEST_F(RemoteShardsTest, SpellingStatsSimilarTermsSuggestionsAndExportAsOneIndex) {
  FYND_XAPIAN_GUARD(check_the_rest();)
}

void RemoteShardsTest::check_the_rest() {
  SearchRequest misspelt;
  misspelt.query = "bredbnadsutbyggnad";
  const SearchResult corrected = single_->search(misspelt);
  ASSERT_TRUE(corrected.suggestion.has_value());

  StatsRequest by_year;
  by_year.selection.query = "bredband";
  by_year.by = {Facet::Year};
  StatsRequest by_funder_region;
  by_funder_region.by = {Facet::Funder, Facet::Region};
  by_funder_region.budget_by = BudgetBy::Start;
  const std::string stats_year = nlohmann::json(Analytics(*single_).stats(by_year)).dump();
  const std::string stats_fr = nlohmann::json(Analytics(*single_).stats(by_funder_region)).dump();

  TermsRequest terms;
  terms.selection.query = "turism";
  const TermsResult one_terms = Analytics(*single_).terms(terms);

  SearchRequest first;
  first.query = "bredband";
  const std::string id = single_->search(first).hits.at(0).id;
  SimilarRequest like_id;
  like_id.id = id;
  SimilarRequest like_text;
  like_text.text = "Vi vill bygga ut fiber och bredband på landsbygden för företag och hushåll.";
  const SimilarResult one_id = SimilarProjects(*single_).find(like_id);
  const SimilarResult one_text = SimilarProjects(*single_).find(like_text);
  ASSERT_FALSE(one_id.hits.empty());
  auto every_hit = [&](SimilarRequest r) {  // the similar projects of one index far past the page
    r.limit = 200;
    std::vector<Hit> out;
    for (const SimilarHit& h : SimilarProjects(*single_).find(r).hits) out.push_back(h.hit);
    return out;
  };
  const std::vector<Hit> all_like_id = every_hit(like_id);
  const std::vector<Hit> all_like_text = every_hit(like_text);

  const auto one_suggest = Suggester(*single_).suggest("digital", 8);
  ASSERT_FALSE(one_suggest.empty());

  auto csv_lines = [](const Searcher& s) {
    SearchRequest r;
    r.query = "innovation";
    ResultExport exporter(s, r);
    std::string all, chunk;
    while (exporter.next(chunk)) {
      all += chunk;
      chunk.clear();
    }
    std::multiset<std::string> lines;
    std::istringstream in(all);
    // Without the rank column: projects that tie may come in another order.
    for (std::string line; std::getline(in, line);) lines.insert(line.substr(line.find(',') + 1));
    return lines;
  };
  const auto one_csv = csv_lines(*single_);
  ASSERT_GT(one_csv.size(), 10u);

  for (std::size_t i = 0; i < sharded_.size(); ++i) {
    SCOPED_TRACE(name(i));
    const Searcher& s = *sharded_[i];
    EXPECT_EQ(s.search(misspelt).suggestion, corrected.suggestion);
    EXPECT_EQ(s.search(misspelt).total, corrected.total);
    EXPECT_EQ(nlohmann::json(Analytics(s).stats(by_year)).dump(), stats_year);
    EXPECT_EQ(nlohmann::json(Analytics(s).stats(by_funder_region)).dump(), stats_fr);

    const TermsResult t = Analytics(s).terms(terms);
    EXPECT_EQ(t.total, one_terms.total);
    ASSERT_EQ(t.terms.size(), one_terms.terms.size());
    for (std::size_t k = 0; k < t.terms.size(); ++k) {
      EXPECT_EQ(t.terms[k].word, one_terms.terms[k].word);
      EXPECT_TRUE(same_weight(t.terms[k].weight, one_terms.terms[k].weight)) << t.terms[k].word;
      EXPECT_EQ(t.terms[k].selection_docs, one_terms.terms[k].selection_docs);
      EXPECT_EQ(t.terms[k].index_docs, one_terms.terms[k].index_docs);
    }

    for (const auto& [request, expected, all] : {std::tuple{like_id, one_id, all_like_id}, std::tuple{like_text, one_text, all_like_text}}) {
      const SimilarResult got = SimilarProjects(s).find(request);
      EXPECT_EQ(got.terms, expected.terms);
      EXPECT_EQ(got.total, expected.total);
      std::vector<Hit> top;
      for (const SimilarHit& h : got.hits) top.push_back(h.hit);
      expect_same_ranking(top, all, SortOrder::Relevance);
      for (const SimilarHit& h : got.hits) {
        for (const SimilarHit& e : expected.hits) {
          if (e.hit.id == h.hit.id) {
            EXPECT_EQ(nlohmann::json(h).dump(), nlohmann::json(e).dump());
          }
        }
      }
    }

    const auto suggest = Suggester(s).suggest("digital", 8);
    ASSERT_EQ(suggest.size(), one_suggest.size());
    for (std::size_t k = 0; k < suggest.size(); ++k) {
      EXPECT_EQ(suggest[k].text, one_suggest[k].text);
      EXPECT_EQ(suggest[k].count, one_suggest[k].count);
    }
    EXPECT_EQ(csv_lines(s), one_csv);
  }
}

TEST_F(RemoteShardsTest, SourceListsTheShardsAndNamesAnUnreachableOne) {
  const IndexSource remote(root_ / "remote.stub");
  ASSERT_EQ(remote.shards().size(), 2u);
  EXPECT_TRUE(remote.has_remote());
  EXPECT_EQ(remote.shards()[0].location, servers_[0]->address());
  EXPECT_EQ(remote.shards()[1].listed_at, (root_ / "remote.stub").string() + ":3");
  const IndexSource mixed(root_ / "mixed.stub");
  ASSERT_EQ(mixed.shards().size(), 2u);
  EXPECT_EQ(mixed.shards()[0].kind, Shard::Kind::Local);
  EXPECT_EQ(mixed.shards()[1].kind, Shard::Kind::Remote);
  EXPECT_FALSE(IndexSource(data_ / "sharded").has_remote());
  EXPECT_EQ(sharded_[1]->document_count(), single_->document_count());

  // A server that goes away: opening names it, and its stub line.
  const unsigned port = servers_[1]->port();
  sharded_.clear();
  servers_[1]->stop();
  try {
    Searcher gone(root_ / "remote.stub");
    ADD_FAILURE() << "opened a stub whose server is down";
  } catch (const IndexError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << what;
    EXPECT_NE(what.find("remote.stub:3"), std::string::npos) << what;
    EXPECT_NE(what.find("unreachable"), std::string::npos) << what;
  }
  servers_[1] = std::make_unique<test::TcpServer>(data_ / "sharded" / "shard-1");  // for any test after this one
  write_stubs();
}

}  // namespace
}  // namespace fynd
