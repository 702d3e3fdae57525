// Result lists out of fynd-serve: /api/search?format=csv (streamed in chunks) and the
// /api/regions tree, over data/sample + the fixture projects.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "csv_reader.h"
#include "result_export.h"
#include "serve_fixture.h"
#include "test_support.h"

namespace fynd::test {
namespace {

class ExportTest : public ServeFixture {
 protected:
  /// The body of a chunked reply, checking the chunk framing and the final 0-chunk.
  static std::string dechunk(const HttpReply& r) {
    EXPECT_EQ(r.header("transfer-encoding"), "chunked");
    std::string out;
    std::size_t pos = 0;
    for (;;) {
      const std::size_t eol = r.body.find("\r\n", pos);
      if (eol == std::string::npos) {
        ADD_FAILURE() << "the chunked body ends without its last chunk";
        return out;
      }
      const std::size_t size = std::stoul(r.body.substr(pos, eol - pos), nullptr, 16);
      if (size == 0) {
        EXPECT_EQ(r.body.substr(eol), "\r\n\r\n");
        return out;
      }
      out += r.body.substr(eol + 2, size);
      pos = eol + 2 + size + 2;
    }
  }

  /// GET a CSV export: checks the headers, strips the BOM and parses the records.
  static std::vector<std::vector<std::string>> csv(const std::string& target) {
    HttpReply r = client().get(target);
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body;
    EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(r.header("content-disposition").find("attachment; filename="), std::string::npos);
    const std::string body = dechunk(r);
    EXPECT_TRUE(body.starts_with("\xEF\xBB\xBF")) << "UTF-8 byte order mark";
    auto records = parse_csv(std::string_view(body).substr(std::min<std::size_t>(3, body.size())));
    EXPECT_FALSE(records.empty());
    if (!records.empty()) {
      EXPECT_EQ(std::to_string(records.size() - 1), r.header("x-total-count"));
    }
    return records;
  }

  static nlohmann::json search_json(const std::string& query_string) {
    HttpReply r = client().get("/api/search?" + query_string);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  static std::size_t column(const std::string& name) {
    std::size_t i = 0;
    for (const ExportColumn& c : export_columns()) {
      if (c.name == name) return i;
      ++i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }

  static std::vector<std::string> header_names() {
    std::vector<std::string> names;
    for (const ExportColumn& c : export_columns()) names.emplace_back(c.name);
    return names;
  }
};

TEST_F(ExportTest, CsvHasAHeaderAndEveryMatchNotJustAPage) {
  const auto json = search_json("q=kommun&facets=");
  const auto total = json["total"].get<std::size_t>();
  ASSERT_GT(total, json["hits"].size()) << "the query needs more hits than one page";
  const auto records = csv("/api/search?q=kommun&format=csv&size=5&page=2");
  ASSERT_EQ(records.size(), 1 + total);
  EXPECT_EQ(records[0], header_names());
  for (std::size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), header_names().size()) << "row " << i;
    EXPECT_EQ(records[i][column("rank")], std::to_string(i));
  }
  // The rows are the hits in rank order.
  const auto page = search_json("q=kommun&facets=&size=100");
  for (std::size_t i = 0; i < page["hits"].size(); ++i) {
    EXPECT_EQ(records[i + 1][column("id")], page["hits"][i]["id"].get<std::string>()) << i;
  }
}

TEST_F(ExportTest, FiltersAndSortApply) {
  const std::string filters = "funder=" + url_encode("Europeiska regionala utvecklingsfonden") + "&year=2015..2021";
  const auto json = search_json(filters + "&facets=&sort=-budget&size=100");
  const auto records = csv("/api/search?format=csv&sort=-budget&" + filters);
  ASSERT_EQ(records.size(), 1 + json["total"].get<std::size_t>());
  ASSERT_GE(records.size(), 3u);
  EXPECT_LT(records.size() - 1, search_json("facets=&size=0")["total"].get<std::size_t>()) << "the filter narrows";
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_NE(records[i][column("funders")].find("Europeiska regionala utvecklingsfonden"), std::string::npos);
    EXPECT_EQ(records[i][column("id")], json["hits"][i - 1]["id"].get<std::string>());
  }
  const auto& fx = *std::find_if(records.begin(), records.end(),
                                 [&](const auto& r) { return r[column("id")] == "fx-bredband"; });
  EXPECT_EQ(fx[column("title")], "Bredband på landsbygden");
  EXPECT_EQ(fx[column("regions")], "Norrbottens län");
  EXPECT_EQ(fx[column("years")], "2015; 2016; 2017");
  EXPECT_EQ(fx[column("budget_sek")], "5000000");
  EXPECT_EQ(fx[column("owner")], "Testkommunen");
}

TEST_F(ExportTest, AFilterOfOneProjectGivesOneRow) {
  const auto records = csv("/api/search?format=csv&funder=Energimyndigheten");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1][column("id")], "fx-solenergi");
  EXPECT_EQ(records[1][column("themes")], "Energi");
}

