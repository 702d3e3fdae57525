// API tests: a real fynd-serve (in-process, free loopback port) over data/sample + fixtures.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <chrono>
#include <set>
#include <thread>

#include "serve_fixture.h"

namespace fynd::test {
namespace {

class ApiTest : public ServeFixture {};

std::set<std::string> hit_ids(const nlohmann::json& body) {
  std::set<std::string> ids;
  for (const auto& h : body["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

nlohmann::json get_json(const std::string& target, int expected_status = 200) {
  HttpReply r = ServeFixture::client().get(target);
  EXPECT_EQ(r.status, expected_status) << target << "\n" << r.body;
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos) << target;
  return r.json();
}

}  // namespace

TEST_F(ApiTest, HealthReportsDocumentCountAndIndexTime) {
  auto health = get_json("/health");
  auto all = get_json("/api/search?size=0&facets=");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_GE(health["documents"].get<int>(), 4);
  EXPECT_EQ(health["documents"], all["total"]);
  EXPECT_TRUE(health["indexed_at"].is_string());
  ASSERT_TRUE(health["index_age_s"].is_number());
  EXPECT_LT(health["index_age_s"].get<double>(), 3600);
}

TEST_F(ApiTest, SearchReturnsHitsWithTheirFields) {
  auto body = get_json("/api/search?q=ungdomar");
  EXPECT_EQ(body["query"], "ungdomar");
  EXPECT_GE(body["total"].get<int>(), 2);
  EXPECT_TRUE(body["took_ms"].is_number());
  EXPECT_TRUE(body["facets"].is_object());
  EXPECT_TRUE(body.contains("suggestion"));
  auto ids = hit_ids(body);
  EXPECT_TRUE(ids.count("fx-ungdom-arbete")) << body.dump();
  EXPECT_TRUE(ids.count("fx-ungdomscentrum")) << body.dump();
  for (const auto& h : body["hits"]) {
    for (const char* field : {"id", "title", "snippet", "funders", "regions", "years", "themes", "budget_sek",
                              "owner", "source"}) {
      EXPECT_TRUE(h.contains(field)) << field;
    }
    EXPECT_NE(h["snippet"].get<std::string>().find("<mark>"), std::string::npos) << h.dump();
  }
}

TEST_F(ApiTest, SnippetEscapesEverythingButMarks) {
  auto body = get_json("/api/search?q=solpaneler");
  ASSERT_EQ(hit_ids(body).count("fx-solenergi"), 1u) << body.dump();
  for (const auto& h : body["hits"]) {
    std::string s = h["snippet"];
    // Remove the marks: what is left must hold no markup at all.
    for (const std::string tag : {"<mark>", "</mark>"}) {
      for (auto p = s.find(tag); p != std::string::npos; p = s.find(tag)) s.erase(p, tag.size());
    }
    EXPECT_EQ(s.find('<'), std::string::npos) << h["snippet"];
    EXPECT_EQ(s.find('>'), std::string::npos) << h["snippet"];
  }
}

TEST_F(ApiTest, FunderFilterSelectsOnlyThatFunder) {
  auto body = get_json("/api/search?funder=" + url_encode("Europeiska regionala utvecklingsfonden") + "&size=50");
  auto ids = hit_ids(body);
  EXPECT_TRUE(ids.count("fx-ungdomscentrum"));
  EXPECT_TRUE(ids.count("fx-bredband"));
  EXPECT_FALSE(ids.count("fx-solenergi"));
  EXPECT_FALSE(ids.count("fx-ungdom-arbete"));
}

TEST_F(ApiTest, TypedFilterValueSelectsAndEchoesItsCanonicalValue) {
  auto typed = get_json("/api/search?funder=ESF&size=50&facets=funder");
  auto canonical = get_json("/api/search?funder=" + url_encode("Europeiska socialfonden") + "&size=50&facets=funder");
  EXPECT_GT(typed["total"].get<int>(), 0) << typed.dump();
  EXPECT_EQ(hit_ids(typed), hit_ids(canonical));
  EXPECT_TRUE(hit_ids(typed).count("fx-ungdom-arbete"));
  std::vector<std::string> selected;
  for (const auto& v : typed["facets"]["funder"]) {
    if (v["selected"].get<bool>()) selected.push_back(v["value"].get<std::string>());
    EXPECT_NE(v["value"], "ESF") << "facet values stay canonical";
  }
  EXPECT_EQ(selected, std::vector<std::string>{"Europeiska socialfonden"}) << typed["facets"].dump();
  EXPECT_TRUE(typed["filter_suggestions"].empty());
  // The same through stats and the query syntax.
  EXPECT_EQ(get_json("/api/stats?by=funder&funder=esf")["total"], typed["total"]);
  EXPECT_EQ(get_json("/api/search?q=" + url_encode("funder:Socialfonden") + "&size=0")["total"], typed["total"]);
}

TEST_F(ApiTest, UnknownFilterValueComesWithSuggestions) {
  auto body = get_json("/api/search?region=" + url_encode("Jönköpngs län"));
  EXPECT_EQ(body["total"], 0);
  ASSERT_EQ(body["filter_suggestions"].size(), 1u) << body.dump();
  const auto& s = body["filter_suggestions"][0];
  EXPECT_EQ(s["facet"], "region");
  EXPECT_EQ(s["value"], "Jönköpngs län");
  ASSERT_FALSE(s["suggestions"].empty());
  EXPECT_EQ(s["suggestions"][0], "Jönköpings län");
  EXPECT_NE(s["message"].get<std::string>().find("did you mean: Jönköpings län"), std::string::npos);
  // It stays in its facet, selected with count 0, so that it can be unselected.
  bool listed = false;
  for (const auto& v : body["facets"]["region"]) {
    if (v["value"] == "Jönköpngs län") listed = v["selected"].get<bool>() && v["count"] == 0;
  }
  EXPECT_TRUE(listed) << body["facets"]["region"].dump();
  auto stats = get_json("/api/stats?by=year&theme=Enrgi");
  ASSERT_EQ(stats["filter_suggestions"].size(), 1u) << stats.dump();
  EXPECT_EQ(stats["filter_suggestions"][0]["facet"], "theme");
  auto similar = get_json("/api/projects/fx-bredband/similar?funder=ERUFF");
  EXPECT_EQ(similar["filter_suggestions"].size(), 1u) << similar.dump();
}

TEST_F(ApiTest, RepeatedFilterValuesAreAlternatives) {
  auto body = get_json("/api/search?funder=Energimyndigheten&funder=" + url_encode("Europeiska socialfonden") +
                       "&size=50");
  auto ids = hit_ids(body);
  EXPECT_TRUE(ids.count("fx-solenergi"));
  EXPECT_TRUE(ids.count("fx-ungdom-arbete"));
  EXPECT_FALSE(ids.count("fx-bredband"));
}

TEST_F(ApiTest, FacetCountsShowSelectionAndAlternatives) {
  auto body = get_json("/api/search?facets=funder,year&funder=Energimyndigheten");
  ASSERT_TRUE(body["facets"].contains("funder")) << body.dump();
  const auto& funders = body["facets"]["funder"];
  bool selected = false, eruf = false;
  for (const auto& v : funders) {
    if (v["value"] == "Energimyndigheten") selected = v["selected"].get<bool>() && v["count"].get<int>() >= 1;
    if (v["value"] == "Europeiska regionala utvecklingsfonden") eruf = v["count"].get<int>() >= 2;
  }
  EXPECT_TRUE(selected) << funders.dump();
  EXPECT_TRUE(eruf) << "multi-select: the other funders keep their counts: " << funders.dump();
  EXPECT_FALSE(body["facets"].contains("region"));
}

TEST_F(ApiTest, YearRangeAndSingleYears) {
  auto range = hit_ids(get_json("/api/search?year=2015..2016&size=50"));
  EXPECT_TRUE(range.count("fx-bredband"));
  EXPECT_FALSE(range.count("fx-solenergi"));
  auto single = hit_ids(get_json("/api/search?year=2022&size=50"));
  EXPECT_TRUE(single.count("fx-solenergi"));
  EXPECT_FALSE(single.count("fx-bredband"));
}

TEST_F(ApiTest, BudgetRangeFilters) {
  auto ids = hit_ids(get_json("/api/search?budget_min=2000000&size=50"));
  EXPECT_TRUE(ids.count("fx-bredband"));
  EXPECT_TRUE(ids.count("fx-ungdomscentrum"));
  EXPECT_FALSE(ids.count("fx-solenergi"));
}

TEST_F(ApiTest, PagesDoNotOverlap) {
  auto p1 = get_json("/api/search?size=2&page=1&facets=");
  auto p2 = get_json("/api/search?size=2&page=2&facets=");
  EXPECT_EQ(p1["total"], p2["total"]);
  ASSERT_EQ(p1["hits"].size(), 2u);
  for (const auto& id : hit_ids(p2)) EXPECT_FALSE(hit_ids(p1).count(id)) << id;
}

TEST_F(ApiTest, ProjectByIdAndUnknownId) {
  auto p = get_json("/api/projects/fx-bredband");
  EXPECT_EQ(p["id"], "fx-bredband");
  EXPECT_EQ(p["title"], "Bredband på landsbygden");
  EXPECT_EQ(p["budget_sek"], 5000000);
  auto missing = get_json("/api/projects/finns-inte", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");
}

TEST_F(ApiTest, SimilarProjectsOfAProjectLeaveItOut) {
  auto body = get_json("/api/projects/fx-ungdom-arbete/similar?size=3");
  EXPECT_EQ(body["id"], "fx-ungdom-arbete");
  EXPECT_LE(body["hits"].size(), 3u);
  EXPECT_FALSE(hit_ids(body).count("fx-ungdom-arbete"));
  EXPECT_FALSE(body["hits"].empty()) << body.dump();
  EXPECT_EQ(get_json("/api/projects/finns-inte/similar", 404)["error"]["code"], "not_found");
}

TEST_F(ApiTest, SimilarProjectsOfAText) {
  HttpReply r = client().post("/api/similar", R"({"text":"snabb uppkoppling och bredband till byar","size":3})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  ASSERT_FALSE(body["hits"].empty()) << r.body;
  EXPECT_EQ(body["hits"][0]["id"], "fx-bredband") << r.body;
  HttpReply filtered = client().post(
      "/api/similar", R"({"text":"bredband till byar","filters":{"funder":["Energimyndigheten"]}})");
  ASSERT_EQ(filtered.status, 200) << filtered.body;
  EXPECT_FALSE(hit_ids(filtered.json()).count("fx-bredband")) << filtered.body;
}

TEST_F(ApiTest, StatsByYearCountsProjectsAndBudgets) {
  auto body = get_json("/api/stats?by=year&funder=" + url_encode("Europeiska regionala utvecklingsfonden"));
  EXPECT_EQ(body["total"], 2) << body.dump();
  std::map<std::string, nlohmann::json> rows;
  for (const auto& row : body["rows"]) rows[row["keys"][0].get<std::string>()] = row;
  ASSERT_TRUE(rows.count("2020")) << body.dump();
  EXPECT_EQ(body["budget_by"], "spread");
  EXPECT_EQ(body["budget_sum"], 7500000);
  // Spread: 2 500 000 over 2020-2021, 5 000 000 over 2015-2017 (the remainder to the first years).
  EXPECT_EQ(rows["2020"]["count"], 1);
  EXPECT_EQ(rows["2020"]["budget_sum"], 1250000);
  EXPECT_EQ(rows["2015"]["budget_sum"], 1666667);
  EXPECT_EQ(rows["2017"]["budget_sum"], 1666666);
  std::int64_t sum = 0;
  for (const auto& [year, row] : rows) sum += row["budget_sum"].get<std::int64_t>();
  EXPECT_EQ(sum, 7500000);
  // Start: each budget in its start year alone; counts stay the projects running that year.
  auto start = get_json("/api/stats?by=year&budget_by=start&funder=ERUF");
  EXPECT_EQ(start["budget_by"], "start");
  std::map<std::string, nlohmann::json> by_start;
  for (const auto& row : start["rows"]) by_start[row["keys"][0].get<std::string>()] = row;
  EXPECT_EQ(by_start["2015"]["budget_sum"], 5000000);
  EXPECT_EQ(by_start["2016"]["budget_sum"], 0);
  EXPECT_EQ(by_start["2016"]["count"], 1);
  EXPECT_EQ(by_start["2020"]["budget_sum"], 2500000);
  EXPECT_EQ(get_json("/api/stats?by=year&budget_by=each", 400)["error"]["parameter"], "budget_by");
  EXPECT_EQ(get_json("/api/stats", 400)["error"]["parameter"], "by");
}

TEST_F(ApiTest, SuggestCompletesWordsAndTitles) {
  auto words = get_json("/api/suggest?q=ungd");
  bool word = false;
  for (const auto& s : words["suggestions"]) {
    word = word || (s["kind"] == "word" && s["text"].get<std::string>().rfind("ungdom", 0) == 0);
  }
  EXPECT_TRUE(word) << words.dump();
  auto titles = get_json("/api/suggest?q=bredband%20p");
  bool title = false;
  for (const auto& s : titles["suggestions"]) {
    title = title || (s["kind"] == "title" && s["text"] == "Bredband på landsbygden" && s["id"] == "fx-bredband");
  }
  EXPECT_TRUE(title) << titles.dump();
  EXPECT_EQ(get_json("/api/suggest?q=")["suggestions"].size(), 0u);
}

TEST_F(ApiTest, MetricsCountRequestsByRoute) {
  get_json("/api/search?q=bredband");
  std::string text;
  for (int i = 0; i < 50; ++i) {  // the counter is bumped just after the response is sent
    text = client().get("/metrics").body;
    if (text.find("fynd_http_requests_total{route=\"/api/search\",status=\"200\"}") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(text.find("fynd_http_requests_total{route=\"/api/search\",status=\"200\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("fynd_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(text.find("fynd_index_documents"), std::string::npos);
}

TEST_F(ApiTest, ServesTheSearchPageAndNothingOutsideIt) {
  HttpReply page = client().get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("app.js"), std::string::npos);
  EXPECT_EQ(client().get("/app.js").status, 200);
  EXPECT_EQ(client().get("/style.css").status, 200);
  EXPECT_EQ(client().get("/openapi.json").json()["openapi"], "3.1.0");
  EXPECT_EQ(client().get("/%2e%2e%2fCMakeLists.txt").status, 404);
  EXPECT_EQ(client().get("/.hidden.js").status, 404);
  EXPECT_EQ(client().get("/CMakeLists.txt").status, 404);
}

TEST_F(ApiTest, CorsAllowListAndPreflight) {
  HttpReply ok = client().get("/health", {{"Origin", "http://allowed.example"}});
  EXPECT_EQ(ok.header("access-control-allow-origin"), "http://allowed.example");
  HttpReply other = client().get("/health", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.header("access-control-allow-origin"), "");
  HttpReply pre = client().request("OPTIONS", "/api/similar", {},
                                   {{"Origin", "http://allowed.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_NE(pre.header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_EQ(pre.header("access-control-allow-origin"), "http://allowed.example");
}

TEST_F(ApiTest, HeadAnswersWithoutBody) {
  HttpReply r = client().request("HEAD", "/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(ApiTest, ConcurrentRequestsAllSucceed) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        auto target = (i % 2) ? "/api/search?q=ungdomar&facets=funder,year" : "/api/projects/fx-bredband";
        if (client().get(target).status == 200) ++ok;
      }
      (void)t;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 160);
}

TEST_F(ApiTest, NoticesAReindexedDatabaseWithoutRestart) {
  EXPECT_EQ(get_json("/api/search?q=kvastfabrik")["total"], 0);
  Project p = fixture_projects().front();
  p.id = "fx-kvast";
  p.title = "Kvastfabrik i Gnosjö";
  p.text = "En kvastfabrik återuppstår.";
  p.source.file = "fixture:fx-kvast";
  add_projects(db_dir(), {p});
  int total = 0;
  for (int i = 0; i < 40 && total == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total = get_json("/api/search?q=kvastfabrik")["total"].get<int>();
  }
  EXPECT_EQ(total, 1);
}

}  // namespace fynd::test
