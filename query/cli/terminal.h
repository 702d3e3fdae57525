/** Terminal rendering of search results for fynd-query: plain text, marks as bold or [..]. */
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analytics.h"
#include "search_request.h"
#include "similar.h"

namespace fynd::cli {

/// How <mark> in snippets is shown.
enum class MarkStyle { Ansi, Brackets };

/// Snippet HTML to terminal text: entities decoded, <mark> as bold or [..].
std::string render_snippet(std::string_view html, MarkStyle style);
/// "2017–2020" for contiguous years, else "2015, 2017".
std::string format_years(const std::vector<int>& years);
/// Ranked hits with title, score, id, source, facets and snippet; then the facet counts.
void print_result(std::ostream& out, const SearchResult& result, MarkStyle style);

/// Distinctive words as an aligned table.
void print_terms(std::ostream& out, const TermsResult& result);
/// Similar projects with their shared words and facet values.
void print_similar(std::ostream& out, const SimilarResult& result, MarkStyle style);

}  // namespace fynd::cli
