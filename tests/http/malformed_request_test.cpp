// Bad requests of many kinds: each gets the right 4xx with a JSON error body, and the
// server keeps answering afterwards.
#include <gtest/gtest.h>

#include "serve_fixture.h"

namespace fynd::test {
namespace {

struct BadRequest {
  std::string name;
  std::string bytes;        ///< the raw request
  int status;
  std::string code;         ///< error.code
  std::string parameter;    ///< error.parameter, empty if none expected
};

std::string get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

std::string post(const std::string& target, const std::string& body, const std::string& type = "application/json") {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<BadRequest> bad_requests() {
  const std::string huge(64 * 1024, 'x');
  return {
      {"bad percent escape", get("/api/search?q=%zz"), 400, "bad_query", "q"},
      {"lone percent", get("/api/search?q=abc%"), 400, "bad_query", "q"},
      {"percent-u escape", get("/api/search?q=%u00e9"), 400, "bad_query", "q"},
      {"overlong UTF-8", get("/api/search?q=%C0%AF"), 400, "bad_query", "q"},
      {"truncated UTF-8", get("/api/search?q=%C3"), 400, "bad_query", "q"},
      {"raw invalid UTF-8 byte", get("/api/search?q=\xff\xfe"), 400, "bad_query", "q"},
      {"NUL in value", get("/api/search?q=a%00b"), 400, "bad_query", "q"},
      {"bad escape in path", get("/api/%zzsearch"), 400, "bad_query", "path"},
      {"size too large", get("/api/search?size=1000"), 400, "bad_query", "size"},
      {"size not a number", get("/api/search?size=ten"), 400, "bad_query", "size"},
      {"negative page", get("/api/search?page=-1"), 400, "bad_query", "page"},
      {"page zero", get("/api/search?page=0"), 400, "bad_query", "page"},
      {"too deep", get("/api/search?page=200&size=100"), 400, "bad_query", "page"},
      {"year not a year", get("/api/search?year=abc"), 400, "bad_query", "year"},
      {"year range reversed", get("/api/search?year=2021..2018"), 400, "bad_query", "year"},
      {"unknown facet", get("/api/search?facets=color"), 400, "bad_query", "facets"},
      {"unknown parameter", get("/api/search?colour=red"), 400, "bad_query", "colour"},
      {"bad sort", get("/api/search?sort=random"), 400, "bad_query", "sort"},
      {"negative budget", get("/api/search?budget_min=-5"), 400, "bad_query", "budget_min"},
      {"q given twice", get("/api/search?q=a&q=b"), 400, "bad_query", "q"},
      {"too long q", get("/api/search?q=" + std::string(600, 'a')), 400, "bad_query", "q"},
      {"unbalanced quote", get("/api/search?q=%22ungdomar"), 400, "bad_query", "q"},
      {"dangling operator", get("/api/search?q=ungdomar%20AND"), 400, "bad_query", "q"},
      {"suggest size", get("/api/suggest?q=a&size=999"), 400, "bad_query", "size"},
      {"unknown route", get("/api/nothing"), 404, "not_found", ""},
      {"unknown project", get("/api/projects/nope"), 404, "not_found", ""},
      {"wrong method on search", post("/api/search", "{}"), 405, "method_not_allowed", ""},
      {"wrong method on similar", get("/api/similar"), 405, "method_not_allowed", ""},
      {"DELETE", "DELETE /api/projects/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405,
       "method_not_allowed", ""},
      {"TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, "method_not_allowed", ""},
      {"garbage request line", "HELLO\r\n\r\n", 400, "bad_query", ""},
      {"POST without Content-Length", "POST /api/similar HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 411,
       "length_required", "body"},
      {"huge body", post("/api/similar", "{\"text\":\"" + huge + "\"}"), 413, "payload_too_large", "body"},
      {"URI too long", get("/api/search?q=" + std::string(9000, 'a')), 414, "uri_too_long", ""},
  };
}

/// Bad bodies of POST /api/similar.
std::vector<BadRequest> similar_body_requests() {
  return {
      {"bad JSON body", post("/api/similar", "{\"text\": "), 400, "bad_query", "body"},
      {"body not an object", post("/api/similar", "[1,2]"), 400, "bad_query", "body"},
      {"missing text", post("/api/similar", "{\"filters\":{}}"), 400, "bad_query", "text"},
      {"text not a string", post("/api/similar", "{\"text\":5}"), 400, "bad_query", "text"},
      {"unknown filter", post("/api/similar", "{\"text\":\"a\",\"filters\":{\"colour\":\"red\"}}"), 400, "bad_query",
       "filters.colour"},
  };
}

class MalformedRequestTest : public ServeFixture {
 protected:
  void expect_error(const BadRequest& bad) {
    HttpReply r = client().raw(bad.bytes);
    EXPECT_EQ(r.status, bad.status) << bad.name << "\n" << r.body;
    auto body = r.json();
    ASSERT_TRUE(body.is_object() && body.contains("error")) << bad.name << ": not a JSON error: " << r.body;
    EXPECT_EQ(body["error"]["code"], bad.code) << bad.name;
    EXPECT_TRUE(body["error"]["message"].is_string()) << bad.name;
    if (bad.parameter.empty()) {
      EXPECT_FALSE(body["error"].contains("parameter")) << bad.name << ": " << r.body;
    } else {
      EXPECT_EQ(body["error"].value("parameter", ""), bad.parameter) << bad.name << ": " << r.body;
    }
    EXPECT_EQ(r.body.find("what()"), std::string::npos);
    EXPECT_EQ(r.header("exception_what"), "") << bad.name;
  }
};

TEST_F(MalformedRequestTest, EachGetsAJsonErrorAndTheServerLives) {
  auto list = bad_requests();
  ASSERT_GE(list.size(), 20u);
  for (const auto& bad : list) expect_error(bad);
  HttpReply health = client().get("/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
}

TEST_F(MalformedRequestTest, BadSimilarBodies) {
  ASSERT_EQ(client().post("/api/similar", R"({"text":"bredband"})").status, 200);
  for (const auto& bad : similar_body_requests()) expect_error(bad);
  EXPECT_EQ(client().get("/health").status, 200);
}

}  // namespace
}  // namespace fynd::test
