#include "segmenter.h"

#include <algorithm>
#include <regex>

#include "text.h"

namespace fynd {

namespace {

/// A paragraph: consecutive lines of a plain-text page, or one block of a marked-up page.
struct Para {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool markup_heading = false;
  int level = 0;
  bool list_item = false;
  bool drop = false;

  const std::string& first() const { return lines.front(); }
  std::string joined(const char* sep = "\n") const {
    std::string s;
    for (const std::string& l : lines) s += (s.empty() ? "" : sep) + l;
    return s;
  }
  std::size_t size() const {
    std::size_t n = 0;
    for (const std::string& l : lines) n += l.size();
    return n;
  }
};

std::string lower(std::string_view s) { return text::fold_case(s); }

bool starts_with_any(const std::string& s, std::initializer_list<const char*> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const char* p) { return s.starts_with(p); });
}

bool is_bullet(const std::string& s) { return starts_with_any(s, {"•", "·", "▪", "◦", "* "}); }

bool starts_capitalised(const std::string& s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Å Ä Ö É Ü (UTF-8 C3 80..C3 9E)
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0x80 && static_cast<unsigned char>(s[1]) <= 0x9E;
}

char last_char(const std::string& s) { return s.empty() ? ' ' : s.back(); }

/// "Projektledare: …", "Diarienummer:": a label starting a field line.
bool is_label(const std::string& s) {
  static const std::regex label("^[A-ZÅÄÖ][A-Za-zÅÄÖåäöéü /-]{1,40}:( |$)");
  return std::regex_search(s, label);
}

/// Sub-headings inside a project: they never start a new unit.
bool is_subheading_label(const std::string& s) {
  std::string l = lower(s);
  while (!l.empty() && (l.back() == ':' || l.back() == ' ')) l.pop_back();
  static const char* const labels[] = {"finansiering", "kontaktperson", "kontaktpersoner", "kontakt", "syfte",
                                       "bakgrund", "mål", "målgrupp", "resultat", "kort om projektet",
                                       "projektets syfte och resultat", "om projektet", "projektledare",
                                       "partner", "partners", "samarbetspartners", "budget", "tidsplan",
                                       "aktiviteter", "projektägare", "läs mer", "mer information"};
  return std::any_of(std::begin(labels), std::end(labels), [&](const char* x) { return l == x; });
}

bool is_date_line(const std::string& s) {
  static const std::regex date(
      "^\\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) "
      "(19|20)\\d\\d$",
      std::regex::icase);
  return std::regex_search(s, date);
}

/// Heading-shaped: one short line, capitalised, without a final period, not a label.
bool heading_shaped(const Para& p) {
  if (p.markup_heading) return true;
  if (p.list_item || p.lines.size() != 1) return false;
  const std::string& s = p.first();
  if (s.size() > 110 || s.size() < 3 || !starts_capitalised(s) || is_bullet(s) || is_label(s) || is_date_line(s)) return false;
  const char c = last_char(s);
  return c != '.' && c != ',' && c != ';' && c != ':' && c != '!';
}

bool body_like(const Para& p) {
  if (p.markup_heading) return false;
  const std::size_t n = p.size();
  const char c = last_char(p.lines.back());
  return n > 120 || p.lines.size() >= 2 || (n >= 40 && (c == '.' || c == '!' || c == '?' || c == ':'));
}

/// A line attributing a quote: "Per Sandberg, förvaltningschef, Växjö kommun".
bool is_attribution(const Para& p) {
  if (p.lines.size() != 1) return false;
  const std::string& s = p.first();
  if (s.size() > 100 || s.find(", ") == std::string::npos || last_char(s) == '.' || is_label(s)) return false;
  const auto space = s.find(' ');
  if (space == std::string::npos) return false;
  return starts_capitalised(s) && starts_capitalised(s.substr(space + 1));
}

bool starts_with_dash(const std::string& s) { return starts_with_any(s, {"- ", "— ", "– "}); }

/// Role bullets: "• Bas Kalmar, projektledare Anna Åhman" -> title "Bas Kalmar".
bool role_bullet(const Para& p, std::string& title) {
  static const std::regex re("^(?:(?:•|·|▪|◦|\\*)\\s*)?(.+?),\\s*(?:projektledare|projektägare|kontaktperson|projektansvarig)\\b");
  if (!(p.list_item || is_bullet(p.first()))) return false;
  std::smatch m;
  if (!std::regex_search(p.first(), m, re)) return false;
  title = text::squash_space(m[1].str());
  return true;
}

