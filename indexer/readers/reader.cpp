#include "reader.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

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

void append_block(RawDocument& doc, BlockType type, std::string_view text, int level) {
  if (type == BlockType::PageBreak) {
    Block pb;
    pb.type = BlockType::PageBreak;
    pb.begin = pb.end = doc.text.size();
    doc.text.push_back('\f');
    doc.blocks.push_back(pb);
    return;
  }
  std::string squashed = text::squash_space(text);
  if (squashed.empty()) return;
  if (!doc.text.empty() && doc.text.back() != '\f') doc.text.push_back('\n');
  Block b;
  b.type = type;
  b.level = level;
  b.begin = doc.text.size();
  doc.text += squashed;
  b.end = doc.text.size();
  b.text = std::move(squashed);
  doc.blocks.push_back(std::move(b));
}

void Reader::read_stream(const std::filesystem::path& path, std::istream& in, const DocumentSink& sink) const {
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(path.string() + ": cannot read: " + std::strerror(errno));
  for (RawDocument& doc : read(path, bytes)) sink(std::move(doc));
}

void read_documents(const Reader& reader, const std::filesystem::path& path, const DocumentSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open: " + std::strerror(errno));
  reader.read_stream(path, in, sink);
}

bool has_extension(const std::filesystem::path& path, std::initializer_list<std::string_view> exts) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : exts) {
    if (ext == e) return true;
  }
  return false;
}

std::string sniff_prefix(std::string_view head, std::size_t n) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t' || head.front() == '\n' ||
                           head.front() == '\r')) {
    head.remove_prefix(1);
  }
  std::string out(head.substr(0, n));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace fynd
