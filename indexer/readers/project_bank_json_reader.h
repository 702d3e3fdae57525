/** ProjectBankJsonReader: project-bank records in JSON (array) or JSONL, one project each. */
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "reader.h"

namespace fynd {

/// Reads Tillväxtverket-style project-bank exports: a .json array of objects (or one
/// object), or .jsonl/.ndjson with one object a line. Each record becomes a RawDocument
/// with `record` set (id from "ärende-id", title, owner, contact, amounts, period, years,
/// regions, funders, raw fields). A malformed file throws one InputError naming the file
/// and the parser's position; a bad record in a good file is skipped with a warning; a
/// valid JSON file without any project record throws NotIndexable.
/// Streamed, a bad record's warning travels on a document of its own, without text.
class ProjectBankJsonReader : public Reader {
 public:
  std::string_view name() const override { return "json"; }
  bool accepts(const std::filesystem::path& path, std::string_view head) const override;
  std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const override;
  /// JSON Lines in UTF-8 are read one line at a time (memory holds one record); JSON
  /// arrays and other encodings are decoded as a whole.
  void read_stream(const std::filesystem::path& path, std::istream& in, const DocumentSink& sink) const override;
  bool streams(const std::filesystem::path& path) const override;

  /// Maps one record onto a Project; `ordinal` (1-based) names records without an id.
  /// Throws InputError when the record is not an object or has neither name nor text.
  static Project to_project(const nlohmann::json& record, const std::filesystem::path& path, std::size_t ordinal);
};

}  // namespace fynd
