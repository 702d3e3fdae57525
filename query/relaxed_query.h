/** or_relaxed(): a plain query of several words rewritten to need fewer of them, for searches that find too little. */
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fynd {

/// The words of a query that uses no syntax (no quotes, parentheses, fields, wildcards,
/// +/- or operators), rewritten to need all of them but one, so that the projects with
/// most of the words are found and the ones with all of them rank first:
///
///   "stålindustrins kompetens"          -> "stålindustrins OR kompetens"
///   "kvinnor företag landsbygd"         -> "(kvinnor företag) OR (kvinnor landsbygd) OR (företag landsbygd)"
///
/// Stop words are left out (the query drops them anyway). nullopt for fewer than two
/// content words, for more than QueryBuilder::kMaxAndWords (such a query is OR-ed
/// already) and when the query uses syntax (its author meant what they wrote).
std::optional<std::string> or_relaxed(std::string_view query);

}  // namespace fynd
