/** The request handlers of fynd-serve: parse, validate, call the query library, serialise. */
#pragma once

#include "exchange.h"

namespace fynd::http {

void get_search(Exchange& ex);
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
