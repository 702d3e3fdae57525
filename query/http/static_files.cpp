#include "static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace fynd::http {

std::string_view StaticFiles::mime_type(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) return type;
  }
  return {};
}

std::optional<StaticFile> StaticFiles::load(std::string_view name) const {
  if (name.empty() || name.front() == '.' || name.size() > 100) return std::nullopt;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_';
    if (!ok) return std::nullopt;
  }
  std::string_view type = mime_type(name);
  if (type.empty()) return std::nullopt;
  std::filesystem::path path = dir_ / std::string(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return StaticFile{content.str(), std::string(type)};
}

}  // namespace fynd::http
