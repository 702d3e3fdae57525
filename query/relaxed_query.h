/** or_relaxed(): a plain query of several words rewritten as their OR, for searches that find too little. */
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fynd {

/// "stålindustrins kompetens" -> "stålindustrins OR kompetens": the words of a query that
/// uses no syntax (no quotes, parentheses, fields, wildcards, +/- or operators), joined by
/// OR so that projects with most of the words rank first. nullopt for one word or when the
/// query uses syntax (its author meant what they wrote).
std::optional<std::string> or_relaxed(std::string_view query);

}  // namespace fynd
