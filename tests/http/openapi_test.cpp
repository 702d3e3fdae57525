// The OpenAPI description (web/openapi.json) checked against real responses: every
// documented required property is present, with the documented JSON type.
#include <gtest/gtest.h>

#include "serve_fixture.h"
#include "test_support.h"

namespace fynd::test {
namespace {

class OpenApiTest : public ServeFixture {
 protected:
  static const nlohmann::json& spec() {
    static const nlohmann::json s = nlohmann::json::parse(read_file(source_dir() / "web" / "openapi.json"));
    return s;
  }

  static const nlohmann::json& resolve(const nlohmann::json& schema) {
    if (!schema.contains("$ref")) return schema;
    std::string ref = schema["$ref"];
    EXPECT_EQ(ref.rfind("#/components/schemas/", 0), 0u) << ref;
    return spec().at("components").at("schemas").at(ref.substr(std::string("#/components/schemas/").size()));
  }

  static bool has_type(const nlohmann::json& value, const std::string& type) {
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "array") return value.is_array();
    if (type == "object") return value.is_object();
    if (type == "null") return value.is_null();
    return false;
  }

  /// Checks `value` against a schema subset: type (or list of types), required,
  /// properties, items, additionalProperties, $ref. Reports errors with their path.
  static void check(const nlohmann::json& value, const nlohmann::json& schema_in, const std::string& path) {
    const nlohmann::json& schema = resolve(schema_in);
    if (schema.contains("type")) {
      std::vector<std::string> types = schema["type"].is_array() ? schema["type"].get<std::vector<std::string>>()
                                                                  : std::vector<std::string>{schema["type"]};
      bool ok = false;
      for (const auto& t : types) ok = ok || has_type(value, t);
      EXPECT_TRUE(ok) << path << ": " << value.dump().substr(0, 200) << " is not " << schema["type"].dump();
      if (!ok) return;
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"]) found = found || e == value;
      EXPECT_TRUE(found) << path << ": " << value.dump() << " not in " << schema["enum"].dump();
    }
    if (value.is_object()) {
      for (const auto& name : schema.value("required", nlohmann::json::array())) {
        EXPECT_TRUE(value.contains(name.get<std::string>())) << path << ": missing required " << name;
      }
      if (schema.contains("properties")) {
        for (const auto& [name, sub] : schema["properties"].items()) {
          if (value.contains(name)) check(value[name], sub, path + "." + name);
        }
      }
      if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        for (const auto& [name, sub] : value.items()) check(sub, schema["additionalProperties"], path + "." + name);
      }
    }
    if (value.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) check(value[i], schema["items"], path + "[" + std::to_string(i) + "]");
    }
  }

  /// The response schema the spec documents for a path, method and status.
  static nlohmann::json response_schema(const std::string& path, const std::string& method, int status) {
    nlohmann::json resp = spec().at("paths").at(path).at(method).at("responses").at(std::to_string(status));
    if (resp.contains("$ref")) {
      std::string name = resp["$ref"].get<std::string>().substr(std::string("#/components/responses/").size());
      resp = spec().at("components").at("responses").at(name);
    }
    return resp.at("content").at("application/json").at("schema");
  }

  void conforms(const std::string& path, const std::string& method, const HttpReply& r) {
    const auto& paths = spec().at("paths");
    ASSERT_TRUE(paths.contains(path) && paths.at(path).contains(method)) << "undocumented route " << method << " " << path;
    const auto& op = paths.at(path).at(method);
    ASSERT_TRUE(op["responses"].contains(std::to_string(r.status)))
        << method << " " << path << ": status " << r.status << " is not documented; body " << r.body;
    auto body = r.json();
    ASSERT_FALSE(body.is_discarded()) << r.body;
    check(body, response_schema(path, method, r.status), method + " " + path);
  }
};

TEST_F(OpenApiTest, EveryRouteInTheTableIsDocumented) {
  for (const char* path : {"/api/search", "/api/projects/{id}", "/api/projects/{id}/similar", "/api/similar",
                           "/api/stats", "/api/suggest", "/api/regions", "/health", "/metrics"}) {
    EXPECT_TRUE(spec().at("paths").contains(path)) << path;
  }
}

TEST_F(OpenApiTest, ResponsesMatchTheDescription) {
  conforms("/api/search", "get", client().get("/api/search?q=ungdomar&facets=funder,region,year,theme"));
  conforms("/api/search", "get", client().get("/api/search?funder=Energimyndigheten&year=2020..2022"));
  conforms("/api/search", "get", client().get("/api/search?size=1000"));
  conforms("/api/projects/{id}", "get", client().get("/api/projects/fx-bredband"));
  conforms("/api/projects/{id}", "get", client().get("/api/projects/nope"));
  conforms("/api/projects/{id}/similar", "get", client().get("/api/projects/fx-bredband/similar"));
  conforms("/api/similar", "post", client().post("/api/similar", R"({"text":"bredband på landsbygden"})"));
  conforms("/api/stats", "get", client().get("/api/stats?by=year"));
  conforms("/api/stats", "get", client().get("/api/stats?by=funder&q=ungdomar"));
  conforms("/api/suggest", "get", client().get("/api/suggest?q=ungd"));
  conforms("/api/suggest", "get", client().get("/api/suggest?q=bredband"));
  conforms("/api/regions", "get", client().get("/api/regions"));
  conforms("/api/regions", "get", client().get("/api/regions?q=ungdomar&region=" + url_encode("Jönköping")));
  conforms("/api/regions", "get", client().get("/api/regions?size=3"));
  conforms("/health", "get", client().get("/health"));
}

}  // namespace
}  // namespace fynd::test
