#include "extractor.h"

#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string_view>

#include "period_parser.h"
#include "provenance.h"
#include "text.h"
#include "word_scanner.h"

namespace fynd {

namespace {

void add_evidence(Project& p, std::string field, std::string value, std::string_view source) {
  p.evidence.push_back({std::move(field), std::move(value), text::squash_space(source)});
}

bool contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

/// The source words around [begin,end) of `text`, cut to whole lines and at most ~60 bytes.
std::string snippet(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t b = begin > 30 ? begin - 30 : 0;
  std::size_t e = std::min(text.size(), end + 30);
  if (auto nl = text.rfind('\n', begin); nl != std::string_view::npos && nl + 1 > b) b = nl + 1;
  if (auto nl = text.find('\n', end); nl != std::string_view::npos && nl < e) e = nl;
  // Whole words only: start after a space, end before one.
  if (b > 0 && text[b - 1] != '\n' && text[b - 1] != ' ') {
    const auto sp = text.find(' ', b);
    b = sp != std::string_view::npos && sp < begin ? sp + 1 : begin;
  }
  if (e < text.size() && text[e] != ' ' && text[e] != '\n') {
    const auto sp = text.rfind(' ', e);
    e = sp != std::string_view::npos && sp >= end ? sp : end;
  }
  return std::string(text.substr(b, e - b));
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// The bytes std::regex's \s takes in the "C" locale; with `or_past_ascii`, also any byte
/// past ASCII (a check that must not be stricter than a pattern, whatever the locale).
bool regex_space(char c, bool or_past_ascii = false) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (or_past_ascii && static_cast<unsigned char>(c) >= 0x80);
}

/// True if `s` holds `needle` (lowercase ASCII) in any mix of ASCII letter case, as a
/// std::regex::icase pattern sees it (byte by byte, "C" locale).
bool contains_ascii_nocase(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size()) {
      const char c = s[i + k];
      if (ascii_lower(c) != needle[k]) break;
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

/// False only where no `word` is followed by white space, at most one ':', white space and
/// a digit, which a labelled amount ("Projektbudget: 2 400 000 kr") holds after its label.
bool label_amount_possible(std::string_view s, std::initializer_list<std::string_view> words) {
  auto space = [](char c) { return regex_space(c, true); };
  for (std::string_view word : words) {
    for (std::size_t k = s.find(word); k != std::string_view::npos; k = s.find(word, k + 1)) {
      std::size_t j = k + word.size();
      while (j < s.size() && space(s[j])) ++j;
      if (j < s.size() && s[j] == ':') ++j;
      while (j < s.size() && space(s[j])) ++j;
      if (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || static_cast<unsigned char>(s[j]) >= 0x80)) return true;
    }
  }
  return false;
}

bool has_ascii_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// False only where no digit is followed, after white space, by "kr" or "m" in any ASCII
/// case: then an amount with a unit word ("5 mkr", "2,5 miljoner kronor", "300 kr") cannot
/// match. A byte past ASCII after the digit counts as possible (whatever a locale's \s is).
bool amount_unit_possible(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') continue;
    std::size_t j = i + 1;
    while (j < s.size() && regex_space(s[j])) ++j;
    if (j == s.size()) return false;
    if (static_cast<unsigned char>(s[j]) >= 0x80) return true;
    if (ascii_lower(s[j]) == 'm') return true;
    if (ascii_lower(s[j]) == 'k' && j + 1 < s.size() && ascii_lower(s[j + 1]) == 'r') return true;
  }
  return false;
}

/// The sentences of a text as byte ranges: split at . ! ? followed by space, and at lines.
std::vector<std::pair<std::size_t, std::size_t>> sentences(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool end_mark = (c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
    if (c == '\n' || end_mark) {
      if (i > start) out.emplace_back(start, i + (c == '\n' ? 0 : 1));
      start = i + 1;
    }
  }
  if (start < text.size()) out.emplace_back(start, text.size());
  return out;
}

std::string genitive(const std::string& name) {
  const char last = name.empty() ? ' ' : name.back();
  return last == 's' || last == 'x' || last == 'z' ? name : name + "s";
}

bool is_kommun_word(const std::string& folded) { return folded.starts_with("kommun"); }

std::string field_key(const std::string& key) { return text::strip_diacritics(text::fold_case(key)); }

}  // namespace

