#include "route_table.h"

#include <algorithm>
#include <array>

#include "handlers.h"

namespace fynd::http {
namespace {

const std::array kRoutes = {
    Route{"GET", "/api/search", get_search},
    Route{"GET", "/api/projects/{id}", get_project},
    Route{"GET", "/api/projects/{id}/similar", get_project_similar},
    Route{"POST", "/api/similar", post_similar},
    Route{"GET", "/api/stats", get_stats},
    Route{"GET", "/api/suggest", get_suggest},
    Route{"GET", "/api/regions", get_regions},
    Route{"GET", "/health", get_health},
    Route{"GET", "/metrics", get_metrics},
    Route{"GET", "/", get_static},
    Route{"GET", "/{file}", get_static},
};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& captured) {
  if (pattern == "/" || path == "/") return pattern == path;
  auto want = segments(pattern);
  auto got = segments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> caps;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (got[i].empty()) return false;
      caps[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(got[i]);
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  captured = std::move(caps);
  return true;
}

}  // namespace

std::span<const Route> routes() { return kRoutes; }

RouteMatch match_route(std::string_view method, std::string_view path) {
  RouteMatch m;
  if (path.empty() || path.front() != '/') return m;
  std::string_view wanted = method == "HEAD" ? "GET" : method;
  for (const Route& r : kRoutes) {
    std::map<std::string, std::string> caps;
    if (!match_pattern(r.pattern, path, caps)) continue;
    if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
    if (!m.route && r.method == wanted) {
      m.route = &r;
      m.path = std::move(caps);
    }
  }
  return m;
}

}  // namespace fynd::http
