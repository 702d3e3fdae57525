#include "html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <utility>
#include <vector>

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

/// Non-breaking spaces are spaces for indexing and block squashing. gumbo can hand back
/// ill-formed UTF-8 from well-formed input (seen with broken character references): U+FFFD.
std::string plain_spaces(std::string_view s) {
  if (!text::is_valid_utf8(s)) return plain_spaces(text::nfc(s));
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

/// Walks the DOM in document order, emitting one block per run of text. The walk keeps
/// its own stack, so a deeply nested page cannot exhaust the thread's stack.
class BlockCollector {
 public:
  explicit BlockCollector(RawDocument& doc) : doc_(doc) {}

  void walk(const GumboNode* root, BlockType type, int level) {
    // A frame is an element whose children are being visited; `next` is the next child.
    struct Frame {
      const GumboElement* el;
      unsigned next;
      BlockType type;
      int level;
      bool block;  ///< flush when leaving it
    };
    std::vector<Frame> stack;
    auto visit = [&](const GumboNode* node, BlockType t, int l) {
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
        stack.push_back({&el, 0, t, l, false});  // inline: its text continues the running block
        return;
      }
      flush(t, l);
      BlockType own = BlockType::Paragraph;
      int own_level = 0;
      if (const int h = heading_level(el.tag); h > 0) {
        own = BlockType::Heading;
        own_level = h;
      } else if (el.tag == GUMBO_TAG_LI || el.tag == GUMBO_TAG_DT || el.tag == GUMBO_TAG_DD) {
        own = BlockType::ListItem;
      }
      stack.push_back({&el, 0, own, own_level, true});
    };
    visit(root, type, level);
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < f.el->children.length) {
        const auto* child = static_cast<const GumboNode*>(f.el->children.data[f.next++]);
        const BlockType t = f.type;
        const int l = f.level;
        visit(child, t, l);  // may push, invalidating `f`
        continue;
      }
      if (f.block) flush(f.type, f.level);
      stack.pop_back();
    }
  }

  void flush(BlockType type, int level) {
    append_block(doc_, type, plain_spaces(buffer_), level);
    buffer_.clear();
  }

 private:
  RawDocument& doc_;
  std::string buffer_;
};

/// Calls `fn` on every node below and including `root` in document order, without
/// recursion; stops early when `fn` returns true and returns that node.
template <typename Fn>
const GumboNode* preorder(const GumboNode* root, Fn fn) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (fn(node)) return node;
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return nullptr;
}

const GumboNode* find_tag(const GumboNode* root, GumboTag tag) {
  return preorder(root, [&](const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag; });
}

std::string inner_text(const GumboNode* root) {
  std::string out;
  preorder(root, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) out += n->v.text.text;
    return false;
  });
  return out;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == ':' || c == '_';
}

/// Elements that never hold children, or whose end tag may be left out: for the depth
/// scan they do not nest.
bool non_nesting(std::string_view name) {
  static constexpr std::array<std::string_view, 28> kNames = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
      "param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td",
      "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "!doctype"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Where "</name" (any case) next starts at or after `from`; npos if never.
std::size_t find_end_tag(std::string_view html, std::string_view name, std::size_t from) {
  for (std::size_t i = from; (i = html.find("</", i)) != std::string_view::npos; i += 2) {
    if (lower_ascii(html.substr(i + 2, name.size())) == name) return i;
  }
  return std::string_view::npos;
}

/// Where the tag starting at `open` ends (one past '>'), quotes respected; npos if never.
std::size_t tag_end(std::string_view html, std::size_t open) {
  char quote = 0;
  for (std::size_t i = open + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

std::size_t cap_nesting(std::string& html, std::size_t max_depth) {
  const std::string_view h(html);
  std::vector<std::pair<std::size_t, std::size_t>> drop;  // byte ranges of removed tags
  std::size_t depth = 0;
  std::size_t i = 0;
  while ((i = h.find('<', i)) != std::string_view::npos) {
    if (h.substr(i, 4) == "<!--") {
      const std::size_t end = h.find("-->", i + 4);
      i = end == std::string_view::npos ? h.size() : end + 3;
      continue;
    }
    const bool closing = i + 1 < h.size() && h[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_begin = j;
    while (j < h.size() && is_name_char(h[j])) ++j;
    if (j == name_begin || !std::isalpha(static_cast<unsigned char>(h[name_begin]))) {
      ++i;  // a lone '<' in text
      continue;
    }
    const std::size_t end = tag_end(h, i);
    if (end == std::string_view::npos) break;
    const std::string name = lower_ascii(h.substr(name_begin, j - name_begin));
    if (!closing && (name == "script" || name == "style")) {
      const std::size_t close = find_end_tag(h, name, end);
      i = close == std::string_view::npos ? h.size() : close;
      continue;
    }
    const bool self_closing = h[end - 2] == '/';
    if (non_nesting(name) || (!closing && self_closing)) {
      i = end;
      continue;
    }
    if (closing) {
      if (depth > max_depth) drop.emplace_back(i, end);
      if (depth > 0) --depth;
    } else if (++depth > max_depth) {
      drop.emplace_back(i, end);
    }
    i = end;
  }
  if (drop.empty()) return 0;
  std::string out;
  out.reserve(html.size());
  std::size_t from = 0;
  for (const auto& [b, e] : drop) {
    out.append(h.substr(from, b - from));
    from = e;
  }
  out.append(h.substr(from));
  html = std::move(out);
  return drop.size();
}

bool HtmlReader::accepts(const std::filesystem::path& path, std::string_view head) const {
  if (has_extension(path, {".html", ".htm", ".xhtml"})) return true;
  const std::string start = sniff_prefix(head, 16);
  return start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0;
}

std::vector<RawDocument> HtmlReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  RawDocument decoded = decode_document(path, bytes, name());
  // The parser's time grows with the square of the nesting depth and it frees the tree
  // recursively: a page nested deeper than any real one is flattened first.
  if (const std::size_t dropped = cap_nesting(decoded.text, kMaxHtmlDepth); dropped > 0) {
    decoded.warnings.push_back(path.string() + ": HTML nested deeper than " + std::to_string(kMaxHtmlDepth) +
                               " elements; " + std::to_string(dropped) + " deeper tags ignored, their text kept");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;  // the parse-error list is not used; keep it small
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&options, decoded.text.data(), decoded.text.size()));

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
