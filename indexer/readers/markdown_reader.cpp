#include "markdown_reader.h"

#include "readers/text_reader.h"
#include "text.h"

namespace fynd {
namespace {

/// The level of an ATX heading line ("## Mål" -> 2), 0 if it is none.
int heading_level(std::string_view line) {
  int level = 0;
  while (level < static_cast<int>(line.size()) && line[static_cast<std::size_t>(level)] == '#') ++level;
  if (level == 0 || level > 6) return 0;
  const auto n = static_cast<std::size_t>(level);
  if (n < line.size() && line[n] != ' ' && line[n] != '\t') return 0;
  return level;
}

/// The length of a list marker ("- ", "* ", "+ ", "12. "), 0 if the line has none.
std::size_t list_marker(std::string_view line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') return 2;
  std::size_t i = 0;
  while (i < line.size() && i < 9 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ') return i + 2;
  return 0;
}

/// Drops emphasis and code markers ("**Hållbar**" -> "Hållbar"); links stay as written.
std::string strip_inline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '`') continue;
    if ((s[i] == '*' || s[i] == '_') && i + 1 < s.size() && s[i + 1] == s[i]) {
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

bool MarkdownReader::accepts(const std::filesystem::path& path, std::string_view /*head*/) const {
  return has_extension(path, {".md", ".markdown"});
}

std::vector<RawDocument> MarkdownReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  RawDocument source = decode_document(path, bytes, name());
  RawDocument doc;
  doc.source = source.source;
  doc.encoding = source.encoding;
  doc.warnings = source.warnings;

  std::string paragraph;
  auto flush = [&] {
    append_block(doc, BlockType::Paragraph, strip_inline(paragraph));
    paragraph.clear();
  };
  std::string_view rest = source.text;
  bool in_code = false;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view raw = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    const std::string_view line = text::trim(raw);
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") {
      flush();
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      append_block(doc, BlockType::Line, line);
      continue;
    }
    if (line.empty()) {
      flush();
      continue;
    }
    if (const int level = heading_level(line); level > 0) {
      flush();
      std::string_view heading = text::trim(line.substr(static_cast<std::size_t>(level)));
      while (!heading.empty() && heading.back() == '#') heading.remove_suffix(1);  // closing #s
      heading = text::trim(heading);
      const std::string clean = strip_inline(heading);
      if (doc.title.empty() && level == 1) doc.title = text::squash_space(clean);
      append_block(doc, BlockType::Heading, clean, level);
      continue;
    }
    if (const std::size_t marker = list_marker(line); marker > 0) {
      flush();
      append_block(doc, BlockType::ListItem, strip_inline(line.substr(marker)));
      continue;
    }
    if (!paragraph.empty()) paragraph.push_back(' ');
    paragraph += line;
  }
  flush();
  std::vector<RawDocument> out;
  out.push_back(std::move(doc));
  return out;
}

}  // namespace fynd
