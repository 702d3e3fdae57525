#include "reader.h"

#include "text.h"

namespace fynd {

std::vector<Block> line_blocks(std::string_view text) {
  std::vector<Block> blocks;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find_first_of("\n\f", start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    std::string_view trimmed = text::trim(line);
    if (!trimmed.empty()) {
      Block b;
      b.type = BlockType::Line;
      b.text = text::squash_space(trimmed);
      b.begin = static_cast<std::size_t>(trimmed.data() - text.data());
      b.end = b.begin + trimmed.size();
      blocks.push_back(std::move(b));
    }
    if (nl < text.size() && text[nl] == '\f') {
      Block pb;
      pb.type = BlockType::PageBreak;
      pb.begin = pb.end = nl;
      blocks.push_back(pb);
    }
    start = nl + 1;
  }
  return blocks;
}

}  // namespace fynd
