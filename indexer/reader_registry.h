/** ReaderRegistry: picks the Reader for a file by extension and content sniffing. */
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "readers/reader.h"

namespace fynd {

/// The format readers in the order they are asked: PDF, XLSX, project-bank JSON, HTML,
/// Markdown, CSV, ESF key/value records, and plain text last (it accepts everything).
class ReaderRegistry {
 public:
  /// The standard registry with every built-in reader.
  ReaderRegistry();
  /// The standard registry whose spreadsheet readers also know the column mapping in
  /// `columns_file` (fynd-index --columns); an empty path means the built-in profiles.
  /// Throws InputError naming the file when it cannot be read or parsed.
  explicit ReaderRegistry(const std::filesystem::path& columns_file);

  /// How many leading bytes of a file `reader_for` wants to see.
  static constexpr std::size_t kHeadBytes = 8192;

  /// The first reader that accepts the file; `head` is its first kHeadBytes bytes.
  const Reader& reader_for(const std::filesystem::path& path, std::string_view head) const;
  /// The reader with this name (text, markdown, html, pdf, json, esf, csv, xlsx), or null.
  const Reader* find(std::string_view name) const;

  /// Adds a reader ahead of the built-in ones (for tests and future formats).
  void add_front(std::unique_ptr<Reader> reader);

 private:
  std::vector<std::unique_ptr<Reader>> readers_;
};

}  // namespace fynd
