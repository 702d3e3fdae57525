/** Field helpers shared by the structured readers (JSON, ESF, CSV, XLSX): dates, amounts, lists. */
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "project.h"

namespace fynd::record_fields {

/// The year of an ISO date ("2017-01-02" -> 2017), 0 if it has none.
int year_of(std::string_view date);

/// Splits "Botkyrka, Danderyd, Ekerö" into its trimmed, non-empty parts.
std::vector<std::string> split_list(std::string_view s);

/// Fills `p.years` with every year from the start year of `p.period` to the end year
/// (at most 30 years; otherwise only the two ends), sorted and without duplicates.
void years_of_period(Project& p);

/// An amount written in a spreadsheet or record: "11 444 103", "3929285.00",
/// "3 929 285,50 kr", "1.234.567", "12,345,678.90", "250000 SEK", "€ 1 200". Decimals are
/// dropped; nullopt when the text holds no number or anything but a number, thousands
/// separators and a currency word.
std::optional<std::int64_t> parse_amount(std::string_view s);

/// A date as ISO "YYYY-MM-DD" from "2017-01-02", "2017-01-02 00:00:00", "2017-01-02T10:00Z",
/// "2017/01/02", "02.01.2017" or "02/01/2017" (day first, as Swedish and EU exports write
/// it), or "YYYY-MM" / "YYYY" as given; nullopt when it is none of these or not a real date.
std::optional<std::string> parse_date(std::string_view s);

}  // namespace fynd::record_fields
