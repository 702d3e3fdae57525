#include "understander.h"

#include <filesystem>
#include <set>

#include "analyzer.h"
#include "error.h"
#include "extractor.h"
#include "gazetteer.h"
#include "ocr_repair.h"
#include "segmenter.h"
#include "text.h"

namespace fynd {

std::string make_id(std::string_view raw) {
  std::string folded = text::strip_diacritics(text::fold_case(raw));
  std::string id;
  for (char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (keep) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '-') {
      id.push_back('-');
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

namespace {

/// A title slug of at most ~48 bytes, cut at a word boundary.
std::string slug(std::string_view title) {
  std::string s = make_id(title);
  if (s.size() <= 48) return s;
  const auto cut = s.rfind('-', 48);
  return s.substr(0, cut == std::string::npos || cut < 16 ? 48 : cut);
}

}  // namespace

Understander::Understander()
    : analyzer_(std::make_unique<Analyzer>()),
      extractor_(std::make_unique<Extractor>(Gazetteer::standard(), *analyzer_)),
      segmenter_(std::make_unique<Segmenter>()) {
  try {
    ocr_ = std::make_unique<OcrRepair>(Gazetteer::standard().name_words());
  } catch (const Error&) {
    ocr_.reset();  // no sv_SE dictionary: OCR'd pages are indexed as they are
  }
}

Understander::~Understander() = default;

std::vector<Project> Understander::projects(const RawDocument& doc) const {
  if (doc.record) {
    Project p = *doc.record;
    if (p.source.file.empty()) p.source = doc.source;
    extractor_->extract(p);
    std::vector<Project> out;
    out.push_back(std::move(p));  // `return {p}` would copy the project
    return out;
  }
  const std::string stem = std::filesystem::path(doc.source.file).stem().string();
  const std::string base = make_id(stem.empty() ? doc.source.file : stem);
  const Segmentation seg = segmenter_->segment(doc);
  const bool ocr = ocr_ != nullptr && ocr_->assess(doc.text).damaged();
  auto repair = [&](const std::string& s) { return ocr ? ocr_->repair(s) : s; };

  Project page;
  page.title = repair(seg.page_title);
  page.text = repair(seg.context);
  extractor_->extract(page);

  std::vector<Project> out;
  std::set<std::string> ids;
  for (const Segment& s : seg.units) {
    Project p;
    p.kind = s.kind;
    p.title = repair(s.title);
    p.text = repair(s.body);
    if (p.text != s.body) p.display_text = s.body;
    p.source = doc.source;
    p.source.begin = doc.source.begin + s.begin;
    p.source.end = doc.source.begin + s.end;
    std::string id = s.number.empty() ? base + "-" + slug(p.title) : make_id(s.number);
    if (id.empty() || id == base + "-") id = base + "-" + std::to_string(out.size() + 1);
    for (int n = 2; ids.count(id) > 0; ++n) id = id + "-" + std::to_string(n);
    ids.insert(id);
    p.id = id;
    extractor_->extract(p);
    extractor_->inherit(p, page);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fynd
