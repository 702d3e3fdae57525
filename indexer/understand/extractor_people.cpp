// Extractor: owner, contact person, e-mail and partners (the people and organisations).
#include <algorithm>
#include <regex>

#include "extractor.h"
#include "text.h"
#include "word_scanner.h"

namespace fynd {

namespace {

void add_evidence(Project& p, std::string field, std::string value, std::string_view source) {
  p.evidence.push_back({std::move(field), std::move(value), text::squash_space(source)});
}

bool starts_upper(std::string_view s) {
  const std::string t(s);
  const std::vector<Word> w = WordScanner::scan(t);
  return !w.empty() && w.front().begin == 0 && w.front().capitalised;
}

std::string clean(std::string s) {
  std::string out = text::squash_space(s);
  while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ':' || out.back() == ';')) out.pop_back();
  return std::string(text::trim(out));
}

/// Removes parenthesised asides: "Region Jönköpings län (Regional utveckling)" -> "Region Jönköpings län".
std::string drop_parentheses(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0) out.push_back(c);
  }
  return out;
}

/// Splits an enumeration "A, B och C samt D" into its items; "Kultur- och fritidsförvaltningen" stays whole.
std::vector<std::string> enumeration(const std::string& clause) {
  std::vector<std::string> items;
  std::string cur;
  auto flush = [&] {
    std::string c = clean(cur);
    if (!c.empty()) items.push_back(c);
    cur.clear();
  };
  for (std::size_t i = 0; i < clause.size(); ++i) {
    if (clause[i] == ',') {
      flush();
      continue;
    }
    for (const char* sep : {" och ", " samt "}) {
      const std::string_view sv(sep);
      if (clause.compare(i, sv.size(), sv) == 0 && (i == 0 || clause[i - 1] != '-')) {
        flush();
        i += sv.size() - 1;
        goto next;
      }
    }
    cur.push_back(clause[i]);
  next:;
  }
  flush();
  return items;
}

/// True for the bytes std::regex's \s takes (the "C" locale's white space).
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

/// Where `\s+([^.\n]+)` matches from `at` in a sentence without '.' or '\n': the start
/// of its group (which runs to the sentence end), or npos.
std::size_t clause_after(std::string_view sentence, std::size_t at) {
  std::size_t w = at;
  while (w < sentence.size() && is_space(sentence[w])) ++w;
  if (w == at) return std::string_view::npos;
  if (w < sentence.size()) return w;
  return w - at >= 2 ? w - 1 : std::string_view::npos;  // the group takes back one space
}

