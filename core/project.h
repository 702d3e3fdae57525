/** The Project record: one indexed unit (a project, or an article of its own kind). */
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fynd {

/// Where a project's text came from: a file and the byte range inside it.
struct SourceRef {
  std::string file;        ///< path as given to the indexer
  std::uint64_t begin = 0; ///< byte offset of the unit's first byte in the file
  std::uint64_t end = 0;   ///< one past the last byte (0 = whole file)
  std::string format;      ///< reader that produced it: text, markdown, html, pdf, json, esf
};

/// The project period as written in the source, ISO dates where known ("2020-01-02").
struct Period {
  std::string start;
  std::string end;
  bool empty() const { return start.empty() && end.empty(); }
};

/// Where a value came from: free text, a structured field of the record, or the page
/// around a unit (inherited). A structured field wins over free text for the same field.
enum class Origin { Text, Structured, Page };

/// How a value was found, for `fynd-index --explain`.
struct Evidence {
  std::string field;  ///< funders, regions, years, themes, budget_sek, ...
  std::string value;  ///< the value it gave
  std::string text;   ///< the words in the source that gave it
  Origin origin = Origin::Text;
  /// False when the value is kept only as evidence and is not on the project (a
  /// structured field of the same kind won, or the theme lacked support).
  bool used = true;
};

enum class ProjectKind { Project, Article };

/// A plain record. Readers fill what is structured in their input; the extractor fills
/// the rest from free text. Stored as JSON in the Xapian document data.
struct Project {
  std::string id;      ///< stable: diarienummer / ärende-id, else derived from source + segment
  ProjectKind kind = ProjectKind::Project;
  std::string title;
  std::string text;    ///< body text as indexed (OCR-repaired where needed)
  std::string display_text;  ///< original body for display when it differs from `text`
  SourceRef source;

  std::vector<std::string> funders;  ///< canonical funder names
  std::vector<std::string> regions;  ///< every level: kommun, län, riksområde, programme region
  std::vector<int> years;            ///< every year the project runs, ascending
  std::vector<std::string> themes;   ///< theme names from the taxonomy
  std::optional<std::int64_t> budget_sek;   ///< total budget
  std::optional<std::int64_t> granted_sek;  ///< granted support (EU or other)
  std::string owner;                 ///< project owner / stödmottagare
  std::string contact;               ///< contact person / project leader
  std::string email;
  Period period;
  std::vector<std::string> partners;
  /// Raw structured fields kept as found (e.g. "tematiskt_mål", "insatsområde").
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<Evidence> evidence;

  /// Adds a value to a list field if not already present.
  static void add_unique(std::vector<std::string>& list, const std::string& value);
  /// Sorts and de-duplicates years.
  void normalise_years();
};

std::string_view kind_name(ProjectKind k);
ProjectKind kind_from_name(std::string_view name);
std::string_view origin_name(Origin o);
Origin origin_from_name(std::string_view name);

class JsonWriter;
/// Writes `s` as the object to_json gives ({"begin","end","file","format"}).
void write_json(JsonWriter& w, const SourceRef& s);
void to_json(nlohmann::json& j, const SourceRef& s);
void from_json(const nlohmann::json& j, SourceRef& s);
/// Writes `p` as the object to_json gives ({"end","start"}).
void write_json(JsonWriter& w, const Period& p);
void to_json(nlohmann::json& j, const Period& p);
void from_json(const nlohmann::json& j, Period& p);
void to_json(nlohmann::json& j, const Evidence& e);
void from_json(const nlohmann::json& j, Evidence& e);
void to_json(nlohmann::json& j, const Project& p);
/// The project as to_json() gives it without "evidence" (the index's stored record drops
/// it; leaving it out here is cheaper than converting it and erasing it).
nlohmann::json to_json_without_evidence(const Project& p);
void from_json(const nlohmann::json& j, Project& p);

}  // namespace fynd