TEST_F(ExportTest, FormatJsonIsTheUsualAnswerAndOtherFormatsAreRefused) {
  auto plain = search_json("q=ungdomar&facets=");
  auto as_json = search_json("q=ungdomar&facets=&format=json");
  EXPECT_EQ(plain["total"], as_json["total"]);
  EXPECT_EQ(plain["hits"], as_json["hits"]);
  HttpReply bad = client().get("/api/search?q=ungdomar&format=xml");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["parameter"], "format");
  HttpReply bad_query = client().get("/api/search?q=" + url_encode("(bredband") + "&format=csv");
  EXPECT_EQ(bad_query.status, 400) << bad_query.body;
  EXPECT_NE(bad_query.header("content-type").find("application/json"), std::string::npos);
  HttpReply unknown = client().get("/api/search?format=csv&colour=red");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"]["parameter"], "colour");
}

TEST_F(ExportTest, TheColumnsAreTheOnesTheOpenApiDescriptionLists) {
  const auto spec = nlohmann::json::parse(read_file(source_dir() / "web" / "openapi.json"));
  const auto& csv_media = spec.at("paths").at("/api/search").at("get").at("responses").at("200").at("content").at("text/csv");
  EXPECT_EQ(csv_media.at("x-columns").get<std::vector<std::string>>(), header_names());
  bool documented = false;
  for (const auto& p : spec.at("paths").at("/api/search").at("get").at("parameters")) {
    documented = documented || p.value("name", "") == "format";
  }
  EXPECT_TRUE(documented);
}

const nlohmann::json* node(const nlohmann::json& list, const std::string& value) {
  for (const auto& n : list) {
    if (n["value"] == value) return &n;
  }
  return nullptr;
}

TEST_F(ExportTest, RegionsAreATreeWithTheCountsOfTheSearch) {
  HttpReply r = client().get("/api/regions");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  EXPECT_EQ(body["total"], search_json("facets=&size=0")["total"]);
  const auto& roots = body["regions"];
  const auto* smaland = node(roots, "Småland med öarna");
  ASSERT_NE(smaland, nullptr) << body.dump();
  EXPECT_EQ((*smaland)["level"], "riksområde");
  const auto* jonkoping = node((*smaland)["children"], "Jönköpings län");
  ASSERT_NE(jonkoping, nullptr);
  EXPECT_EQ((*jonkoping)["level"], "län");
  ASSERT_FALSE((*jonkoping)["children"].empty());
  const auto& kommun = (*jonkoping)["children"][0];
  EXPECT_EQ(kommun["level"], "kommun");
  // Each node's count is the number of hits when it is selected.
  std::function<void(const nlohmann::json&)> check = [&](const nlohmann::json& n) {
    const auto hits = search_json("facets=&size=0&region=" + url_encode(n["value"].get<std::string>()));
    EXPECT_EQ(hits["total"], n["count"]) << n["value"];
  };
  check(*smaland);
  check(*jonkoping);
  check(kommun);

  // Selecting a kommun marks it and keeps the other counts (multi-select); q narrows.
  const std::string name = kommun["value"];
  const auto selected = client().get("/api/regions?region=" + url_encode(name)).json();
  EXPECT_EQ(selected["total"], kommun["count"]);
  const auto* again = node((*node((*node(selected["regions"], "Småland med öarna"))["children"], "Jönköpings län"))["children"], name);
  ASSERT_NE(again, nullptr);
  EXPECT_TRUE((*again)["selected"].get<bool>());
  EXPECT_EQ((*node(selected["regions"], "Småland med öarna"))["count"], (*smaland)["count"]);
  const auto narrowed = client().get("/api/regions?q=bredband").json();
  EXPECT_LT(narrowed["total"].get<int>(), body["total"].get<int>());

  EXPECT_EQ(client().get("/api/regions?size=3").status, 400);
}

}  // namespace
}  // namespace fynd::test
