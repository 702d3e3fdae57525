/** decode_hit_record(): a hit's stored project record read in one pass, without its evidence. */
#pragma once

#include <string_view>

#include "project.h"

namespace fynd {

/// The project of a stored record (the JSON the indexer writes into the document data),
/// `evidence` left empty: the same Project as nlohmann::json::parse(data).get<Project>()
/// gives less its evidence, read in one pass straight into the fields (no JSON tree, no
/// copies of the strings). A record of any other shape (a value of an unexpected type, a
/// fraction, a non-string structured field) or not well-formed is decoded through the
/// tree, so that it decodes, or fails, exactly as before; a damaged record throws IndexError.
Project decode_hit_record(std::string_view data);

}  // namespace fynd
