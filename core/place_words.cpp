#include "place_words.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include "schema.h"

namespace fynd {

PlaceWords::PlaceWords(const Gazetteer& gazetteer, const Analyzer& analyzer) {
  for (const Place& place : gazetteer.places()) {
    if (!names_.insert(place.name).second) continue;
    for (const std::string& term : name_terms(place.name, analyzer)) {
      std::vector<std::string>& names = by_term_[term];
      if (std::find(names.begin(), names.end(), place.name) == names.end()) names.push_back(place.name);
    }
  }
}

const PlaceWords& PlaceWords::shared(const Analyzer& analyzer) {
  static std::mutex mutex;
  static std::unordered_map<std::uint64_t, std::unique_ptr<const PlaceWords>> by_options;
  const std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<const PlaceWords>& words = by_options[analyzer.fingerprint()];
  if (!words) words = std::make_unique<const PlaceWords>(Gazetteer::standard(), analyzer);
  return *words;
}

std::vector<std::string> PlaceWords::name_terms(std::string_view name, const Analyzer& analyzer) {
  std::vector<std::string> terms;
  auto add = [&terms](std::string term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  };
  for (const Token& t : analyzer.tokenize(name)) {
    // The stem term, not the positional surface term: a query word searches both, and a
    // name that is only a place of the project needs no surface form of its own.
    std::vector<std::string> own = analyzer.index_terms(t);
    for (std::size_t k = 1; k < own.size(); ++k) add(std::move(own[k]));
    // The folded stem: the key a word typed without diacritics is looked up by ("umea").
    if (!t.stop && !t.folded.empty()) add(std::string(Schema::kFolded) + t.folded);
    for (std::string& term : analyzer.expansion_terms(t)) {
      // As for the other metadata: names are not split into compound parts.
      if (term.compare(0, Schema::kPart.size(), Schema::kPart) != 0) add(std::move(term));
    }
  }
  return terms;
}

const std::vector<std::string>* PlaceWords::places(const std::string& term) const {
  auto it = by_term_.find(term);
  if (it == by_term_.end() || it->second.size() > kMaxPlaces) return nullptr;
  return &it->second;
}

}  // namespace fynd
