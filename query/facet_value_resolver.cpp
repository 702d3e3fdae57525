#include "facet_value_resolver.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "error.h"
#include "facet_values.h"
#include "gazetteer.h"
#include "resources.h"
#include "schema.h"
#include "synonyms.h"
#include "text.h"

namespace fynd {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& v) {
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// Levenshtein distance over code points.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// The gazetteers' names, keyed by folded form; built once per process.
struct KnownValues {
  /// folded canonical name -> canonical values, per facet
  std::map<Facet, std::unordered_map<std::string, std::vector<std::string>>> canonical;
  /// folded name, alias or genitive -> canonical values, per facet
  std::map<Facet, std::unordered_map<std::string, std::vector<std::string>>> names;
  std::vector<std::pair<std::string, std::string>> funder_prefixes;  ///< folded prefix, funder
  std::vector<std::pair<std::string, std::string>> theme_phrases;    ///< folded phrase, theme
  /// (folded key, canonical value) pairs that suggestions are chosen from, per facet
  std::map<Facet, std::vector<std::pair<std::string, std::string>>> candidates;

  void add(Facet f, const std::string& written, const std::string& value, bool genitive) {
    const std::string key = FacetValueResolver::folded_key(written);
    if (key.empty()) return;
    if (written == value) add_unique(canonical[f][key], value);
    add_unique(names[f][key], value);
    candidates[f].emplace_back(key, value);
    if (genitive && !ends_with(key, "s")) add_unique(names[f][key + "s"], value);
  }

  KnownValues() {
    const Gazetteer& g = Gazetteer::standard();
    for (const FunderEntry& funder : g.funders()) {
      add(Facet::Funder, funder.name, funder.name, true);
      for (std::string alias : funder.aliases) {
        if (!alias.empty() && alias.front() == '=') alias.erase(0, 1);
        if (!alias.empty() && alias.back() == '*') {
          alias.pop_back();
          const std::string key = FacetValueResolver::folded_key(alias);
          if (!key.empty()) funder_prefixes.emplace_back(key, funder.name);
          continue;
        }
        add(Facet::Funder, alias, funder.name, true);
      }
    }
    for (const Place& place : g.places()) {
      add(Facet::Region, place.name, place.name, true);
      for (const std::string& alias : place.aliases) add(Facet::Region, alias, place.name, true);
    }
    for (const ThemeEntry& theme : g.themes()) {
      add(Facet::Theme, theme.name, theme.name, false);
      for (const std::string& phrase : theme.field_phrases) {
        const std::string key = FacetValueResolver::folded_key(phrase);
        if (!key.empty()) theme_phrases.emplace_back(key, theme.name);
      }
    }
    load_theme_aliases(g);
  }

