/** SimilarProjects: projects like a given project or a pasted text, with the reasons why. */
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "search_request.h"
#include "searcher.h"

namespace fynd {

/// Either `id` (a project in the index) or `text` (e.g. a project idea). `filters` takes
/// the facet filters and ranges of a SearchRequest; its query text is ignored.
struct SimilarRequest {
  std::string id;
  std::string text;
  SearchRequest filters;
  std::size_t limit = 10;
  std::size_t max_terms = 25;  ///< distinctive terms the similarity query is made of
};

struct SimilarHit {
  Hit hit;
  std::vector<std::string> shared_terms;                ///< distinctive words both have
  std::map<Facet, std::vector<std::string>> shared_facets;  ///< facet values in common (id mode)
};

struct SimilarResult {
  std::string id;                  ///< the project compared with, if any
  std::vector<std::string> terms;  ///< the distinctive words searched for, most distinctive first
  std::uint64_t total = 0;
  std::vector<SimilarHit> hits;
  std::vector<FilterSuggestion> filter_suggestions;  ///< filter values that matched nothing
  double took_ms = 0;
};

/// From a project: the ESet of its own document (it alone as relevance set) over stems,
/// searched as an OR query that excludes the project itself. From a text: its words
/// (Analyzer) weighted by tf·idf against the index, the best as an OR query.
class SimilarProjects {
 public:
  explicit SimilarProjects(const Searcher& searcher);
  /// Throws NotFoundError for an unknown id, QueryError when neither id nor text is given
  /// or the text has no indexed words.
  SimilarResult find(const SimilarRequest& request) const;

 private:
  const Searcher& searcher_;
};

void to_json(nlohmann::json& j, const SimilarHit& h);
void to_json(nlohmann::json& j, const SimilarResult& r);

}  // namespace fynd
