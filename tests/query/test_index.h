/** Test helper: builds small fynd indexes in the layout of core/schema.h. */
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "project.h"

namespace fynd::test {

/// A project with the fields the query tests use.
Project make_project(const std::string& id, const std::string& title, const std::string& text,
                     std::vector<std::string> funders = {}, std::vector<std::string> regions = {},
                     std::vector<int> years = {}, std::vector<std::string> themes = {},
                     std::optional<std::int64_t> budget = std::nullopt);

/// Writes `projects` into a new index at `dir` (one document per project, as IndexWriter does).
void build_index(const std::filesystem::path& dir, const std::vector<Project>& projects);

/// Adds `projects` to the index at `dir` (created if missing).
void add_to_index(const std::filesystem::path& dir, const std::vector<Project>& projects);

/// A small fixed corpus of eight Swedish projects used by several suites.
std::vector<Project> small_corpus();

/// An index of `inputs` built through the real pipeline (as fynd-index does), shared by
/// every test process of one build: it lives under the build directory as
/// test-indexes/<name> and is rebuilt only when an input file or the test executable
/// changed. Processes running at the same time wait for one another on a lock file.
std::filesystem::path cached_pipeline_index(const std::string& name, const std::vector<std::filesystem::path>& inputs);

/// Reads the shared ERDF corpus into projects (funder ERUF, county/municipality/area
/// regions, years from the period, theme from the thematic goal, budget).
std::vector<Project> shared_corpus_projects(const std::filesystem::path& json_file);

}  // namespace fynd::test