long long parse_amount(std::string_view number, std::string_view unit) {
  std::string digits;
  bool decimal = false;
  int decimals = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (decimal) ++decimals;
    } else if (c == ',' || (c == '.' && !unit.empty() && unit != "kr" && unit != "kronor" && unit != "sek")) {
      decimal = true;
    }
  }
  if (digits.empty() || digits.size() > 15) return -1;
  long double v = std::stold(digits);
  for (int i = 0; i < decimals; ++i) v /= 10;
  const std::string u = lower_ascii(std::string(unit));
  if (u.starts_with("miljon") || u == "mnkr" || u == "mkr" || u == "msek") v *= 1'000'000;
  else if (u.starts_with("miljard")) v *= 1'000'000'000;
  else if (u.starts_with("tusen") || u == "tkr") v *= 1000;
  return static_cast<long long>(v + 0.5L);
}

namespace {
std::uint64_t next_extractor_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

Extractor::Extractor(const Gazetteer& gazetteer, const Analyzer& analyzer)
    : gazetteer_(gazetteer), analyzer_(analyzer), id_(next_extractor_id()) {}

void Extractor::extract(Project& p) const {
  // 1. What the record says: the reader's values and its fields, normalised.
  const std::size_t first = p.evidence.size();
  note_record_values(p);
  normalise_fields(p);
  for (std::size_t i = first; i < p.evidence.size(); ++i) p.evidence[i].origin = Origin::Structured;
  const StructuredFields structured = StructuredFields::of(p);
  // 2. What the free text says, found apart and merged beneath the record's fields.
  Project found;
  found.title = p.title;
  found.text = p.text;
  found.owner = p.owner;  // partners never repeat the owner; a record's owner stays
  found.contact = p.contact;
  found.email = p.email;
  const std::string all = found.title + "\n" + found.text;
  // One scan for regions, funders and themes: the scanner splits at the "\n", so the words
  // of `all` are the title's, then the text's.
  const std::vector<Word> words = WordScanner::scan(all);
  extract_regions(found, all, words);
  extract_funders(found, all, words);
  extract_years(found, all);
  const auto body = std::find_if(words.begin(), words.end(), [&](const Word& w) { return w.begin > found.title.size(); });
  extract_themes(found, std::span<const Word>(words.begin(), body), std::span<const Word>(body, words.end()));
  extract_money(found, found.text);
  extract_people(found, found.text);
  found.normalise_years();
  found.title.clear();
  found.text.clear();
  merge_text_values(p, std::move(found), structured, region_refinement(p));
  p.normalise_years();
  themes_from_funders(p);
}

RegionRefines Extractor::region_refinement(const Project& p) const {
  const auto& places = gazetteer_.places();
  auto id_of = [&places](const std::string& name) -> int {
    for (std::size_t i = 0; i < places.size(); ++i) {
      if (places[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  std::set<int> record;
  std::set<PlaceLevel> levels;
  for (const std::string& r : p.regions) {
    const int id = id_of(r);
    if (id < 0) continue;
    record.insert(id);
    levels.insert(places[static_cast<std::size_t>(id)].level);
  }
  return [this, id_of, record, levels](const std::string& region) {
    const int id = id_of(region);
    if (id < 0 || levels.count(gazetteer_.places()[static_cast<std::size_t>(id)].level) > 0) return false;
    for (int a : gazetteer_.with_ancestors(id)) {
      if (a != id && record.count(a) > 0) return true;
    }
    return false;
  };
}

void Extractor::add_place(Project& p, int place, const std::string& evidence, bool squashed) const {
  std::optional<std::string> text;  // squashed once for the place and its ancestors
  for (int id : gazetteer_.with_ancestors(place)) {
    const std::string& name = gazetteer_.places()[static_cast<std::size_t>(id)].name;
    if (contains(p.regions, name)) continue;
    p.regions.push_back(name);
    if (squashed) {
      p.evidence.push_back({"regions", name, evidence});
      continue;
    }
    if (!text) text = text::squash_space(evidence);
    p.evidence.push_back({"regions", name, *text});
  }
}

void Extractor::add_funder(Project& p, int funder, const std::string& evidence) const {
  const FunderEntry& f = gazetteer_.funders()[static_cast<std::size_t>(funder)];
  if (!contains(p.funders, f.name)) {
    p.funders.push_back(f.name);
    add_evidence(p, "funders", f.name, evidence);
  }
  for (const std::string& via : f.via) {
    if (auto id = gazetteer_.find_funder(via)) add_funder(p, *id, evidence + " (" + f.name + " via " + via + ")");
  }
}

void Extractor::normalise_fields(Project& p) const {
  // Regions the reader put in as raw values ("Norrbotten", "Övre Norrland") become places.
  // Typed fields (län, kommuner, område) say which level a name is; when present, they are
  // used instead of the reader's untyped list ("Jönköping" the län, not the kommun).
  const bool typed = std::any_of(p.fields.begin(), p.fields.end(), [](const auto& kv) {
    const std::string k = field_key(kv.first);
    return k == "lan" || k == "kommuner" || k == "kommun" || k == "omrade" || k == "region";
  });
  std::vector<std::string> raw_regions = std::move(p.regions);
  p.regions.clear();
  if (typed) raw_regions.clear();
  for (const std::string& r : raw_regions) {
    std::optional<int> id = gazetteer_.find_place(r);
    if (!id) id = gazetteer_.find_place(r, PlaceLevel::Lan);
    if (!id) id = gazetteer_.find_place(r, PlaceLevel::Riksomrade);
    if (id) add_place(p, *id, "region: " + r);
  }
  const std::vector<std::string> raw_funders = std::move(p.funders);
  p.funders.clear();
  for (const std::string& f : raw_funders) {
    if (auto id = gazetteer_.find_funder(f)) {
      add_funder(p, *id, "funder: " + f);
    } else {
      Project::add_unique(p.funders, f);
    }
  }
  for (const auto& [key, value] : p.fields) {
    const std::string k = field_key(key);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string part(text::trim(std::string_view(value).substr(start, comma - start)));
      if (!part.empty()) parts.push_back(std::move(part));
      start = comma + 1;
    }
    const std::string ev = key + ": " + value;
    // The evidence of a typed field is the whole list ("kommuner: Arjeplog, Arvidsjaur, …",
    // hundreds of names): squashed once for all the places it names, not once per place.
    std::optional<std::string> squashed;
    auto place_evidence = [&]() -> const std::string& {
      if (!squashed) squashed = text::squash_space(ev);
      return *squashed;
    };
    if (k == "lan") {
      for (const std::string& v : parts) {
        if (auto id = gazetteer_.find_place(v, PlaceLevel::Lan)) add_place(p, *id, place_evidence(), true);
      }
    } else if (k == "kommuner" || k == "kommun") {
      for (const std::string& v : parts) {
        if (auto id = gazetteer_.find_place(v, PlaceLevel::Kommun)) add_place(p, *id, place_evidence(), true);
      }
    } else if (k == "omrade" || k == "region" || k == "programomrade region") {
      std::optional<int> id = gazetteer_.find_place(value, PlaceLevel::Riksomrade);
      if (!id) id = gazetteer_.find_place(value);
      if (id) add_place(p, *id, place_evidence(), true);
    } else if (k == "beviljat_belopp_sek" && !p.granted_sek) {
      const long long v = parse_amount(value, "");
      if (v > 0) {
        p.granted_sek = v;
        add_evidence(p, "granted_sek", std::to_string(v), ev);
      }
    } else if ((k == "stodmottagare" || k == "projektagare") && p.owner.empty()) {
      p.owner = value;
      add_evidence(p, "owner", value, ev);
    } else if (k == "projektledare" && p.contact.empty()) {
      p.contact = value;
      add_evidence(p, "contact", value, ev);
    }
  }
  // Themes of structured fields (tematiskt mål, insatsområde, programområde). Each field
  // is folded once, not once per theme.
  struct FoldedField {
    std::string k;
    std::string v;
    bool thematic;
  };
  std::vector<FoldedField> folded;
  folded.reserve(p.fields.size());
  for (const auto& [key, value] : p.fields) {
    FoldedField f{text::fold_case(key), text::fold_case(value), false};
    f.thematic = f.k.find("mål") != std::string::npos || f.k.find("insats") != std::string::npos ||
                 f.k.find("tema") != std::string::npos;
    folded.push_back(std::move(f));
  }
  for (const ThemeEntry& t : gazetteer_.themes()) {
    std::size_t i = 0;
    for (const auto& [key, value] : p.fields) {
      const std::string& k = folded[i].k;
      const std::string& v = folded[i].v;
      const bool thematic = folded[i].thematic;
      ++i;
      bool hit = std::any_of(t.field_values.begin(), t.field_values.end(),
                             [&](const auto& kv) { return kv.first == k && kv.second == v; });
      if (!hit && thematic) {
        hit = std::any_of(t.field_phrases.begin(), t.field_phrases.end(),
                          [&](const std::string& ph) { return v.find(ph) != std::string::npos; });
      }
      if (hit && !contains(p.themes, t.name)) {
        p.themes.push_back(t.name);
        add_evidence(p, "themes", t.name, key + ": " + value);
      }
    }
  }
}

void Extractor::extract_regions(Project& p, std::string_view text) const {
  extract_regions(p, text, WordScanner::scan(text));
}

void Extractor::extract_regions(Project& p, std::string_view text, const std::vector<Word>& words) const {
  for (const PhraseMatch& m : gazetteer_.place_index().find_all(words, text)) {
    const Place& place = gazetteer_.places()[static_cast<std::size_t>(m.target)];
    if (place.ambiguous) {
      // "Mark", "Vara", "Lund" alone are words or names: only "Marks kommun" counts.
      if (m.last >= words.size() || !is_kommun_word(words[m.last].folded)) continue;
    }
    add_place(p, m.target, snippet(text, words[m.first].begin, words[m.last - 1].end));
  }
}

void Extractor::extract_funders(Project& p, std::string_view text) const {
  extract_funders(p, text, WordScanner::scan(text));
}

void Extractor::extract_funders(Project& p, std::string_view text, const std::vector<Word>& words) const {
  for (const PhraseMatch& m : gazetteer_.funder_index().find_all(words, text)) {
    add_funder(p, m.target, snippet(text, words[m.first].begin, words[m.last - 1].end));
  }
  // Regions and municipalities named in a sentence about money are co-funders:
  // "finansieras till 50 procent … av Region Jönköpings län".
  static const char* const money_words[] = {"finansier", "medfinansier", "bidrag", "procent av", "medel från"};
  for (const auto& [b, e] : sentences(text)) {
    const std::string_view sentence = text.substr(b, e - b);
    const std::string lower = text::fold_case(sentence);
    if (std::none_of(std::begin(money_words), std::end(money_words),
                     [&](const char* w) { return lower.find(w) != std::string::npos; })) {
      continue;
    }
    const std::vector<Word> sw = WordScanner::scan(sentence);
    for (const PhraseMatch& m : gazetteer_.place_index().find_all(sw, sentence)) {
      const Place& place = gazetteer_.places()[static_cast<std::size_t>(m.target)];
      // The place gives money ("50 procent av Region X", "Växjö kommuns bidrag", "Region X
      // … som medfinansierar"), rather than receives it ("kommunen fått statsbidrag från").
      const bool giver_before = m.first > 0 && (sw[m.first - 1].folded == "av" || sw[m.first - 1].folded == "från");
      bool giver_after = false;
      for (std::size_t k = m.last; k < sw.size() && k < m.last + 6; ++k) {
        const std::string& w = sw[k].folded;
        giver_after = giver_after || w.starts_with("bidrag") || w.starts_with("medfinansier") || w.starts_with("finansierar");
      }
      if (!giver_before && !giver_after) continue;
      std::string name;
      const bool region_word = sw[m.first].folded == "region" || (m.first > 0 && sw[m.first - 1].folded == "region");
      if (place.level == PlaceLevel::Lan && region_word) {
        name = "Region " + place.name;
      } else if (place.level == PlaceLevel::Kommun && m.last < sw.size() && is_kommun_word(sw[m.last].folded)) {
        // As written: "Jönköpings kommun", "Växjö kommun".
        name = std::string(sentence.substr(sw[m.first].begin, sw[m.last - 1].end - sw[m.first].begin));
        if (name != place.name && name != genitive(place.name)) name = place.name;
        name += " kommun";
        if (place.name == "Gotland") name = "Region Gotland";
      }
      if (!name.empty() && !contains(p.funders, name)) {
        p.funders.push_back(name);
        add_evidence(p, "funders", name, sentence);
      }
    }
  }
}

void Extractor::extract_years(Project& p, std::string_view text) const {
  const PeriodResult r = PeriodParser::parse(text);
  if (r.tier == PeriodTier::None) return;
  for (int y : r.years) {
    if (std::find(p.years.begin(), p.years.end(), y) == p.years.end()) p.years.push_back(y);
  }
  if (p.period.empty()) p.period = r.period;
  for (const std::string& t : r.texts) add_evidence(p, "years", "", t);
  if (!p.evidence.empty() && !r.years.empty()) {
    std::string ys;
    for (int y : r.years) ys += (ys.empty() ? "" : " ") + std::to_string(y);
    for (auto it = p.evidence.rbegin(); it != p.evidence.rend() && it->field == "years" && it->value.empty(); ++it) {
      it->value = ys;
    }
  }
}

void Extractor::extract_money(Project& p, std::string_view text) const {
  static const std::string amount = "(\\d{1,3}(?:[  ]\\d{3})+|\\d+(?:[,.]\\d+)?)";
  static const std::string unit = "(?:\\s*(miljoner kronor|miljoner|miljarder|mnkr|mkr|msek|tusen kronor|tkr|kronor|kr|sek)\\b)?";
  static const std::regex budget_label("(?:[Tt]otal projektbudget|[Pp]rojektbudget|[Tt]otal budget|[Bb]udget)\\s*:?\\s*" + amount + unit);
  static const std::regex granted_label("(?:[Bb]eviljat [^:\\n]{0,20}stöd|[Bb]eviljat belopp|[Bb]eviljade medel)\\s*:?\\s*" + amount + unit);
  static const std::regex prose(amount + "\\s*(miljoner kronor|miljarder kronor|mnkr|mkr|msek|kronor|kr)\\b", std::regex::icase);
  // std::regex is slow: a pattern runs only on text holding what every match of it holds
  // (an amount's digit, and "udget", "evilja", or "kr"/"sek" in any case), so the results
  // are the ones of running it everywhere.
  if (!has_ascii_digit(text)) return;
  const std::string s(text);
  std::smatch m;
  if (!p.budget_sek && label_amount_possible(text, {"udget"}) && std::regex_search(s, m, budget_label)) {
    const long long v = parse_amount(m[1].str(), m[2].str());
    if (v > 0) {
      p.budget_sek = v;
      add_evidence(p, "budget_sek", std::to_string(v), m.str());
    }
  }
  if (!p.granted_sek && text.find("evilja") != std::string_view::npos &&
      label_amount_possible(text, {"stöd", "belopp", "medel"}) && std::regex_search(s, m, granted_label)) {
    const long long v = parse_amount(m[1].str(), m[2].str());
    if (v > 0) {
      p.granted_sek = v;
      add_evidence(p, "granted_sek", std::to_string(v), m.str());
    }
  }
  if (p.budget_sek && p.granted_sek) return;
  for (const auto& [b, e] : sentences(text)) {
    const std::string_view piece = text.substr(b, e - b);
    if (!has_ascii_digit(piece) || (!contains_ascii_nocase(piece, "kr") && !contains_ascii_nocase(piece, "sek"))) continue;
    if (!amount_unit_possible(piece)) continue;
    const std::string sentence(piece);
    if (!std::regex_search(sentence, m, prose)) continue;
    const std::string lower = text::fold_case(sentence);
    const long long v = parse_amount(m[1].str(), m[2].str());
    if (v <= 0) continue;
    if (!p.budget_sek && (lower.find("budget") != std::string::npos || lower.find("omslut") != std::string::npos)) {
      p.budget_sek = v;
      add_evidence(p, "budget_sek", std::to_string(v), sentence);
    } else if (!p.granted_sek && (lower.find("beviljat") != std::string::npos || lower.find("tilldela") != std::string::npos ||
                                  lower.find("stöd") != std::string::npos || lower.find("bidrag") != std::string::npos)) {
      p.granted_sek = v;
      add_evidence(p, "granted_sek", std::to_string(v), sentence);
    }
  }
}

}  // namespace fynd
