/** StatsFormat: a StatsResult as an aligned table, CSV or a standalone SVG chart (Swedish labels). */
#pragma once

#include <string>
#include <string_view>

#include "analytics.h"

namespace fynd {

enum class StatsFormat { Table, Json, Csv, Svg };

/// Parses "table", "json", "csv", "svg"; throws QueryError otherwise.
StatsFormat stats_format_from_name(std::string_view name);

/// Renders a StatsResult in one format. Every format names how budgets were shared out
/// (StatsResult::budget_by) and ends with a total of the projects, each counted once, whose
/// budget equals the sum of the rows: the table's title and "totalt" row, the JSON's
/// "budget_by", the CSV's budget_sum_spread / budget_sum_start column and "(totalt)" row,
/// the SVG's legend. SVG: bars per group (a timeline with one column per year, gaps
/// included, when grouped by year), title "Antal projekt per …", axis labels, the count on
/// each bar; text is XML-escaped.
std::string format_stats(const StatsResult& result, StatsFormat format);

/// Escapes &, <, >, " and ' for XML.
std::string xml_escape(std::string_view s);

}  // namespace fynd
