/** explain_file: what `fynd-index --explain FILE` prints, the units of a file and their evidence. */
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "project.h"

namespace fynd {

/// Reads `path` with the standard readers and understands it, as indexing would.
/// Throws InputError when the file cannot be read.
std::vector<Project> understand_file(const std::filesystem::path& path);

/// A human-readable account of every unit found in `path`: kind, id, title, source
/// range, each field, and the evidence (source words) behind each value.
std::string explain_file(const std::filesystem::path& path);

/// The same account for already understood projects.
std::string explain_projects(const std::vector<Project>& projects);

}  // namespace fynd