  void load_theme_aliases(const Gazetteer& g) {
    const auto tsv = resources::find("data/gazetteers/theme_aliases.tsv");
    if (!tsv) return;
    std::size_t line_no = 0;
    bool header = true;
    std::size_t start = 0;
    while (start < tsv->size()) {
      std::size_t end = tsv->find('\n', start);
      if (end == std::string_view::npos) end = tsv->size();
      const std::string_view line = text::trim(tsv->substr(start, end - start));
      start = end + 1;
      ++line_no;
      if (line.empty() || line.front() == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      const std::size_t tab = line.find('\t');
      const std::string where = "theme_aliases.tsv line " + std::to_string(line_no);
      if (tab == std::string_view::npos) throw Error(ErrorCode::Internal, where + ": expected alias<TAB>themes");
      const std::string alias(text::trim(line.substr(0, tab)));
      std::string_view themes = line.substr(tab + 1);
      while (!themes.empty()) {
        const std::size_t bar = std::min(themes.find('|'), themes.size());
        const std::string theme(text::trim(themes.substr(0, bar)));
        themes = bar < themes.size() ? themes.substr(bar + 1) : std::string_view();
        if (theme.empty()) continue;
        const bool known = std::any_of(g.themes().begin(), g.themes().end(),
                                       [&](const ThemeEntry& t) { return t.name == theme; });
        if (!known) throw Error(ErrorCode::Internal, where + ": unknown theme '" + theme + "'");
        add(Facet::Theme, alias, theme, false);
      }
    }
  }

  static const KnownValues& shared() {
    static const KnownValues known;
    return known;
  }
};

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

}  // namespace

FacetValueResolver::FacetValueResolver(const Xapian::Database* db) : db_(db) {}

std::string FacetValueResolver::folded_key(std::string_view value) {
  return text::strip_diacritics(place_key(text::nfc(value)));
}

namespace {

/// The key of a database revision and facet for the shared value maps, or "" when the
/// database has no single revision (several shards, a remote one), no uuid (in memory) or
/// may hold changes not yet committed (a WritableDatabase).
std::string revision_key(const Xapian::Database& db, Facet facet) {
  try {
    if (db.size() != 1 || dynamic_cast<const Xapian::WritableDatabase*>(&db) != nullptr) return {};
    std::string key = db.get_uuid();
    if (key.empty()) return {};
    return key + '@' + std::to_string(db.get_revision()) + '/' + std::to_string(static_cast<int>(facet));
  } catch (const Xapian::Error&) {
    return {};
  }
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& FacetValueResolver::index_values(Facet facet) const {
  auto it = index_values_.find(facet);
  if (it != index_values_.end()) return *it->second;
  auto read = [&] {
    auto out = std::make_shared<ValueMap>();
    if (db_ == nullptr) return out;
    const std::string prefix(Schema::facet_prefix(facet));
    for (auto t = db_->allterms_begin(prefix); t != db_->allterms_end(prefix); ++t) {
      const std::string value = (*t).substr(prefix.size());
      (*out)[folded_key(value)].push_back(value);
    }
    return out;
  };
  const std::string key = db_ == nullptr ? std::string() : revision_key(*db_, facet);
  std::shared_ptr<const ValueMap> values;
  if (key.empty()) {
    values = read();
  } else {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const ValueMap>> shared;  // a few revisions' maps
    {
      std::lock_guard lock(mutex);
      if (auto hit = shared.find(key); hit != shared.end()) values = hit->second;
    }
    if (!values) {
      values = read();  // outside the lock: two first searches of a revision may both read it
      std::lock_guard lock(mutex);
      if (shared.size() >= 32) shared.clear();
      shared.emplace(key, values);
    }
  }
  return *(index_values_[facet] = std::move(values));
}

std::string FacetValueResolver::display_form(Facet facet, const std::string& folded_value) const {
  // A gazetteer name spells it best; else a document that has the value.
  const KnownValues& known = KnownValues::shared();
  auto names = known.names.find(facet);
  if (names != known.names.end()) {
    auto hit = names->second.find(folded_key(folded_value));
    if (hit != names->second.end()) {
      for (const std::string& c : hit->second) {
        if (text::fold_case(c) == folded_value) return c;
      }
    }
  }
  if (db_ != nullptr) {
    const std::string term = Schema::facet_term(facet, folded_value);
    auto post = db_->postlist_begin(term);
    if (post != db_->postlist_end(term)) {
      for (const std::string& v : decode_facet_values(db_->get_document(*post).get_value(Schema::facet_slot(facet)))) {
        if (text::fold_case(v) == folded_value) return v;
      }
    }
  }
  return folded_value;
}

std::vector<std::string> FacetValueResolver::readings(Facet facet, const std::string& key) const {
  std::vector<std::string> out;
  if (key.empty()) return out;
  const KnownValues& known = KnownValues::shared();
  const auto& in_index = index_values(facet);
  // A value that is itself a value (the index's or a gazetteer's canonical name, case- and
  // diacritic-insensitively) means that value alone, so a facet value selects itself.
  if (auto it = known.canonical.at(facet).find(key); it != known.canonical.at(facet).end()) out = it->second;
  if (auto it = in_index.find(key); it != in_index.end()) {
    for (const std::string& v : it->second) {
      const bool listed = std::any_of(out.begin(), out.end(), [&](const std::string& o) { return text::fold_case(o) == v; });
      if (!listed) out.push_back(display_form(facet, v));
    }
  }
  if (!out.empty()) return out;
  const auto& names = known.names.at(facet);
  auto named = [&](const std::string& k) {
    auto it = names.find(k);
    if (it == names.end()) return false;
    for (const std::string& v : it->second) add_unique(out, v);
    return true;
  };
  named(key);
  if (facet == Facet::Region) {
    // "Jönköping", "jonkoping", "Jönköpings": the kommun and the län (every reading).
    named(key + " lan");
    if (!ends_with(key, "s")) named(key + "s lan");
    if (ends_with(key, " kommun")) named(key.substr(0, key.size() - 7));
  }
  if (facet == Facet::Funder) {
    for (const auto& [prefix, funder] : known.funder_prefixes) {
      if (key.compare(0, prefix.size(), prefix) == 0) add_unique(out, funder);
    }
  }
  if (facet == Facet::Theme && out.empty()) {
    // As the indexer reads a tematiskt mål: each theme whose field phrase starts a word of it.
    const std::string padded = " " + key;
    for (const auto& [phrase, theme] : known.theme_phrases) {
      if (padded.find(" " + phrase) != std::string::npos) add_unique(out, theme);
    }
  }
  return out;
}

std::vector<std::string> FacetValueResolver::suggestions(Facet facet, const std::string& key) const {
  const KnownValues& known = KnownValues::shared();
  std::vector<std::pair<std::string, std::string>> candidates;
  if (auto it = known.candidates.find(facet); it != known.candidates.end()) candidates = it->second;
  for (const auto& [k, values] : index_values(facet)) {
    for (const std::string& v : values) candidates.emplace_back(k, v);
  }
  const std::u32string typed = text::to_u32(key);
  const std::size_t limit = std::max<std::size_t>(2, typed.size() / 2);
  std::map<std::string, std::size_t> best;  ///< folded canonical -> distance
  for (const auto& [k, value] : candidates) {
    const std::size_t d = edit_distance(typed, text::to_u32(k));
    if (d > limit) continue;
    const std::string folded = text::fold_case(value);
    auto it = best.find(folded);
    if (it == best.end() || d < it->second) best[folded] = d;
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [value, d] : best) ranked.emplace_back(d, value);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto& [d, value] : ranked) {
    if (out.size() == kMaxSuggestions) break;
    out.push_back(display_form(facet, value));
  }
  return out;
}

std::vector<std::string> FacetValueResolver::select(Facet facet, std::string_view value) const {
  const std::string typed(text::trim(value));
  if (facet == Facet::Year) return typed.empty() ? std::vector<std::string>{} : std::vector<std::string>{typed};
  std::vector<std::string> out = readings(facet, folded_key(typed));
  if (out.empty()) {
    const Analyzer& a = analyzer();
    for (const std::string& variant : Synonyms::shared().alternatives(a, a.tokenize(typed))) {
      for (const std::string& v : readings(facet, folded_key(variant))) add_unique(out, v);
    }
  }
  return out;
}

FacetResolution FacetValueResolver::resolve(Facet facet, std::string_view value) const {
  FacetResolution out;
  out.values = select(facet, value);
  const std::string key = folded_key(value);
  if (out.values.empty() && !key.empty() && facet != Facet::Year) out.suggestions = suggestions(facet, key);
  return out;
}

std::vector<FilterSuggestion> FacetValueResolver::resolve_filters(SearchRequest& request) const {
  std::vector<FilterSuggestion> unresolved;
  for (auto& [facet, values] : request.filters) {
    if (facet == Facet::Year) continue;
    std::vector<std::string> selected;
    for (const std::string& v : values) {
      if (text::trim(v).empty()) continue;
      FacetResolution r = resolve(facet, v);
      if (r.values.empty()) {
        add_unique(selected, std::string(text::trim(v)));
        unresolved.push_back({facet, std::string(text::trim(v)), std::move(r.suggestions)});
        continue;
      }
      for (const std::string& c : r.values) add_unique(selected, c);
    }
    values = std::move(selected);
  }
  return unresolved;
}

}  // namespace fynd
