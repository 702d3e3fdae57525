// decode_hit_record() (SAX, straight into a Project) against the JSON tree's from_json().
#include "hit_decoder.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include "error.h"
#include "index_cache.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

/// The record through the JSON tree, the evidence left out while parsing (as hits read it).
Project through_tree(const std::string& data) {
  using json = nlohmann::json;
  const json::parser_callback_t skip_evidence = [](int depth, json::parse_event_t event, json& parsed) {
    return !(depth == 1 && event == json::parse_event_t::key && parsed == "evidence");
  };
  return json::parse(data, skip_evidence).get<Project>();
}

void expect_same(const std::string& data) {
  SCOPED_TRACE(data.substr(0, 200));
  const Project want = through_tree(data);
  const Project got = decode_hit_record(data);
  EXPECT_EQ(nlohmann::json(got), nlohmann::json(want));
  EXPECT_EQ(got.fields, want.fields);  // in the same (key) order
  EXPECT_EQ(got.display_text, want.display_text);
  EXPECT_TRUE(got.evidence.empty());
}

}  // namespace

TEST(HitDecoder, StoredRecordsOfARealIndexDecodeAsThroughTheTree) {
  // data/sample + the ERDF records through the real pipeline (evidence, fields, display
  // text), indexed once per build; the small corpus alone when the records are absent.
  std::filesystem::path dir = test::sample_and_erdf_index();
  if (dir.empty()) {
    dir = test::temp_dir() / "db";
    test::build_index(dir, test::small_corpus());
  }
  const Xapian::Database db(dir.string());
  std::size_t decoded = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::string data = db.get_document(*it).get_data();
    expect_same(data);
    ++decoded;
  }
  EXPECT_EQ(decoded, db.get_doccount());
  EXPECT_GT(decoded, 0u);
}

TEST(HitDecoder, EveryFieldEscapesAndSkippedMembers) {
  expect_same(R"({"id":"2015-1","kind":"article","title":"Tv\u00e5 \"citat\" \\ och \ud83d\ude00",
    "text":"rad\nrad","display_text":"Rad","source":{"file":"a.pdf","begin":3,"end":18446744073709551615,
    "format":"pdf","extra":{"x":[1]}},"funders":["ERUF","ESF"],"regions":[],"years":[2015,2016],
    "themes":["Innovation"],"budget_sek":-5,"granted_sek":null,"owner":"Ägare AB","contact":"K",
    "email":"k@example.se","period":{"start":"2015-01-01","end":"2016-12-31"},"partners":["P"],
    "fields":{"ö":"3","a":"1","a":"2"},"evidence":[{"field":"funders","value":"ERUF","text":"x",
    "origin":"text","used":false}],"unknown":{"deep":[[{}]]},"also":7})");
  // Repeated members: the last one wins, as in the tree.
  expect_same(R"({"id":"a","funders":["x"],"id":"b","funders":["y","z"],"source":{"file":"f"},"source":{"begin":1}})");
  expect_same("{}");
  // Escapes, white space and integers at the edges of their range.
  expect_same(" {\"title\" : \"a\\u0000b\\/c\\b\\f\\r\\t\\u00E5\\u20ac\" ,\n\t\"years\":[ -0 , 2015 ],"
              "\"budget_sek\":-9223372036854775808,\"granted_sek\":9223372036854775807,"
              "\"source\":{\"begin\":0,\"end\":18446744073709551615}} ");
}

TEST(HitDecoder, OtherShapesAndDamageBehaveAsThroughTheTree) {
  // Values the fast path does not take: decoded through the tree, to the same Project.
  expect_same(R"({"id":"x","budget_sek":1.5e6,"years":[2015.0,true],"fields":{"n":3,"o":{"k":[1,"a"]},"b":false}})");
  expect_same(R"({"id":"x","fields":["not","an","object"],"evidence":5})");
  // Damaged records: IndexError, whichever path reads them.
  expect_same(R"({"granted_sek":1e3,"years":[-2147483649]})");
  for (const std::string bad : {R"({"id":"x",)", R"({"title":5})", R"([1,2])", R"({"source":null})", "",
                                R"({"id":"x"} trailing)", R"({"title":"\ud800"})", R"({"title":"\udc00x"})",
                                R"({"years":[01]})", R"({"years":[1.]})", R"({"title":"a
b"})", "{\"title\":\"\xC3\"}", R"({"title":"\q"})", R"({"id":tru})"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(decode_hit_record(bad), IndexError);
  }
}

}  // namespace fynd
