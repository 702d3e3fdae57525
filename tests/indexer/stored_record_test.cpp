// stored_record writes the record's JSON text itself; it must be the text nlohmann's dump
// of the record's JSON value gives (kept here as the reference), byte for byte.
#include "stored_record.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>

#include "test_support.h"

namespace fynd {
namespace {

std::string by_json(const Project& p) {
  nlohmann::json j = to_json_without_evidence(p);
  for (auto it = j.begin(); it != j.end();) {
    const nlohmann::json& v = it.value();
    const bool empty = v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                       ((v.is_array() || v.is_object()) && v.empty());
    const bool empty_period = it.key() == "period" && v.value("start", "").empty() && v.value("end", "").empty();
    if ((empty || empty_period) && it.key() != "id") {
      it = j.erase(it);
    } else {
      ++it;
    }
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(StoredRecord, SameTextAsTheJsonDumpOnGeneratedProjects) {
  const std::vector<std::string> pieces = {"", "Växjö", "a\"b", "back\\slash", "tab\there", "line\nbreak", "\r",
                                           "\x01", "\x1f", "\x7f", "ü", "€", "😀", " ", "/", "Region Kalmar län",
                                           "\b\f", "x", "{}", "[1,2]", "\\u00e5"};
  std::mt19937 rng(11);
  auto text = [&] {
    std::string s;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) s += pieces[rng() % pieces.size()];
    return s;
  };
  auto list = [&] {
    std::vector<std::string> v(rng() % 3);
    for (std::string& s : v) s = text();
    return v;
  };
  for (int i = 0; i < 5000; ++i) {
    Project p;
    p.id = text();
    p.kind = rng() % 2 ? ProjectKind::Article : ProjectKind::Project;
    p.title = text();
    p.text = text();
    p.display_text = rng() % 4 == 0 ? text() : "";
    p.source = {text(), rng() % 1000, rng() % 3 ? 0 : std::uint64_t{1} << 40, text()};
    p.funders = list();
    p.regions = list();
    p.themes = list();
    p.partners = list();
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) p.years.push_back(1990 + static_cast<int>(rng() % 40));
    if (rng() % 2) p.budget_sek = static_cast<std::int64_t>(rng()) - (std::int64_t{1} << 31);
    if (rng() % 2) p.granted_sek = std::int64_t{1} << (rng() % 62);
    p.owner = text();
    p.contact = text();
    p.email = text();
    p.period = {rng() % 2 ? text() : "", rng() % 2 ? text() : ""};
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) p.fields.emplace_back(rng() % 2 ? "tema" : text(), text());
    ASSERT_EQ(stored_record(p), by_json(p)) << i;
  }
}

TEST(StoredRecord, SameTextAsTheJsonDumpOnTheErdfRecords) {
  FYND_REQUIRE_SHARED(shared);
  const auto records = nlohmann::json::parse(test::read_file(shared / "corpus/tillvaxtverket-eruf-2014-2020.json"));
  std::size_t n = 0;
  for (const auto& r : records) {
    Project p;
    p.id = r.value("ärende-id", "");
    p.title = r.value("projektnamn", "");
    p.text = r.value("projektbeskrivning", "");
    p.source = {"corpus/tillvaxtverket-eruf-2014-2020.json", 0, 0, "json"};
    for (const auto& [k, v] : r.items()) p.fields.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    p.regions = {"Kalmar län", "Småland och öarna"};
    p.years = {2015, 2016};
    p.budget_sek = 11444103;
    ASSERT_EQ(stored_record(p), by_json(p)) << p.id;
    ++n;
  }
  EXPECT_GT(n, 300U);
}

TEST(StoredRecord, BrokenUtf8IsReplacedAsTheJsonDumpReplacesIt) {
  Project p;
  p.id = "x1";
  p.title = "Bad \xC3 byte";
  p.fields = {{"k\xFF", "v"}};
  const std::string record = stored_record(p);
  EXPECT_EQ(record, by_json(p));
  EXPECT_NE(record.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
  EXPECT_EQ(nlohmann::json::parse(record).at("id"), "x1");
}

}  // namespace
}  // namespace fynd
