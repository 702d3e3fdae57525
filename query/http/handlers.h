/** The request handlers of fynd-serve: parse, validate, call the query library, serialise. */
#pragma once

#include "exchange.h"

namespace fynd::http {

void get_search(Exchange& ex);
/// GET /api/search?format=json|csv: format=csv streams every match as CSV.
void get_search_formatted(Exchange& ex);
/// GET /api/regions: the region facet of a search as a riksområde > län > kommun tree.
void get_regions(Exchange& ex);
void get_project(Exchange& ex);
void get_project_similar(Exchange& ex);
void post_similar(Exchange& ex);
void get_stats(Exchange& ex);
void get_suggest(Exchange& ex);
void get_health(Exchange& ex);
void get_metrics(Exchange& ex);
/// The search page's static files from the web directory.
void get_static(Exchange& ex);

}  // namespace fynd::http
