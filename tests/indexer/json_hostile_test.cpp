// Project-bank JSON with numbers no double can hold: the field goes, the record stays.
#include <gtest/gtest.h>

#include <string>

#include "readers/project_bank_json_reader.h"

namespace fynd {
namespace {

const std::string kRecord =
    R"({"ärende-id": "%ID%", "projektnamn": "Solceller i Växjö", "projektbeskrivning": "Projektet bygger solceller på skolor i Växjö kommun.", )"
    R"("projekt_starttid": "2018-01-01", "projekt_sluttid": "2019-12-31", "län": "Kronoberg", "kommuner": "Växjö", "beviljat_belopp_sek": %AMOUNT%})";

std::string record(const std::string& id, const std::string& amount) {
  std::string r = kRecord;
  r.replace(r.find("%ID%"), 4, id);
  r.replace(r.find("%AMOUNT%"), 8, amount);
  return r;
}

TEST(ProjectBankJsonHostile, OutOfRangeNumberDropsTheFieldNotTheFile) {
  const std::string bytes = "[" + record("20207001", "1e400") + ",\n" + record("20207002", "2500000") + "]";
  std::vector<RawDocument> docs;
  ASSERT_NO_THROW(docs = ProjectBankJsonReader().read("stora_tal.json", bytes));
  ASSERT_EQ(docs.size(), 2U);
  ASSERT_TRUE(docs[0].record && docs[1].record);
  EXPECT_EQ(docs[0].record->title, "Solceller i Växjö");
  EXPECT_FALSE(docs[0].record->budget_sek.has_value());
  EXPECT_EQ(docs[1].record->budget_sek, 2500000);
  // Byte ranges still point at each record: the number was blanked in place.
  EXPECT_EQ(bytes.substr(docs[1].source.begin, 1), "{");
  ASSERT_FALSE(docs[0].warnings.empty());
  EXPECT_NE(docs[0].warnings.front().find("stora_tal.json: number 1e400 is out of range"), std::string::npos)
      << docs[0].warnings.front();
}

TEST(ProjectBankJsonHostile, JsonLinesWithAHugeNumberKeepEveryLine) {
  const std::string bytes = record("20207003", "-9e999") + "\n" + record("20207004", "1.5e300") + "\n" +
                            record("20207005", "\"1e400\"") + "\n";
  std::vector<RawDocument> docs;
  ASSERT_NO_THROW(docs = ProjectBankJsonReader().read("stora_tal.jsonl", bytes));
  ASSERT_EQ(docs.size(), 3U);
  EXPECT_FALSE(docs[0].record->budget_sek.has_value());
  EXPECT_FALSE(docs[1].record->budget_sek.has_value());  // a double, but no amount in SEK
  EXPECT_EQ(docs[2].record->title, "Solceller i Växjö");  // a string "1e400" is text, not a number
  ASSERT_FALSE(docs[0].warnings.empty());
  EXPECT_NE(docs[0].warnings.front().find("stora_tal.jsonl: line 1: number -9e999 is out of range"), std::string::npos)
      << docs[0].warnings.front();
}

}  // namespace
}  // namespace fynd
