/** Understander: turns one RawDocument into the projects it holds, with their metadata. */
#pragma once

#include <string>
#include <vector>

#include "project.h"
#include "readers/reader.h"

namespace fynd {

/// The document-understanding step of the pipeline (Normaliser -> Segmenter -> Extractor).
/// Structured records pass through with their fields; free text becomes one project per
/// file. Thread-safe after construction.
class Understander {
 public:
  Understander();
  /// The projects of one document, ids stable across runs.
  std::vector<Project> projects(const RawDocument& doc) const;
};

/// A URL-safe id ([a-z0-9._-]) from free text, e.g. "2019/00503" -> "2019-00503".
std::string make_id(std::string_view raw);

}  // namespace fynd
