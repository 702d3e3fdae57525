/** Understander: turns one RawDocument into the projects it holds, with their metadata. */
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "project.h"
#include "readers/reader.h"

namespace fynd {

class Analyzer;
class Extractor;
class OcrRepair;
class Segmenter;

/// The document-understanding step of the pipeline, in order:
///  1. structured records (ESF, ERDF) pass through; only extraction adds to them;
///  2. Segmenter: the page's project units and its page-level context;
///  3. OCR repair of each unit's text when the page is OCR-damaged (the original stays
///     as display_text); segmentation runs on the original so byte ranges stay true;
///  4. Extractor on each unit, then inheritance of the page context (funders; regions and
///     years the unit lacks).
/// Thread-safe after construction.
class Understander {
 public:
  Understander();
  ~Understander();
  Understander(const Understander&) = delete;
  Understander& operator=(const Understander&) = delete;

  /// The projects of one document, ids stable across runs.
  std::vector<Project> projects(const RawDocument& doc) const;

 private:
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<Segmenter> segmenter_;
  std::unique_ptr<OcrRepair> ocr_;  ///< null when no Swedish dictionary is installed
};

/// A URL-safe id ([a-z0-9._-]) from free text, e.g. "2019/00503" -> "2019-00503".
std::string make_id(std::string_view raw);

}  // namespace fynd