std::vector<Para> build_paragraphs(const RawDocument& doc) {
  std::vector<Block> blocks = doc.blocks.empty() ? line_blocks(doc.text) : doc.blocks;
  std::vector<Para> paras;
  bool open = false;
  std::size_t prev_end = 0;
  for (const Block& b : blocks) {
    if (b.type == BlockType::PageBreak) {
      open = false;
      continue;
    }
    if (b.text.empty()) continue;
    if (b.type == BlockType::Line) {
      std::size_t newlines = 0;
      for (std::size_t i = prev_end; i < b.begin && i < doc.text.size(); ++i) newlines += doc.text[i] == '\n';
      // Bullets start their own paragraph; lines indented under a bullet continue it.
      const bool bullet = is_bullet(b.text);
      if (!open || newlines >= 2 || bullet) {
        paras.push_back({});
        paras.back().begin = b.begin;
      }
      paras.back().lines.push_back(b.text);
      paras.back().end = b.end;
      open = true;
    } else {
      Para p;
      p.lines.push_back(b.text);
      p.begin = b.begin;
      p.end = b.end;
      p.markup_heading = b.type == BlockType::Heading;
      p.level = b.level;
      p.list_item = b.type == BlockType::ListItem;
      paras.push_back(std::move(p));
      open = false;
    }
    prev_end = b.end;
  }
  return paras;
}

