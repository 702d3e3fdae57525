#include "facet_values.h"

namespace fynd {

std::string encode_facet_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out.push_back('\n');
    for (char c : v) out.push_back(c == '\n' ? ' ' : c);
  }
  return out;
}

std::vector<std::string> decode_facet_values(std::string_view slot) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < slot.size()) {
    std::size_t nl = slot.find('\n', start);
    if (nl == std::string_view::npos) nl = slot.size();
    if (nl > start) out.emplace_back(slot.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace fynd
