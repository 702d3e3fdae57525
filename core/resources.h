/** Data files compiled into the binaries (stop words, gazetteers), looked up by path. */
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace fynd::resources {

/// The content of a compiled-in file, by its path relative to the source tree
/// (e.g. "stopwords/sv.txt", "data/gazetteers/funders.tsv"); nullopt if absent.
std::optional<std::string_view> find(std::string_view name);

/// Every compiled-in file's name.
std::vector<std::string_view> names();

}  // namespace fynd::resources
