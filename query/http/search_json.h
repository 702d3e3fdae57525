/** The /api/search response body, written with JsonWriter straight from a SearchResult. */
#pragma once

#include <string>

#include "search_request.h"

namespace fynd::http {

/// The same JSON as nlohmann::json(result).dump() (to_json() in search_request.h), byte for
/// byte: members in the same (sorted) order, strings and numbers written the same way.
std::string search_result_json(const SearchResult& result);

}  // namespace fynd::http