/// Where the triggers start in `folded`, ascending. Most of them hold "sam" (samverkan,
/// samarbete, tillsammans): those are compared where "sam" is; the others are looked for
/// as they are. No trigger holds '.' or a line break, so each lies inside one sentence.
template <std::size_t N>
std::vector<std::size_t> trigger_starts(std::string_view folded, const char* const (&triggers)[N]) {
  constexpr std::string_view kAnchor = "sam";
  std::vector<std::size_t> out;
  for (const char* t : triggers) {
    const std::string_view trigger(t);
    if (trigger.find(kAnchor) != std::string_view::npos) continue;
    for (std::size_t k = folded.find(trigger); k != std::string_view::npos; k = folded.find(trigger, k + 1)) out.push_back(k);
  }
  for (std::size_t k = folded.find(kAnchor); k != std::string_view::npos; k = folded.find(kAnchor, k + 1)) {
    for (const char* t : triggers) {
      const std::string_view trigger(t);
      const std::size_t at = trigger.find(kAnchor);
      if (at == std::string_view::npos || k < at) continue;
      if (folded.compare(k - at, trigger.size(), trigger) == 0) {
        out.push_back(k - at);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<PartnerClause> partner_clauses(std::string_view sentence) {
  // The literal scan of two patterns, matched as std::regex (ECMAScript) matches them on a
  // sentence: the leftmost match, the first alternative that matches there; case-blind in
  // ASCII only, as std::regex::icase is on bytes.
  //   (?:samverkansprojekt mellan|samarbete mellan|samverkan mellan|samverkan med|
  //      samarbete med|tillsammans med|samverkansaktörer[^.]{0,40}? är|som drivs av|
  //      samverkanspartner[a-z]* är)\s+([^.\n]+)                          (icase)
  //   ([^.\n]+?)\s+ingår också                                              (every match)
  std::vector<PartnerClause> out;
  std::string lower(sentence);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::string_view low(lower);
  auto at = [&](std::size_t i, std::string_view lit) { return low.compare(i, lit.size(), lit) == 0; };
  static constexpr std::string_view kPlain[] = {"samverkansprojekt mellan", "samarbete mellan", "samverkan mellan",
                                                 "samverkan med", "samarbete med", "tillsammans med"};
  // The end of the alternative that matches at i, with the group found after it.
  auto after_alternative = [&](std::size_t i) -> std::size_t {
    for (std::string_view lit : kPlain) {
      if (at(i, lit)) {
        if (const std::size_t g = clause_after(sentence, i + lit.size()); g != std::string_view::npos) return g;
      }
    }
    if (at(i, "samverkansaktörer")) {
      const std::size_t from = i + std::string_view("samverkansaktörer").size();
      for (std::size_t j = 0; j <= 40 && from + j <= low.size(); ++j) {  // [^.]{0,40}? : the least that matches
        if (!at(from + j, " är")) continue;
        if (const std::size_t g = clause_after(sentence, from + j + 4); g != std::string_view::npos) return g;
      }
    }
    if (at(i, "som drivs av")) {
      if (const std::size_t g = clause_after(sentence, i + 12); g != std::string_view::npos) return g;
    }
    if (at(i, "samverkanspartner")) {
      std::size_t k = i + std::string_view("samverkanspartner").size();
      while (k < low.size() && low[k] >= 'a' && low[k] <= 'z') ++k;  // [a-z]*: no backtracking can help
      if (at(k, " är")) {
        if (const std::size_t g = clause_after(sentence, k + 4); g != std::string_view::npos) return g;
      }
    }
    return std::string_view::npos;
  };
  for (std::size_t i = low.find_first_of("st"); i != std::string_view::npos; i = low.find_first_of("st", i + 1)) {
    if (const std::size_t g = after_alternative(i); g != std::string_view::npos) {
      out.push_back({std::string(sentence.substr(g)), std::string(sentence.substr(i))});
      break;  // the group runs to the sentence end: no second match
    }
  }
  // ([^.\n]+?)\s+ingår också, from `from` on: the group is the least (one byte or more)
  // before white space and the words; the next search starts after them.
  constexpr std::string_view kAlso = "ingår också";
  std::size_t from = 0;
  for (std::size_t k = sentence.find(kAlso); k != std::string_view::npos; k = sentence.find(kAlso, k + 1)) {
    std::size_t w = k;  // the start of the white space before the words
    while (w > from && is_space(sentence[w - 1])) --w;
    if (w == k) continue;                    // no white space before them
    if (w == from) ++w;                      // the group takes one byte at least
    if (w >= k) continue;
    out.push_back({std::string(sentence.substr(from, w - from)), std::string(sentence.substr(from, k + kAlso.size() - from))});
    from = k + kAlso.size();
  }
  return out;
}

void Extractor::extract_people(Project& p, std::string_view text) const {
  const std::string s(text);
  std::smatch m;
  // Owner: "Projektägare: X" (value maybe on the next line), "Projektägare är X.", "Stödmottagare: X".
  static const std::regex owner_label("(?:Projektägare|Stödmottagare)\\s*(?::|är)\\s*([^\\n.]*)(\\n[^\\n]*)?");
  const bool owner_word = s.find("Projektägare") != std::string::npos || s.find("Stödmottagare") != std::string::npos;
  if (p.owner.empty() && owner_word && std::regex_search(s, m, owner_label)) {
    std::string value = text::squash_space(m[1].str());
    std::string next = m[2].matched ? std::string(text::trim(m[2].str())) : "";
    if (value.empty()) {
      value = next;
      next.clear();
    }
    // A value cut at the line end ("Utbildnings-" / "förvaltningen, Växjö kommun …") continues.
    const bool continues = !value.empty() && (value.back() == '-' || (!next.empty() && !starts_upper(next) &&
                                                                        value.find("kommun") == std::string::npos));
    if (continues && !next.empty()) {
      if (value.back() == '-') value.pop_back();
      else value.push_back(' ');
      value += next;
      // The continuation line may carry another column's words: keep up to the place.
      const std::string v(value);
      std::size_t cut = std::string::npos;
      if (auto k = v.find(" kommun"); k != std::string::npos) {
        cut = k + 7;
      } else {
        // "…, Växjö Projektets huvudsyfte": up to a place after a comma.
        const std::vector<Word> words = WordScanner::scan(v);
        for (const PhraseMatch& pm : gazetteer_.place_index().find_all(words, v)) {
          const std::size_t b = words[pm.first].begin;
          if (b >= 2 && v.compare(b - 2, 2, ", ") == 0) {
            cut = words[pm.last - 1].end;
            break;
          }
        }
      }
      if (cut != std::string::npos) value = v.substr(0, cut);
    }
    value = clean(value);
    if (!value.empty() && value.size() < 120) {
      p.owner = value;
      add_evidence(p, "owner", value, m.str());
    }
  }
  // Contact: "Kontaktperson[:]\nName, role", "Projektledare: Name, unit", "X, projektledare Name".
  static const std::regex contact_label("(?:Kontaktperson|Projektledare|Kontakt)\\s*:?[ \\t]*\\n?[ \\t]*([A-ZÅÄÖÉ][^,\\n]{2,60})");
  static const std::regex contact_after(",\\s*projektledare\\s+([A-ZÅÄÖÉ][^,\\n]{2,60})");
  const bool contact_word = s.find("Kontakt") != std::string::npos || s.find("rojektledare") != std::string::npos;
  if (p.contact.empty() && contact_word) {
    for (const std::regex* re : {&contact_label, &contact_after}) {
      if (std::regex_search(s, m, *re)) {
        const std::string value = clean(m[1].str());
        const std::vector<Word> w = WordScanner::scan(value);
        if (w.size() >= 2 && w.size() <= 5) {
          p.contact = value;
          add_evidence(p, "contact", value, m.str());
          break;
        }
      }
    }
  }
  static const std::regex email("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
  if (p.email.empty() && s.find('@') != std::string::npos && std::regex_search(s, m, email)) {
    p.email = m.str();
    add_evidence(p, "email", p.email, m.str());
  }
  // Partners: the organisations enumerated after "samverkan mellan", "tillsammans med", ...
  auto add_partners = [&](const std::string& clause, const std::string& ev) {
    for (std::string item : enumeration(drop_parentheses(clause))) {
      for (const char* tail : {" som ", " i "}) {
        if (auto k = item.find(tail); k != std::string::npos) item = clean(item.substr(0, k));
      }
      const std::vector<Word> w = WordScanner::scan(item);
      if (w.empty() || w.size() > 6 || !starts_upper(item) || item == p.owner) continue;
      if (std::find(p.partners.begin(), p.partners.end(), item) != p.partners.end()) continue;
      p.partners.push_back(item);
      add_evidence(p, "partners", item, ev);
    }
  };
  // Only sentences holding what a match holds (its literal words, in lower case) are scanned.
  static const char* const triggers[] = {"samverkansprojekt mellan", "samarbete mellan", "samverkan mellan",
                                         "samverkan med", "samarbete med", "tillsammans med", "samverkansaktörer",
                                         "drivs av", "samverkanspartner", "ingår också"};
  // Text that folds byte for byte (fold_case_is_local) is folded once, and the sentences
  // holding a trigger are found from where the triggers are in it.
  std::vector<std::size_t> hits;  // where a trigger starts, ascending
  const bool local = text::fold_case_is_local(s);
  if (local) hits = trigger_starts(text::fold_case(s), triggers);
  std::size_t next_hit = 0;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find_first_of(".\n", start);
    if (end == std::string::npos) end = s.size();
    const std::string_view sentence = std::string_view(s).substr(start, end - start);
    const std::size_t begin = start;
    start = end + 1;
    if (local) {
      while (next_hit < hits.size() && hits[next_hit] < begin) ++next_hit;
      if (next_hit == hits.size() || hits[next_hit] >= end) continue;
    } else {
      const std::string lower = text::fold_case(sentence);
      if (std::none_of(std::begin(triggers), std::end(triggers),
                       [&](const char* t) { return lower.find(t) != std::string::npos; })) {
        continue;
      }
    }
    for (const PartnerClause& c : partner_clauses(sentence)) add_partners(c.clause, c.match);
  }
}

}  // namespace fynd

namespace fynd {

void Extractor::inherit(Project& p, const Project& page) const {
  auto evidence_of = [&](const std::string& field, const std::string& value) {
    for (const Evidence& e : page.evidence) {
      if (e.used && e.field == field && (e.value == value || value.empty())) return "page: " + e.text;
    }
    return std::string("page");
  };
  auto add_page_evidence = [&](const std::string& field, const std::string& value, const std::string& text) {
    Evidence e{field, value, text};
    e.origin = Origin::Page;
    p.evidence.push_back(std::move(e));
  };
  for (const std::string& f : page.funders) {
    if (std::find(p.funders.begin(), p.funders.end(), f) != p.funders.end()) continue;
    p.funders.push_back(f);
    add_page_evidence("funders", f, evidence_of("funders", f));
  }
  // A unit that names no Swedish kommun of its own is where its page is.
  const auto& places = gazetteer_.places();
  const bool swedish = std::any_of(p.regions.begin(), p.regions.end(), [&](const std::string& r) {
    return std::any_of(places.begin(), places.end(), [&](const Place& pl) {
      return pl.name == r && pl.level == PlaceLevel::Kommun;
    });
  });
  if (!swedish) {
    for (const std::string& r : page.regions) {
      if (std::find(p.regions.begin(), p.regions.end(), r) != p.regions.end()) continue;
      p.regions.push_back(r);
      add_page_evidence("regions", r, evidence_of("regions", r));
    }
  }
  // Only a stated period is inherited, never a lone year or a publication date.
  if (p.years.empty() && !page.years.empty() && !page.period.empty()) {
    p.years = page.years;
    if (p.period.empty()) p.period = page.period;
    std::string ys;
    for (int y : page.years) ys += (ys.empty() ? "" : " ") + std::to_string(y);
    add_page_evidence("years", ys, evidence_of("years", ""));
  }
  themes_from_funders(p);
}

}  // namespace fynd
