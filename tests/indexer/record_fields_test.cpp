// The field helpers shared by the structured readers: amounts, dates, lists, years.
#include "readers/record_fields.h"

#include <gtest/gtest.h>

namespace fynd {
namespace {

using record_fields::parse_amount;
using record_fields::parse_date;

TEST(RecordFields, Amounts) {
  EXPECT_EQ(parse_amount("11 444 103"), 11444103);
  EXPECT_EQ(parse_amount("3929285.00"), 3929285);
  EXPECT_EQ(parse_amount("3 929 285,50 kr"), 3929285);
  EXPECT_EQ(parse_amount("1.234.567"), 1234567);
  EXPECT_EQ(parse_amount("12,345,678.90"), 12345678);
  EXPECT_EQ(parse_amount("250000 SEK"), 250000);
  EXPECT_EQ(parse_amount("\u20AC 1\u00A0200"), 1200);
  EXPECT_EQ(parse_amount("1234.5"), 1234);
  EXPECT_EQ(parse_amount("0"), 0);
  EXPECT_FALSE(parse_amount(""));
  EXPECT_FALSE(parse_amount("saknas"));
  EXPECT_FALSE(parse_amount("ca 3 miljoner"));
  EXPECT_FALSE(parse_amount("12-14"));
}

TEST(RecordFields, Dates) {
  EXPECT_EQ(parse_date("2017-01-02"), "2017-01-02");
  EXPECT_EQ(parse_date("2016-10-14 01:17:38"), "2016-10-14");
  EXPECT_EQ(parse_date("2017-01-02T10:00:00Z"), "2017-01-02");
  EXPECT_EQ(parse_date("2017/1/2"), "2017-01-02");
  EXPECT_EQ(parse_date("02.01.2017"), "2017-01-02");
  EXPECT_EQ(parse_date("31/12/2020"), "2020-12-31");
  EXPECT_EQ(parse_date("2020"), "2020");
  EXPECT_EQ(parse_date("2020-06"), "2020-06");
  EXPECT_EQ(parse_date("2024-02-29"), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2019-13-45"));
  EXPECT_FALSE(parse_date("våren 2020"));
  EXPECT_FALSE(parse_date("02-01-17"));
  EXPECT_FALSE(parse_date(""));
  // Date parts of many digits are no date (and must not overflow: the sanitizer build checks).
  EXPECT_FALSE(parse_date("2020-01-18888888888888"));
  EXPECT_FALSE(parse_date("2020-18888888888888-01"));
  EXPECT_FALSE(parse_date("18888888888888/1/2020"));
  EXPECT_FALSE(parse_date("2020.1.99999999999999999999"));
}

TEST(RecordFields, ListsAndYears) {
  EXPECT_EQ(record_fields::split_list(" Botkyrka, Danderyd,,Ekerö "),
            (std::vector<std::string>{"Botkyrka", "Danderyd", "Ekerö"}));
  Project p;
  p.period = {"2019-03-01", "2021-02-28"};
  record_fields::years_of_period(p);
  EXPECT_EQ(p.years, (std::vector<int>{2019, 2020, 2021}));
  Project q;
  q.period = {"2021-01-01", "2019-01-01"};  // reversed: only the two ends
  record_fields::years_of_period(q);
  EXPECT_EQ(q.years, (std::vector<int>{2019, 2021}));
  EXPECT_EQ(record_fields::year_of("1850-01-01"), 0);
}

}  // namespace
}  // namespace fynd
