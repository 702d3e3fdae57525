/** Segmenter: splits one page into its project units (and the page context they inherit). */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "project.h"
#include "readers/reader.h"

namespace fynd {

/// One project (or article) found on a page, before extraction.
struct Segment {
  ProjectKind kind = ProjectKind::Project;
  std::string title;
  std::string body;        ///< the unit's text without its title, paragraphs joined by blank lines
  std::size_t begin = 0;   ///< byte range of the unit in RawDocument::text
  std::size_t end = 0;
  std::string number;      ///< diarienummer / project number when the unit states one
};

/// What a page holds: its projects and the page-level text they inherit from.
struct Segmentation {
  std::string page_title;
  std::string context;  ///< page introduction, funding statements, FAQ sections
  std::vector<Segment> units;
};

/// Splits a page into project units. It recognises three shapes:
///  - brochure: units start at markers ("PROJEKTEXEMPEL 3", "Samarbetet med …");
///  - news article: a dated headline; bullets naming a project and its leader
///    ("• Bas Kalmar, projektledare Anna Åhman") are units, the rest is one Article;
///  - web page: headings (real or inferred: a short line without a final period followed
///    by a body paragraph) start units; the first section and question headings are context.
/// Page furniture (cookie banners, "Senast granskad", contact footers, quotes with their
/// attribution, "Länk till annan webbplats") is dropped before segmentation.
class Segmenter {
 public:
  Segmentation segment(const RawDocument& doc) const;
};

}  // namespace fynd
