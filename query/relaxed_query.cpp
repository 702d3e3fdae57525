#include "relaxed_query.h"

#include <sstream>
#include <vector>

namespace fynd {

std::optional<std::string> or_relaxed(std::string_view query) {
  for (char c : query) {
    if (c == '"' || c == '(' || c == ')' || c == ':' || c == '*') return std::nullopt;
  }
  std::istringstream in{std::string(query)};
  std::vector<std::string> words;
  for (std::string w; in >> w;) {
    if (w.front() == '+' || w.front() == '-') return std::nullopt;
    for (std::string_view op : {"AND", "OR", "NOT", "OCH", "ELLER", "INTE"}) {
      if (w == op) return std::nullopt;
    }
    words.push_back(w);
  }
  if (words.size() < 2) return std::nullopt;
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " OR ") + w;
  return out;
}

}  // namespace fynd
