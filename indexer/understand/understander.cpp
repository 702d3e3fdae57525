#include "understander.h"

#include <filesystem>

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

Understander::Understander() = default;

std::vector<Project> Understander::projects(const RawDocument& doc) const {
  if (doc.record) {
    Project p = *doc.record;
    if (p.source.file.empty()) p.source = doc.source;
    return {p};
  }
  Project p;
  const std::string stem = std::filesystem::path(doc.source.file).stem().string();
  p.id = make_id(stem.empty() ? doc.source.file : stem);
  p.source = doc.source;
  p.text = doc.text;
  p.title = doc.title;
  if (p.title.empty()) {
    for (const Block& b : doc.blocks) {
      if (b.type != BlockType::PageBreak && !b.text.empty()) {
        p.title = b.text.substr(0, 200);
        break;
      }
    }
  }
  return {p};
}

}  // namespace fynd
