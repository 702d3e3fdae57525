/** RouteTable: the one list of (method, pattern, handler) rows fynd-serve answers. */
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exchange.h"

namespace fynd::http {

using Handler = void (*)(Exchange&);

struct Route {
  std::string_view method;   ///< GET (also answers HEAD) or POST
  std::string_view pattern;  ///< literal segments and {name} captures, e.g. /api/projects/{id}
  Handler handler;
};

/// The result of looking up a request.
struct RouteMatch {
  const Route* route = nullptr;               ///< null: no route for this method
  std::map<std::string, std::string> path;    ///< captured {name} segments
  std::vector<std::string_view> allowed;      ///< methods of routes matching the path
};

/// All routes; earlier rows win.
std::span<const Route> routes();
/// Finds the route of a method and decoded path.
RouteMatch match_route(std::string_view method, std::string_view path);

}  // namespace fynd::http
