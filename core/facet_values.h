/** Encoding of a document's several values of one facet into one Xapian value slot. */
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fynd {

/// Joins display values with '\n' (never part of a value) for a facet value slot.
std::string encode_facet_values(const std::vector<std::string>& values);
/// Splits a facet value slot back into its display values.
std::vector<std::string> decode_facet_values(std::string_view slot);

}  // namespace fynd
