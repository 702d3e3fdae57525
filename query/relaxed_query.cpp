#include "relaxed_query.h"

#include <sstream>
#include <unordered_set>
#include <vector>

#include "analyzer.h"
#include "query_builder.h"
#include "resources.h"
#include "text.h"

namespace fynd {
namespace {

bool is_stop_word(const std::string& word) {
  static const std::unordered_set<std::string> stop = [] {
    const std::optional<std::string_view> list = resources::find("stopwords/sv.txt");
    return list ? parse_stopword_list(*list) : std::unordered_set<std::string>{};
  }();
  return stop.count(text::fold_case(word)) > 0;
}

}  // namespace

std::optional<std::string> or_relaxed(std::string_view query) {
  for (char c : query) {
    if (c == '"' || c == '(' || c == ')' || c == ':' || c == '*') return std::nullopt;
  }
  std::istringstream in{std::string(query)};
  std::vector<std::string> words;
  for (std::string w; in >> w;) {
    if (w.front() == '+' || w.front() == '-') return std::nullopt;
    for (std::string_view op : {"AND", "OR", "NOT", "OCH", "ELLER", "INTE", "&&", "||"}) {
      if (w == op) return std::nullopt;
    }
    if (!is_stop_word(w)) words.push_back(w);
  }
  if (words.size() < 2 || words.size() > QueryBuilder::kMaxAndWords) return std::nullopt;
  if (words.size() == 2) return words[0] + " OR " + words[1];
  // Every way of leaving one word out, each an implicit AND of the others.
  std::string out;
  for (std::size_t skip = 0; skip < words.size(); ++skip) {
    std::string group;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i != skip) group += (group.empty() ? "" : " ") + words[i];
    }
    out += (out.empty() ? "(" : " OR (") + group + ")";
  }
  return out;
}

}  // namespace fynd