/// Marks page furniture: cookie banners, link labels, footers, quotes and their attribution.
void drop_furniture(std::vector<Para>& paras) {
  static const std::regex info("^Information \\(\\d+\\)$");
  bool footer = false;
  for (std::size_t i = 0; i < paras.size(); ++i) {
    Para& p = paras[i];
    const std::string l = lower(p.joined(" "));
    const std::string first = lower(p.first());
    if (footer) {
      p.drop = true;
      continue;
    }
    if (first.starts_with("senast granskad") || first.starts_with("senast publicerad") ||
        first.starts_with("senast uppdaterad") || p.first() == "KONTAKT") {
      footer = true;
      p.drop = true;
      continue;
    }
    const bool contact_line = l.find("www.") != std::string::npos &&
                              (l.find('@') != std::string::npos || l.find("tel") != std::string::npos) && p.size() < 160;
    std::size_t letters = 0;
    for (char c : l) letters += (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
    if (l.find("cookie") != std::string::npos || l.find("länk till annan webbplats") != std::string::npos ||
        first == "lär dig mer" || first == "eu-flaggan." || std::regex_search(p.first(), info) || contact_line ||
        letters == 0) {
      p.drop = true;
      continue;
    }
    // A quote: a paragraph opening with a dash, up to the attribution line.
    if (starts_with_dash(p.first()) && !is_label(p.first().substr(2))) {
      for (std::size_t j = i + 1; j < paras.size() && j <= i + 4; ++j) {
        if (starts_with_dash(paras[j].first())) break;
        if (is_attribution(paras[j])) {
          for (std::size_t k = i; k <= j; ++k) paras[k].drop = true;
          break;
        }
      }
    }
  }
}

/// Removes OCR debris after a title: "Socialt entreprenorskap Kosovo cstxos 2" -> "… Kosovo".
std::string clean_title(std::string title) {
  static const std::regex number_prefix("^\\d{4}/\\d+\\s*[-–]\\s*");
  title = std::regex_replace(title, number_prefix, "");
  title = text::squash_space(title);
  static const std::regex junk_digit(" (?:\\d{1,2}|[a-z]{1,2}\\d{1,2})$");
  static const std::regex consonants(" [a-z]*[bcdfghjklmnpqrstvwxz]{4,}[a-z]*$");
  bool stripped = false;
  while (std::regex_search(title, junk_digit)) {
    title = std::regex_replace(title, junk_digit, "");
    stripped = true;
  }
  if (stripped) title = std::regex_replace(title, consonants, "");
  // "utbildnings-\nförvaltningen" style breaks inside a title
  static const std::regex soft_hyphen("([a-zåäö])- ([a-zåäö])");
  return std::regex_replace(title, soft_hyphen, "$1$2");
}

std::string number_of(const std::string& body) {
  static const std::regex re("(?:Diarienummer|Projektnummer|Ärende-id|Ärendenummer)\\s*:?\\s*\\n?\\s*(\\d{4}/\\d+|\\d{6,})");
  std::smatch m;
  return std::regex_search(body, m, re) ? m[1].str() : "";
}

struct Builder {
  const std::vector<Para>& paras;
  Segmentation out;

  void add_context(const Para& p) { out.context += (out.context.empty() ? "" : "\n\n") + p.joined(); }

  Segment& start(ProjectKind kind, std::string title, const Para& p) {
    Segment s;
    s.kind = kind;
    s.title = clean_title(std::move(title));
    s.begin = p.begin;
    s.end = p.end;
    out.units.push_back(std::move(s));
    return out.units.back();
  }
  static void append(Segment& s, const std::string& text, std::size_t end) {
    s.body += (s.body.empty() ? "" : "\n\n") + text;
    s.end = std::max(s.end, end);
  }
};

std::vector<std::size_t> content_of(const std::vector<Para>& paras) {
  std::vector<std::size_t> c;
  for (std::size_t i = 0; i < paras.size(); ++i) {
    if (!paras[i].drop) c.push_back(i);
  }
  return c;
}

enum class Marker { None, Example, Partnership, Context };

Marker marker_of(const Para& p) {
  static const std::regex example("^(?:PROJEKTEXEMPEL|Projektexempel)\\s*\\d*");
  static const std::regex partnership("^(?:Samarbetet|Partnerskapet) med ");
  static const std::regex context("^(?:Positiva resultat|Projektresultat|Se filmen|L\\S{1,3}s mer)");
  if (std::regex_search(p.first(), example)) return Marker::Example;
  if (std::regex_search(p.first(), partnership)) return Marker::Partnership;
  if (std::regex_search(p.first(), context)) return Marker::Context;
  return Marker::None;
}

void brochure(Builder& b, const std::vector<std::size_t>& content) {
  static const std::regex example_head("^(?:PROJEKTEXEMPEL|Projektexempel)\\s*\\d*\\s*");
  Segment* current = nullptr;
  bool in_title = false;
  std::size_t title_lines = 0;
  for (std::size_t n = 0; n < content.size(); ++n) {
    const Para& p = b.paras[content[n]];
    if (n == 0) {
      b.out.page_title = p.joined(" ");
      b.add_context(p);
      continue;
    }
    const Marker m = marker_of(p);
    if (m == Marker::Context) {
      current = nullptr;
      b.add_context(p);
      continue;
    }
    if (m == Marker::Partnership) {
      current = &b.start(ProjectKind::Project, p.joined(" "), p);
      in_title = false;
      continue;
    }
    std::vector<std::string> lines = p.lines;
    if (m == Marker::Example) {
      current = &b.start(ProjectKind::Project, "", p);
      lines.front() = std::regex_replace(lines.front(), example_head, "");
      if (lines.front().empty()) lines.erase(lines.begin());
      in_title = true;
      title_lines = 0;
    }
    if (current == nullptr) {
      b.add_context(p);
      continue;
    }
    std::string rest;
    for (const std::string& line : lines) {
      const bool stop = line.find(" & ") != std::string::npos || lower(line).find("kommun") != std::string::npos ||
                        line.starts_with("Kort om") || title_lines >= 3;
      if (in_title && !stop) {
        current->title = clean_title(current->title + " " + line);
        ++title_lines;
        continue;
      }
      in_title = false;
      rest += (rest.empty() ? "" : "\n") + line;
    }
    if (!rest.empty()) Builder::append(*current, rest, p.end);
    else current->end = std::max(current->end, p.end);
  }
}

/// Splits role bullets ("• Bas Kalmar, projektledare …") with their following paragraphs
/// out of `section`; returns the paragraphs left over.
std::vector<std::size_t> split_role_bullets(Builder& b, const std::vector<std::size_t>& section) {
  std::vector<std::size_t> rest;
  Segment* current = nullptr;
  for (std::size_t i : section) {
    const Para& p = b.paras[i];
    std::string title;
    if (role_bullet(p, title)) {
      current = &b.start(ProjectKind::Project, title, p);
      Builder::append(*current, p.joined(), p.end);
      continue;
    }
    if (current != nullptr && !(p.list_item || is_bullet(p.first())) && !heading_shaped(p)) {
      Builder::append(*current, p.joined(), p.end);
      continue;
    }
    current = nullptr;
    rest.push_back(i);
  }
  return rest;
}

void article(Builder& b, const std::vector<std::size_t>& content) {
  const Para& head = b.paras[content.front()];
  b.out.page_title = head.joined(" ");
  std::vector<std::size_t> tail(content.begin() + 1, content.end());
  // The article is the first unit; the role bullets follow it.
  b.start(ProjectKind::Article, b.out.page_title, head);
  const std::vector<std::size_t> rest = split_role_bullets(b, tail);
  Segment& art = b.out.units.front();
  for (std::size_t i : rest) {
    Builder::append(art, b.paras[i].joined(), b.paras[i].end);
  }
  b.out.context = art.title + "\n\n" + art.body;
}

void webpage(Builder& b, const std::vector<std::size_t>& content, const RawDocument& doc) {
  // Sections: each starts at a heading (markup, or inferred from shape and what follows).
  int unit_level = 0;
  {
    std::vector<int> levels;
    for (std::size_t i : content) {
      if (b.paras[i].markup_heading) levels.push_back(b.paras[i].level);
    }
    if (!levels.empty()) {
      std::vector<int> sorted = levels;
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      // A lone top heading is the page title; units sit one level below it.
      const bool lone_top = std::count(levels.begin(), levels.end(), sorted.front()) == 1 && sorted.size() > 1;
      unit_level = lone_top ? sorted[1] : sorted.front();
    }
  }
  struct Section {
    std::size_t head = SIZE_MAX;
    std::vector<std::size_t> body;
    bool question = false;
  };
  std::vector<Section> sections(1);
  for (std::size_t n = 0; n < content.size(); ++n) {
    const std::size_t i = content[n];
    const Para& p = b.paras[i];
    bool heading = false;
    if (p.markup_heading) {
      heading = p.level <= unit_level || n == 0;
    } else if (unit_level == 0 && heading_shaped(p) && !is_subheading_label(p.first())) {
      const Para& prev = b.paras[content[n > 0 ? n - 1 : 0]];
      const bool after_label = n > 0 && prev.lines.size() == 1 && is_subheading_label(prev.first());
      const bool next_body = n + 1 < content.size() && body_like(b.paras[content[n + 1]]);
      heading = !after_label && next_body;
    }
    if (heading && !(sections.size() == 1 && sections[0].head == SIZE_MAX && sections[0].body.empty())) {
      sections.push_back({});
    }
    if (heading) {
      sections.back().head = i;
      sections.back().question = last_char(p.first()) == '?';
    } else {
      sections.back().body.push_back(i);
    }
  }
  const bool single = sections.size() == 1;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    const Section& sec = sections[s];
    const bool context = !single && (s == 0 || sec.question);
    if (context) {
      if (s == 0 && sec.head != SIZE_MAX) b.out.page_title = b.paras[sec.head].joined(" ");
      if (sec.head != SIZE_MAX) b.add_context(b.paras[sec.head]);
      for (std::size_t i : split_role_bullets(b, sec.body)) b.add_context(b.paras[i]);
      continue;
    }
    std::string title;
    const Para* first = nullptr;
    if (sec.head != SIZE_MAX) {
      first = &b.paras[sec.head];
      title = first->joined(" ");
    } else {
      if (sec.body.empty()) continue;
      first = &b.paras[sec.body.front()];
      title = doc.title.empty() ? first->first() : doc.title;
    }
    const std::size_t index = b.out.units.size();
    b.start(ProjectKind::Project, title, *first);
    const std::vector<std::size_t> rest = split_role_bullets(b, sec.body);
    Segment& unit = b.out.units[index];
    for (std::size_t i : rest) Builder::append(unit, b.paras[i].joined(), b.paras[i].end);
  }
  if (b.out.page_title.empty()) b.out.page_title = doc.title;
}

}  // namespace

