// JsonWriter (core/json_writer.h) on its own; tests/http/search_json_test.cpp holds it to
// nlohmann's dump of whole search responses, and tests/indexer/stored_record_test.cpp of
// stored records.
#include "json_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fynd {
namespace {

TEST(JsonWriterTest, PlacesCommasBetweenMembersAndItems) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.value(1);
  w.begin_object();
  w.end_object();
  w.array(std::vector<std::string>{"x", "y"});
  w.null();
  w.end_array();
  w.key("b");
  w.value(false);
  w.end_object();
  EXPECT_EQ(out, R"({"a":[1,{},["x","y"],null],"b":false})");
}

TEST(JsonWriterTest, KeysAndStringsAreEscaped) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("k\"ey");
  w.value(std::string_view("a\\b\n\x01"));
  w.end_object();
  EXPECT_EQ(out, R"({"k\"ey":"a\\b\n\u0001"})");
}

}  // namespace
}  // namespace fynd
