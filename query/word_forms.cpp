#include "word_forms.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "place_words.h"
#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

/// The forms found per (database revision, analyzer options, prefix, word), shared by
/// every QueryBuilder of the process. A new revision is a new key; the map is emptied
/// when it grows past kMaxEntries.
class FormCache {
 public:
  static constexpr std::size_t kMaxEntries = 20000;

  static FormCache& shared() {
    static FormCache cache;
    return cache;
  }

  std::optional<std::vector<std::string>> find(const std::string& key) {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }

  void put(std::string key, const std::vector<std::string>& forms) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (map_.size() >= kMaxEntries) map_.clear();
    map_.emplace(std::move(key), forms);
  }

  void clear() {
    const std::lock_guard<std::mutex> lock(mutex_);
    map_.clear();
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::string>> map_;
};

/// The cache key of one lookup, or nullopt when the database has no single revision
/// (several shards, a remote one): then nothing is cached.
std::optional<std::string> cache_key(const Xapian::Database& db, const Analyzer& analyzer, const Token& token,
                                     std::string_view prefix, bool modifiers) {
  std::string key;
  try {
    if (db.size() != 1) return std::nullopt;
    key = db.get_uuid();
    key += '\0';
    key += std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
  if (key.size() <= 1) return std::nullopt;  // no uuid: an in-memory database
  const AnalyzerOptions& o = analyzer.options();
  key += '\0';
  key += static_cast<char>('0' + (o.lemmas ? 1 : 0) + (o.compounds ? 2 : 0) + (o.folding ? 4 : 0) + (modifiers ? 8 : 0));
  key += prefix;
  key += '\0';
  key += token.surface;
  key += '\0';
  key += token.stem;
  return key;
}

}  // namespace

std::vector<std::string> WordForms::indexed(const Token& token, std::string_view prefix, bool modifiers) const {
  if (db_ == nullptr || token.stop || token.stem.empty() || token.kind != TokenKind::Word) {
    return {std::string(prefix) + token.surface};
  }
  const std::optional<std::string> key = cache_key(*db_, analyzer_, token, prefix, modifiers);
  if (key) {
    if (std::optional<std::vector<std::string>> hit = FormCache::shared().find(*key)) return std::move(*hit);
  }
  std::vector<std::string> forms = scan(token, prefix, modifiers);
  if (key) FormCache::shared().put(*key, forms);
  return forms;
}

void WordForms::clear_cache() { FormCache::shared().clear(); }

std::vector<std::string> WordForms::scan(const Token& token, std::string_view prefix, bool modifiers) const {
  std::vector<std::string> out{std::string(prefix) + token.surface};
  // The forms share the beginning of the word and its stem ("kommunal" for kommunalt,
  // kommunala); a stem that is no prefix of the word (umlaut plurals) gives fewer forms.
  std::size_t n = 0;
  while (n < token.surface.size() && n < token.stem.size() && token.surface[n] == token.stem[n]) ++n;
  while (n > 0 && n < token.surface.size() && (static_cast<unsigned char>(token.surface[n]) & 0xC0) == 0x80) --n;
  if (n < 3) return out;
  const std::string start = std::string(prefix) + token.surface.substr(0, n);
  // The inflections (a stem comparison, cheap) of the first kFormScan terms, and the
  // other terms as candidate compounds. Deciding a compound asks the lexicon (costly on
  // a process's first queries), so the candidates are checked most frequent first, only
  // until the list is full: the same forms as checking every one.
  struct Form {
    std::string term;
    Xapian::doccount docs;
  };
  std::vector<Form> inflections, candidates;
  std::size_t scanned = 0;
  for (auto it = db_->allterms_begin(start); it != db_->allterms_end(start) && scanned < kFormScan; ++it, ++scanned) {
    std::string term = *it;
    const std::string_view form = std::string_view(term).substr(prefix.size());
    if (form == token.surface) continue;
    if (analyzer_.stem(form) == token.stem) {
      inflections.push_back({std::move(term), it.get_termfreq()});
    } else if (modifiers) {
      candidates.push_back({std::move(term), it.get_termfreq()});
    }
  }
  const auto by_docs = [](const Form& a, const Form& b) {
    if (a.docs != b.docs) return a.docs > b.docs;
    return a.term < b.term;
  };
  std::sort(inflections.begin(), inflections.end(), by_docs);
  for (Form& f : inflections) {
    if (out.size() >= kMaxForms) return out;
    out.push_back(std::move(f.term));
  }
  std::sort(candidates.begin(), candidates.end(), by_docs);
  for (Form& f : candidates) {
    if (out.size() >= kMaxForms) break;
    if (analyzer_.form_relation(token, std::string_view(f.term).substr(prefix.size())) == FormRelation::Modifier) {
      out.push_back(std::move(f.term));
    }
  }
  return out;
}

