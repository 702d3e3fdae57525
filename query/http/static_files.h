/** StaticFiles: the search page's files (web/), served by name without directory walking. */
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fynd::http {

struct StaticFile {
  std::string content;
  std::string mime_type;
};

/// Serves plain files directly inside one directory. Names with a slash, a leading dot or
/// an unknown extension are never served.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
  /// The file's content and type, or nullopt if there is no such servable file.
  std::optional<StaticFile> load(std::string_view name) const;
  /// The MIME type of a file name by its extension, or empty if not served.
  static std::string_view mime_type(std::string_view name);

 private:
  std::filesystem::path dir_;
};

}  // namespace fynd::http