Segmentation Segmenter::segment(const RawDocument& doc) const {
  std::vector<Para> paras = build_paragraphs(doc);
  drop_furniture(paras);
  const std::vector<std::size_t> content = content_of(paras);
  Builder b{paras, {}};
  if (content.empty()) return b.out;
  const bool has_marker = std::any_of(content.begin(), content.end(), [&](std::size_t i) {
    const Marker m = marker_of(paras[i]);
    return m == Marker::Example || m == Marker::Partnership;
  });
  bool dated = false;
  for (std::size_t n = 1; n < content.size() && n <= 2; ++n) dated = dated || is_date_line(paras[content[n]].first());
  if (has_marker) {
    brochure(b, content);
  } else if (dated) {
    article(b, content);
  } else {
    webpage(b, content, doc);
  }
  if (b.out.units.empty()) {
    // Nothing looked like a project: the whole page is one unit, so that it is still found.
    const Para& first = paras[content.front()];
    Segment& whole = b.start(ProjectKind::Project, b.out.page_title.empty() ? first.joined(" ") : b.out.page_title, first);
    for (std::size_t n = 1; n < content.size(); ++n) Builder::append(whole, paras[content[n]].joined(), paras[content[n]].end);
    b.out.context.clear();
  }
  for (Segment& s : b.out.units) s.number = number_of(s.body);
  return b.out;
}

}  // namespace fynd