namespace {

/// The region terms of the places the word's terms name (PlaceWords: "umeå" -> the
/// projects in Umeå), each at the highest weight of a term naming it, and adding matches
/// when one of those terms may.
void add_places(std::vector<WordExpansion>& out, const Analyzer& analyzer) {
  const PlaceWords& places = PlaceWords::shared(analyzer);
  const std::size_t terms = out.size();
  for (std::size_t i = 0; i < terms; ++i) {
    const std::vector<std::string>* names = places.places(out[i].term);
    if (names == nullptr) continue;
    const double weight = out[i].weight;
    const bool adds = out[i].adds_matches;
    for (const std::string& name : *names) {
      std::string term = Schema::facet_term(Facet::Region, name);
      auto same = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(terms), out.end(),
                               [&](const WordExpansion& e) { return e.term == term; });
      if (same == out.end()) {
        out.push_back({std::move(term), weight, adds});
      } else {
        same->weight = std::max(same->weight, weight);
        same->adds_matches = same->adds_matches || adds;
      }
    }
  }
}

}  // namespace

std::vector<WordExpansion> WordForms::expansions(const Token& token) const {
  std::vector<WordExpansion> out = term_expansions(token);
  if (!out.empty() && !token.stop && token.kind == TokenKind::Word) add_places(out, analyzer_);
  return out;
}

std::vector<std::string> WordForms::diacritic_stems(const Token& token, const std::string& folded) const {
  const std::string prefix(Schema::kFolded);
  const std::optional<std::string> key = cache_key(*db_, analyzer_, token, prefix + folded, false);
  if (key) {
    if (std::optional<std::vector<std::string>> hit = FormCache::shared().find(*key)) return std::move(*hit);
  }
  // The stem respelt ("vaxjo": "växjö"), and the word respelt and stemmed: Snowball stems
  // some words differently with their diacritics ("muller" -> "mull", "müller" stays).
  // (Words of the lexicon are respelt by the Analyzer, through their lemmas.) At most
  // kMaxRespellings of each: a longer word finds its respellings through the lexicon only.
  thread_local const Xapian::Stem snowball("swedish");
  std::vector<std::string> candidates;
  for (std::string& s : text::diacritic_respellings(folded, kMaxRespellings)) candidates.push_back(std::string(Schema::kStem) + s);
  if (token.surface != folded && text::strip_diacritics(token.surface) == token.surface) {
    for (const std::string& s : text::diacritic_respellings(token.surface, kMaxRespellings)) {
      std::string term = std::string(Schema::kStem) + snowball(s);
      if (term != std::string(Schema::kStem) + folded) candidates.push_back(std::move(term));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::string> out;
  for (std::string& term : candidates) {
    if (db_->term_exists(term)) out.push_back(std::move(term));
  }
  if (key) FormCache::shared().put(*key, out);
  return out;
}

std::vector<WordExpansion> WordForms::term_expansions(const Token& token) const {
  std::vector<WordExpansion> out;
  for (WeightedTerm& t : analyzer_.weighted_query_terms(token)) out.push_back({std::move(t.term), t.weight, true});
  if (db_ == nullptr || out.empty() || token.stop || token.stem.empty() || token.kind != TokenKind::Word) return out;
  // A folded term asks for the index's stems that spell it with diacritics ("ZFvaxjo":
  // "Zväxjö"), at its weight, after it (an index built before they were resolved here
  // holds the folded terms themselves: they stay in the query).
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].term.compare(0, Schema::kFolded.size(), Schema::kFolded) != 0) continue;
    const double weight = out[i].weight;
    std::size_t at = i + 1;
    for (std::string& stem : diacritic_stems(token, out[i].term.substr(Schema::kFolded.size()))) {
      auto same = [&](const WordExpansion& e) { return e.term == stem; };
      if (std::any_of(out.begin(), out.end(), same)) continue;
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(at++), {std::move(stem), weight, true});
    }
    i = at - 1;
  }
  const std::size_t own_count = analyzer_.query_terms(token).size();
  auto is_part = [&](const std::string& term) {
    for (const std::string& p : token.parts) {
      if (term == std::string(Schema::kStem) + p || term == std::string(Schema::kPart) + p) return true;
    }
    return false;
  };
  // The documents the word itself is in, at least: the most frequent of its own terms,
  // respellings (exact form, stem, diacritic variants) and the word inside compounds.
  Xapian::doccount own_docs = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i >= own_count && is_part(out[i].term)) continue;
    own_docs = std::max(own_docs, db_->get_termfreq(out[i].term));
  }
  const double common = kCommonShare * static_cast<double>(db_->get_doccount());
  const bool finds_little = own_docs < kFewDocs;
  for (std::size_t i = own_count; i < out.size(); ++i) {
    WordExpansion& e = out[i];
    if (!is_part(e.term)) continue;  // a respelling, or the word inside other compounds: a match
    const auto docs = static_cast<double>(db_->get_termfreq(e.term));
    e.adds_matches = finds_little && (docs <= common || docs < kFewDocs);
  }
  return out;
}

std::vector<Token> WordForms::rare_compound_parts(const Token& token) const {
  if (db_ == nullptr || token.stop || token.stem.empty() || token.kind != TokenKind::Word) return {};
  if (db_->get_termfreq(std::string(Schema::kStem) + token.stem) >= kRareCompoundDocs) return {};
  std::vector<Token> out;
  for (const std::string& word : analyzer_.compound_parts(token.surface)) {
    std::vector<Token> t = analyzer_.tokenize(word);
    if (t.size() != 1 || t.front().stop || t.front().stem.empty()) return {};
    out.push_back(std::move(t.front()));
  }
  if (out.size() < 2) return {};
  return out;
}

}  // namespace fynd
