#include "phrase_index.h"

#include "text.h"

namespace fynd {

namespace {
bool ends_with_sibilant(std::string_view w) {
  return !w.empty() && (w.back() == 's' || w.back() == 'x' || w.back() == 'z');
}
}  // namespace

void PhraseIndex::add(std::string_view phrase, int target, PhraseCase mode, bool genitive) {
  std::vector<Token> tokens;
  const std::string source(phrase);
  for (const Word& w : WordScanner::scan(source)) {
    Token t;
    t.text = mode == PhraseCase::Exact ? source.substr(w.begin, w.end - w.begin) : w.folded;
    if (w.end < source.size() && source[w.end] == '*') t.prefix = true;
    tokens.push_back(std::move(t));
  }
  if (tokens.empty()) return;
  if (genitive && !tokens.back().prefix && !ends_with_sibilant(tokens.back().text)) {
    std::vector<Token> gen = tokens;
    gen.back().text += 's';
    add_tokens(std::move(gen), target, mode);
  }
  add_tokens(std::move(tokens), target, mode);
}

void PhraseIndex::add_tokens(std::vector<Token> tokens, int target, PhraseCase mode) {
  Entry e{std::move(tokens), mode, target};
  if (e.tokens.front().prefix) {
    const auto index = static_cast<std::uint32_t>(prefix_first_.size());
    const std::string& first = e.tokens.front().text;
    if (first.empty()) {
      for (auto& list : prefix_by_byte_) list.push_back(index);
    } else {
      prefix_by_byte_[static_cast<unsigned char>(first.front())].push_back(index);
    }
    prefix_first_.push_back(std::move(e));
    return;
  }
  const std::string key = mode == PhraseCase::Exact ? text::fold_case(e.tokens.front().text) : e.tokens.front().text;
  auto& list = by_first_[key];
  for (const Entry& old : list) {
    if (old.mode == e.mode && old.tokens.size() == e.tokens.size()) {
      bool same = true;
      for (std::size_t i = 0; i < old.tokens.size() && same; ++i) {
        same = old.tokens[i].text == e.tokens[i].text && old.tokens[i].prefix == e.tokens[i].prefix;
      }
      if (same) return;  // the first entry added for a phrase wins
    }
  }
  list.push_back(std::move(e));
}

bool PhraseIndex::matches(const Entry& e, const std::vector<Word>& words, std::size_t at,
                          std::string_view text) const {
  if (at + e.tokens.size() > words.size()) return false;
  for (std::size_t k = 0; k < e.tokens.size(); ++k) {
    const Word& w = words[at + k];
    const Token& t = e.tokens[k];
    if (e.mode == PhraseCase::Exact) {
      const std::string_view surface = text.substr(w.begin, w.end - w.begin);
      if (t.prefix ? !surface.starts_with(t.text) : surface != t.text) return false;
    } else if (t.prefix ? !w.folded.starts_with(t.text) : w.folded != t.text) {
      return false;
    }
    // Words of one phrase must be adjacent: only spaces, hyphens, '&' or '+' between them.
    if (k > 0) {
      for (std::size_t b = words[at + k - 1].end; b < w.begin; ++b) {
        const char c = text[b];
        if (c != ' ' && c != '-' && c != '&' && c != '+' && c != '\n') return false;
      }
    }
  }
  if (e.mode == PhraseCase::Capitalised && !words[at].capitalised) return false;
  return true;
}

std::vector<PhraseMatch> PhraseIndex::find_all(const std::vector<Word>& words, std::string_view text) const {
  std::vector<PhraseMatch> out;
  std::size_t i = 0;
  while (i < words.size()) {
    const Entry* best = nullptr;
    auto consider = [&](const Entry& e) {
      if ((best == nullptr || e.tokens.size() > best->tokens.size()) && matches(e, words, i, text)) best = &e;
    };
    if (const std::vector<Entry>* list = by_first_.find(words[i].folded)) {
      for (const Entry& e : *list) consider(e);
    }
    if (!prefix_first_.empty()) {
      // An Exact entry compares with the word as written, the others with it folded: the
      // entries of both first bytes, merged back into the order they were added in.
      const Word& w = words[i];
      if (w.folded.empty() || w.end <= w.begin || w.begin >= text.size()) {
        for (const Entry& e : prefix_first_) consider(e);
      } else {
        const auto& a = prefix_by_byte_[static_cast<unsigned char>(text[w.begin])];
        const auto& b = prefix_by_byte_[static_cast<unsigned char>(w.folded.front())];
        if (&a == &b) {
          for (std::uint32_t k : a) consider(prefix_first_[k]);
        } else {
          std::size_t x = 0;
          std::size_t y = 0;
          while (x < a.size() || y < b.size()) {
            std::uint32_t k;
            if (y == b.size() || (x < a.size() && a[x] < b[y])) {
              k = a[x++];
            } else if (x == a.size() || b[y] < a[x]) {
              k = b[y++];
            } else {  // in both lists (an empty first token)
              k = a[x++];
              ++y;
            }
            consider(prefix_first_[k]);
          }
        }
      }
    }
    if (best != nullptr) {
      out.push_back({i, i + best->tokens.size(), best->target});
      i += best->tokens.size();
    } else {
      ++i;
    }
  }
  return out;
}

bool PhraseIndex::lookup(std::string_view phrase, int& target) const {
  const std::string s(phrase);
  std::vector<Word> words = WordScanner::scan(s);
  if (words.empty()) return false;
  // Structured values are matched case-insensitively, whatever the entry's mode.
  if (const std::vector<Entry>* list = by_first_.find(words.front().folded)) {
    for (const Entry& e : *list) {
      if (e.tokens.size() != words.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < words.size() && same; ++k) {
        const std::string t = e.mode == PhraseCase::Exact ? text::fold_case(e.tokens[k].text) : e.tokens[k].text;
        same = e.tokens[k].prefix ? words[k].folded.starts_with(t) : words[k].folded == t;
      }
      if (same) {
        target = e.target;
        return true;
      }
    }
  }
  for (const Entry& e : prefix_first_) {
    if (e.tokens.size() == words.size() && words.front().folded.starts_with(text::fold_case(e.tokens.front().text))) {
      target = e.target;
      return true;
    }
  }
  return false;
}

}  // namespace fynd
