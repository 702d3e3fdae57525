/** The stored record: the JSON a project's index document carries as its data. */
#pragma once

#include <string>

#include "project.h"

namespace fynd {

/// The project as compact JSON (nlohmann's dump of to_json_without_evidence(), keys in
/// order), without what no reader of the index shows (the evidence, which `fynd-index
/// --explain` prints from the source) and without empty fields but the id (Project's
/// from_json gives them their defaults). Written field by field with JsonWriter: building
/// the JSON value and dumping it cost more than writing its text. Invalid UTF-8 from an
/// upstream step is replaced with U+FFFD, as the dump replaces it: the project is kept.
std::string stored_record(const Project& p);

}  // namespace fynd
