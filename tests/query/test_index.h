/** Test helper: builds small fynd indexes in the layout of core/schema.h. */
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "index_cache.h"
#include "project.h"
#include "search_request.h"

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

/// Expects the same facets, values, counts, selection marks and region levels and parents,
/// in the same order (gtest).
void expect_same_facets(const std::map<Facet, std::vector<FacetValue>>& a,
                        const std::map<Facet, std::vector<FacetValue>>& b);

/// A small fixed corpus of eight Swedish projects used by several suites.
std::vector<Project> small_corpus();

/// Reads the shared ERDF corpus into projects (funder ERUF, county/municipality/area
/// regions, years from the period, theme from the thematic goal, budget).
std::vector<Project> shared_corpus_projects(const std::filesystem::path& json_file);

}  // namespace fynd::test
