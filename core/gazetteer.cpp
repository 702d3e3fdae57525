#include "gazetteer.h"

#include <algorithm>
#include <set>

#include "error.h"
#include "resources.h"
#include "text.h"

namespace fynd {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(text::trim(s.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

/// The data rows of a TSV file: '#' comments and the header line skipped.
std::vector<std::vector<std::string>> rows(std::string_view tsv, std::string_view file) {
  std::vector<std::vector<std::string>> out;
  bool header = true;
  for (const std::string& line : split(tsv, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols = split(line, '\t');
    if (cols.empty() || cols.front().empty()) {
      throw Error(ErrorCode::Internal, std::string(file) + ": a row without a name: " + line);
    }
    out.push_back(std::move(cols));
  }
  return out;
}

std::string col(const std::vector<std::string>& cols, std::size_t i) { return i < cols.size() ? cols[i] : ""; }

std::vector<std::string> list(const std::string& cell) {
  std::vector<std::string> out;
  for (std::string& s : split(cell, '|')) {
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::string_view resource(std::string_view name) {
  auto r = resources::find(name);
  if (!r) throw Error(ErrorCode::Internal, "compiled-in data file missing: " + std::string(name));
  return *r;
}

PlaceLevel parse_level(const std::string& s) {
  if (s == "kommun") return PlaceLevel::Kommun;
  if (s == "län") return PlaceLevel::Lan;
  if (s == "riksområde") return PlaceLevel::Riksomrade;
  if (s == "land") return PlaceLevel::Land;
  if (s == "utländsk kommun") return PlaceLevel::ForeignKommun;
  throw Error(ErrorCode::Internal, "regions.tsv: unknown level '" + s + "'");
}

}  // namespace

std::string_view level_name(PlaceLevel level) {
  switch (level) {
    case PlaceLevel::Kommun: return "kommun";
    case PlaceLevel::Lan: return "län";
    case PlaceLevel::Riksomrade: return "riksområde";
    case PlaceLevel::Land: return "land";
    case PlaceLevel::ForeignKommun: return "utländsk kommun";
  }
  return "";
}

std::string place_key(std::string_view name) {
  std::string key;
  const std::string s(name);
  for (const Word& w : WordScanner::scan(s)) {
    if (!key.empty()) key.push_back(' ');
    key += w.folded;
  }
  return key;
}

Gazetteer::Gazetteer(const Analyzer& analyzer)
    : Gazetteer(analyzer, resource("data/gazetteers/funders.tsv"), resource("data/gazetteers/regions.tsv"),
                resource("data/gazetteers/themes.tsv")) {}

Gazetteer::Gazetteer(const Analyzer& analyzer, std::string_view funders_tsv, std::string_view regions_tsv,
                     std::string_view themes_tsv) {
  load_regions(regions_tsv);
  load_funders(funders_tsv);
  load_themes(themes_tsv, analyzer);
}

const Gazetteer& Gazetteer::standard() {
  static const Analyzer analyzer;
  static const Gazetteer gazetteer(analyzer);
  return gazetteer;
}

void Gazetteer::load_regions(std::string_view tsv) {
  const auto data = rows(tsv, "regions.tsv");
  std::unordered_map<std::string, int> by_name;
  std::vector<std::string> parents;
  std::vector<std::vector<std::string>> aliases;
  for (const auto& cols : data) {
    Place p;
    p.name = cols[0];
    p.level = parse_level(col(cols, 1));
    p.ambiguous = col(cols, 4).find("ambiguous") != std::string::npos;
    const int id = static_cast<int>(places_.size());
    // Names are unique per level; "Stockholm" is both a kommun and a riksområde.
    by_name.emplace(p.name + "\t" + std::string(level_name(p.level)), id);
    parents.push_back(col(cols, 2));
    aliases.push_back(list(col(cols, 3)));
    p.aliases = aliases.back();
    places_.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (parents[i].empty()) continue;
    int parent = -1;
    for (PlaceLevel l : {PlaceLevel::Lan, PlaceLevel::Riksomrade, PlaceLevel::Land}) {
      auto it = by_name.find(parents[i] + "\t" + std::string(level_name(l)));
      if (it != by_name.end() && static_cast<std::size_t>(it->second) != i) {
        parent = it->second;
        break;
      }
    }
    if (parent < 0) throw Error(ErrorCode::Internal, "regions.tsv: unknown parent '" + parents[i] + "'");
    places_[i].parent = parent;
  }
  // Index lowest levels first so that a name shared by levels means the smallest place.
  std::set<std::string> words;
  for (PlaceLevel level : {PlaceLevel::Kommun, PlaceLevel::ForeignKommun, PlaceLevel::Lan, PlaceLevel::Riksomrade,
                           PlaceLevel::Land}) {
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (places_[i].level != level) continue;
      const int id = static_cast<int>(i);
      std::vector<std::string> names{places_[i].name};
      names.insert(names.end(), aliases[i].begin(), aliases[i].end());
      for (const std::string& n : names) {
        place_index_.add(n, id, PhraseCase::Capitalised, true);
        place_keys_[place_key(n)].push_back(id);
        for (const Word& w : WordScanner::scan(n)) words.insert(w.folded);
      }
    }
  }
  name_words_.assign(words.begin(), words.end());
}

void Gazetteer::load_funders(std::string_view tsv) {
  std::set<std::string> words(name_words_.begin(), name_words_.end());
  for (const auto& cols : rows(tsv, "funders.tsv")) {
    const int id = static_cast<int>(funders_.size());
    std::vector<std::string> names = list(col(cols, 1));
    funders_.push_back({cols[0], list(col(cols, 2)), names});
    // The canonical name matches too, unless an alias already spells it (maybe case-sensitively).
    if (std::none_of(names.begin(), names.end(), [&](const std::string& n) {
          return (n.front() == '=' ? n.substr(1) : n) == cols[0];
        })) {
      names.push_back(cols[0]);
    }
    for (const std::string& n : names) {
      const bool exact = n.front() == '=';
      const std::string phrase = exact ? n.substr(1) : n;
      funder_index_.add(phrase, id, exact ? PhraseCase::Exact : PhraseCase::Any, true);
    }
  }
  for (const FunderEntry& f : funders_) {
    for (const std::string& v : f.via) {
      const bool known = std::any_of(funders_.begin(), funders_.end(), [&](const FunderEntry& g) { return g.name == v; });
      if (!known) throw Error(ErrorCode::Internal, "funders.tsv: unknown via funder '" + v + "'");
    }
  }
}

void Gazetteer::load_themes(std::string_view tsv, const Analyzer& analyzer) {
  for (const auto& cols : rows(tsv, "themes.tsv")) {
    ThemeEntry t;
    t.name = cols[0];
    for (const std::string& trig : list(col(cols, 1))) {
      std::string folded = text::fold_case(trig);
      if (folded.back() == '*') {
        folded.pop_back();
        t.prefixes.push_back(folded);
      } else if (folded.front() == '*') {
        t.suffixes.push_back(folded.substr(1));
      } else {
        t.stems.push_back(analyzer.stem(folded));
      }
    }
    for (const std::string& fv : list(col(cols, 2))) {
      const std::string folded = text::fold_case(fv);
      const auto eq = folded.find('=');
      if (eq != std::string::npos) {
        t.field_values.emplace_back(folded.substr(0, eq), folded.substr(eq + 1));
      } else {
        t.field_phrases.push_back(folded);
      }
    }
    themes_.push_back(std::move(t));
  }
}

std::optional<int> Gazetteer::find_place(std::string_view value, PlaceLevel level) const {
  std::string key = place_key(value);
  for (const std::string& k : {key, key + " län", key + "s län"}) {
    auto it = place_keys_.find(k);
    if (it == place_keys_.end()) continue;
    for (int id : it->second) {
      if (places_[static_cast<std::size_t>(id)].level == level) return id;
    }
  }
  return std::nullopt;
}

std::optional<int> Gazetteer::find_place(std::string_view value) const {
  auto it = place_keys_.find(place_key(value));
  if (it == place_keys_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::optional<int> Gazetteer::find_funder(std::string_view value) const {
  int target = 0;
  if (funder_index_.lookup(value, target)) return target;
  return std::nullopt;
}

std::vector<int> Gazetteer::with_ancestors(int place) const {
  std::vector<int> out;
  for (int p = place; p >= 0; p = places_[static_cast<std::size_t>(p)].parent) out.push_back(p);
  return out;
}

}  // namespace fynd
