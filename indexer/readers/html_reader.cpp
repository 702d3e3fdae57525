#include "html_reader.h"

#include <gumbo.h>

#include <memory>

#include "readers/text_reader.h"
#include "text.h"

namespace fynd {
namespace {

bool skipped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_FORM:
      return true;
    default:
      return false;
  }
}

/// Elements that end the running text before them and start a new block.
bool block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

/// Non-breaking spaces are spaces for indexing and block squashing.
std::string plain_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      out.push_back(' ');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// Walks the DOM in document order, emitting one block per run of text.
class BlockCollector {
 public:
  explicit BlockCollector(RawDocument& doc) : doc_(doc) {}

  void walk(const GumboNode* node, BlockType type, int level) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      buffer_ += node->v.text.text;
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& el = node->v.element;
    if (skipped_tag(el.tag)) return;
    if (el.tag == GUMBO_TAG_BR) {
      buffer_.push_back(' ');
      return;
    }
    if (!block_tag(el.tag)) {
      walk_children(el, type, level);  // inline: its text continues the running block
      return;
    }
    flush(type, level);
    BlockType own = BlockType::Paragraph;
    int own_level = 0;
    if (const int h = heading_level(el.tag); h > 0) {
      own = BlockType::Heading;
      own_level = h;
    } else if (el.tag == GUMBO_TAG_LI || el.tag == GUMBO_TAG_DT || el.tag == GUMBO_TAG_DD) {
      own = BlockType::ListItem;
    }
    walk_children(el, own, own_level);
    flush(own, own_level);
  }

  void flush(BlockType type, int level) {
    append_block(doc_, type, plain_spaces(buffer_), level);
    buffer_.clear();
  }

 private:
  void walk_children(const GumboElement& el, BlockType type, int level) {
    for (unsigned i = 0; i < el.children.length; ++i) {
      walk(static_cast<const GumboNode*>(el.children.data[i]), type, level);
    }
  }

  RawDocument& doc_;
  std::string buffer_;
};

const GumboNode* find_tag(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = find_tag(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
  }
  return nullptr;
}

std::string inner_text(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) return node->v.text.text;
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  std::string out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) out += inner_text(static_cast<const GumboNode*>(children.data[i]));
  return out;
}

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

bool HtmlReader::accepts(const std::filesystem::path& path, std::string_view head) const {
  if (has_extension(path, {".html", ".htm", ".xhtml"})) return true;
  const std::string start = sniff_prefix(head, 16);
  return start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0;
}

std::vector<RawDocument> HtmlReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  RawDocument decoded = decode_document(path, bytes, name());
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, decoded.text.data(), decoded.text.size()));

  RawDocument doc;
  doc.source = decoded.source;
  doc.encoding = decoded.encoding;
  doc.warnings = decoded.warnings;
  if (output && output->root) {
    if (const GumboNode* title = find_tag(output->root, GUMBO_TAG_TITLE)) {
      doc.title = text::squash_space(plain_spaces(inner_text(title)));
    }
    BlockCollector collector(doc);
    collector.walk(output->root, BlockType::Paragraph, 0);
    collector.flush(BlockType::Paragraph, 0);
  }
  std::vector<RawDocument> out;
  out.push_back(std::move(doc));
  return out;
}

}  // namespace fynd
