#include "static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#ifndef FYND_WEB_RELATIVE_TO_BIN
#define FYND_WEB_RELATIVE_TO_BIN "../share/fynd/web"
#endif

namespace fynd::http {
namespace {

bool servable_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.size() > 100) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

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
  if (!servable_name(name)) return std::nullopt;
  std::string_view type = mime_type(name);
  if (type.empty()) return std::nullopt;
  if (dir_.empty()) {
    auto content = web_resources::find(name);
    if (!content) return std::nullopt;
    return StaticFile{std::string(*content), std::string(type)};
  }
  std::filesystem::path path = dir_ / std::string(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return StaticFile{content.str(), std::string(type)};
}

std::filesystem::path StaticFiles::installed_dir(const std::filesystem::path& exe) {
  if (exe.empty()) return {};
  std::filesystem::path dir = (exe.parent_path() / FYND_WEB_RELATIVE_TO_BIN).lexically_normal();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / "index.html", ec)) return {};
  return dir;
}

std::filesystem::path StaticFiles::installed_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return installed_dir(exe);
}

std::vector<std::string_view> StaticFiles::compiled_in_names() { return web_resources::names(); }

}  // namespace fynd::http
