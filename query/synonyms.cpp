#include "synonyms.h"

#include <algorithm>

#include "resources.h"
#include "text.h"

namespace fynd {

Synonyms::Synonyms(std::string_view tsv) {
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t nl = tsv.find('\n', start);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(start, nl - start);
    start = nl + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string> group;
    std::size_t from = 0;
    while (from <= line.size()) {
      std::size_t tab = line.find('\t', from);
      if (tab == std::string_view::npos) tab = line.size();
      std::string_view v = text::trim(line.substr(from, tab - from));
      if (!v.empty()) group.push_back(text::nfc(v));
      from = tab + 1;
    }
    if (group.size() >= 2) groups_.push_back(std::move(group));
  }
}

const Synonyms& Synonyms::shared() {
  static const Synonyms instance(resources::find("data/gazetteers/synonyms.tsv").value_or(std::string_view()));
  return instance;
}

const Synonyms::Tokenized& Synonyms::tokenized(const Analyzer& analyzer) const {
  std::lock_guard lock(cache_->mutex);
  auto& slot = cache_->by_analyzer[analyzer.fingerprint()];
  if (!slot) {
    auto t = std::make_unique<Tokenized>();
    for (const auto& group : groups_) {
      auto& variants = t->emplace_back();
      for (const auto& v : group) variants.push_back(analyzer.tokenize(v));
    }
    slot = std::move(t);
  }
  return *slot;  // never replaced or freed while the Synonyms lives
}

bool Synonyms::same_words(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    // Content words by stem (any inflection), stop words and numbers as written.
    const bool by_stem = !a[i].stop && !b[i].stop && a[i].kind == TokenKind::Word && b[i].kind == TokenKind::Word;
    if (by_stem ? a[i].stem != b[i].stem : a[i].surface != b[i].surface) return false;
  }
  return true;
}

std::optional<std::pair<std::size_t, std::size_t>> Synonyms::find(const Analyzer& analyzer,
                                                                  const std::vector<Token>& words) const {
  const Tokenized& variants = tokenized(analyzer);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    for (std::size_t v = 0; v < groups_[g].size(); ++v) {
      if (same_words(variants[g][v], words)) return std::make_pair(g, v);
    }
  }
  return std::nullopt;
}

std::vector<std::string> Synonyms::alternatives(const Analyzer& analyzer, const std::vector<Token>& words) const {
  std::vector<std::string> out;
  const auto hit = find(analyzer, words);
  if (!hit) return out;
  for (std::size_t v = 0; v < groups_[hit->first].size(); ++v) {
    if (v != hit->second) out.push_back(groups_[hit->first][v]);
  }
  return out;
}

std::optional<Xapian::Query> Synonyms::expand(const Analyzer& analyzer, const std::vector<Token>& words) const {
  std::vector<Xapian::Query> alts;
  for (const std::string& variant : alternatives(analyzer, words)) {
    const std::vector<Token> tokens = analyzer.tokenize(variant);
    if (tokens.empty()) continue;
    if (tokens.size() == 1) {
      std::vector<Xapian::Query> terms;
      for (const WeightedTerm& t : analyzer.weighted_query_terms(tokens.front())) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.weight);
      }
      alts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    } else {
      std::vector<Xapian::Query> terms;
      for (const Token& t : tokens) terms.emplace_back(t.surface);
      alts.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
    }
  }
  if (alts.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()),
                       kWeight);
}

std::string Synonyms::quote_phrases(const Analyzer& analyzer, std::string_view nfc) const {
  std::vector<const std::vector<Token>*> phrases;
  for (const auto& group : tokenized(analyzer)) {
    for (const auto& tokens : group) {
      if (tokens.size() >= 2) phrases.push_back(&tokens);
    }
  }
  if (phrases.empty()) return std::string(nfc);
  std::sort(phrases.begin(), phrases.end(), [](const auto* a, const auto* b) { return a->size() > b->size(); });
  const std::vector<Token> tokens = analyzer.tokenize(nfc);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < tokens.size();) {
    const std::size_t begin = tokens[i].begin;
    const bool quoted = std::count(nfc.begin(), nfc.begin() + static_cast<std::ptrdiff_t>(begin), '"') % 2 == 1;
    const bool in_field = begin > 0 && (nfc[begin - 1] == ':' || tokens[i].surface.find(':') != std::string::npos);
    std::size_t matched = 0;
    if (!quoted && !in_field) {
      for (const auto* phrase : phrases) {
        const std::vector<Token>& p = *phrase;
        if (i + p.size() > tokens.size()) continue;
        const std::vector<Token> window(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                                        tokens.begin() + static_cast<std::ptrdiff_t>(i + p.size()));
        const std::string_view span = nfc.substr(begin, window.back().end - begin);
        if (span.find('"') == std::string_view::npos && same_words(window, p)) {
          matched = p.size();
          break;
        }
      }
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    const std::size_t end = tokens[i + matched - 1].end;
    out.append(nfc.substr(copied, begin - copied));
    out += '"';
    out.append(nfc.substr(begin, end - begin));
    out += '"';
    copied = end;
    i += matched;
  }
  out.append(nfc.substr(copied));
  return out;
}

}  // namespace fynd
