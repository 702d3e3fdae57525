#include "snippeter.h"

#include <unicode/normalizer2.h>

#include <algorithm>
#include <vector>

#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Appends `s` HTML-escaped, collapsing runs of white space to one space.
void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (is_space_byte(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

/// True when `s` is valid UTF-8 already in NFC, so text::nfc() would return it unchanged
/// (the usual case: the indexer stores NFC text).
bool is_nfc(std::string_view s) {
  if (!text::is_valid_utf8(s)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool normalised = nfc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
  return U_SUCCESS(status) && normalised;
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Snippeter::Snippeter(const Analyzer& analyzer, const ParsedQuery& query, SnippetWordMemo* memo)
    : analyzer_(analyzer), query_(query), memo_(memo), search_(memo != nullptr ? ++memo->searches_ : 0) {}

bool Snippeter::matches(const Token& token) const { return matches(token.surface, token.stem, token.folded, token.parts); }

bool Snippeter::matches(const std::string& surface, const std::string& stem, const std::string& folded,
                        const std::vector<std::string>& parts) const {
  const auto& terms = query_.highlight_terms;
  if (terms.count(surface) > 0) return true;
  // One buffer for the prefixed terms: a word seen for the first time costs no allocation.
  auto has = [&](std::string_view prefix, const std::string& value) {
    key_.assign(prefix);
    key_ += value;
    return terms.count(key_) > 0;
  };
  if (!stem.empty() && has(Schema::kStem, stem)) return true;
  if (!folded.empty() && has(Schema::kFolded, folded)) return true;
  for (const std::string& part : parts) {
    if (has(Schema::kPart, part)) return true;
  }
  for (const std::string& prefix : query_.highlight_prefixes) {
    if (!prefix.empty() && surface.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

std::size_t Snippeter::word_id(const std::string& surface, const std::string& stem) const {
  const std::string& key = stem.empty() ? surface : stem;
  return word_ids_.emplace(key, word_ids_.size()).first->second;
}

Snippeter::Word Snippeter::word(const Token& segmented) const {
  if (memo_ != nullptr) {
    auto* it = memo_->words_.find_entry(segmented.surface);
    if (it == nullptr) {
      if (memo_->words_.size() >= SnippetWordMemo::kMaxWords) memo_->words_.clear();
      Token token = segmented;
      analyzer_.analyse(token);
      SnippetWordMemo::Entry e;
      e.stem = std::move(token.stem);
      e.folded = std::move(token.folded);
      e.parts = std::move(token.parts);
      it = &memo_->words_.insert_entry(token.surface, std::move(e));
    }
    SnippetWordMemo::Entry& e = it->second;
    if (e.search != search_) {
      e.search = search_;
      e.matched = matches(it->first, e.stem, e.folded, e.parts);
      if (e.matched) e.id = word_id(it->first, e.stem);
    }
    return Word{e.matched, e.id};
  }
  if (const Word* w = words_.find(segmented.surface)) return *w;
  Token token = segmented;
  analyzer_.analyse(token);
  Word w;
  w.matched = matches(token);
  if (w.matched) w.id = word_id(token.surface, token.stem);
  return words_.insert(token.surface, w);
}

std::string Snippeter::passage(std::string_view input, std::size_t max_chars, bool cut_before, bool cut_after,
                               bool* found) const {
  const bool nfc_already = is_nfc(input);
  const std::string normalised = nfc_already ? std::string() : text::nfc(input);
  const std::string_view t = nfc_already ? input : std::string_view(normalised);
  const std::vector<Token> tokens = analyzer_.segment(t);
  // Code-point offset of every token's first byte and of its end, so the window is
  // measured in characters; counted in one walk over the bytes (tokens come in text order).
  auto lead = [&](std::size_t byte) { return (static_cast<unsigned char>(t[byte]) & 0xC0) != 0x80 ? 1u : 0u; };
  std::size_t cp_byte = 0;
  std::size_t cp_count = 0;
  auto cp = [&](std::size_t to) {  // code points in t[0, to)
    for (; cp_byte < to; ++cp_byte) cp_count += lead(cp_byte);
    for (; cp_byte > to; --cp_byte) cp_count -= lead(cp_byte - 1);
    return cp_count;
  };
  std::vector<std::size_t> cp_begin(tokens.size());
  std::vector<std::size_t> cp_end(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    cp_begin[i] = cp(tokens[i].begin);
    cp_end[i] = cp(tokens[i].end);
  }
  std::vector<bool> matched(tokens.size(), false);
  std::vector<std::size_t> hits;
  std::vector<std::size_t> hit_ids;  // Word::id of each hit
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Word w = word(tokens[i]);
    if (w.matched) {
      matched[i] = true;
      hits.push_back(i);
      hit_ids.push_back(w.id);
    }
  }

  if (found != nullptr) *found = !hits.empty();
  std::size_t first_tok = 0;  // token the passage starts at
  if (!hits.empty()) {
    // Densest window: most distinct matched words, then most matches, starting at a match.
    std::size_t best = hits.front();
    std::size_t best_last = hits.front();
    std::size_t best_score = 0;
    std::vector<std::size_t> seen(word_ids_.size(), hits.size());  // id -> last window (h) it was counted in
    for (std::size_t h = 0; h < hits.size(); ++h) {
      const std::size_t a = hits[h];
      const std::size_t limit = cp_begin[a] + max_chars;
      std::size_t distinct = 0;
      std::size_t count = 0;
      std::size_t last = a;
      for (std::size_t k = h; k < hits.size() && cp_end[hits[k]] <= limit; ++k) {
        if (seen[hit_ids[k]] != h) {
          seen[hit_ids[k]] = h;
          ++distinct;
        }
        ++count;
        last = hits[k];
      }
      const std::size_t score = distinct * 100 + count;
      if (score > best_score) {
        best_score = score;
        best = a;
        best_last = last;
      }
    }
    // Centre the cluster a little: give a third of the spare room to text before it.
    const std::size_t span = cp_end[best_last] - cp_begin[best];
    const std::size_t slack = max_chars > span ? max_chars - span : 0;
    const std::size_t from_cp = cp_begin[best] > slack / 3 ? cp_begin[best] - slack / 3 : 0;
    first_tok = best;
    while (first_tok > 0 && cp_begin[first_tok - 1] >= from_cp) --first_tok;
    // Prefer starting at a sentence start when one is close.
    for (std::size_t k = first_tok; k < best; ++k) {
      const std::string_view before = std::string_view(t).substr(0, tokens[k].begin);
      const auto nonspace = before.find_last_not_of(" \t\r\n");
      if (nonspace != std::string_view::npos && (before[nonspace] == '.' || before[nonspace] == '\n' || before[nonspace] == ':')) {
        first_tok = k;
        break;
      }
    }
  }

  std::size_t start = tokens.empty() ? 0 : tokens[first_tok].begin;
  if (first_tok == 0) start = 0;
  const std::size_t cp_start = start == 0 ? 0 : cp_begin[first_tok];
  std::size_t end = start;
  std::size_t last_tok = first_tok;
  for (std::size_t k = first_tok; k < tokens.size() && cp_end[k] <= cp_start + max_chars; ++k) {
    end = tokens[k].end;
    last_tok = k + 1;
  }
  if (tokens.empty() || end == start) {
    // No words (or one huge one): cut by characters at a UTF-8 boundary.
    end = start;
    for (std::size_t chars = cp_start; end < t.size() && chars < cp_start + max_chars; ++end) chars += lead(end);
    while (end < t.size() && (static_cast<unsigned char>(t[end]) & 0xC0) == 0x80) ++end;
    last_tok = first_tok;
  }
  if (last_tok == tokens.size() && !tokens.empty() && cp(t.size()) <= cp_start + max_chars + 8) {
    end = t.size();  // only punctuation follows the last word: keep it
  } else if (end < t.size() && (t[end] == '.' || t[end] == '!' || t[end] == '?')) {
    ++end;  // keep punctuation that closes the last word's sentence
  }

  std::string out;
  if (start > 0 || cut_before) out += "…";
  std::size_t cursor = start;
  for (std::size_t k = first_tok; k < last_tok; ++k) {
    append_escaped(out, std::string_view(t).substr(cursor, tokens[k].begin - cursor));
    const std::string_view word = std::string_view(t).substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    if (matched[k]) {
      out += "<mark>";
      append_escaped(out, word);
      out += "</mark>";
    } else {
      append_escaped(out, word);
    }
    cursor = tokens[k].end;
  }
  if (cursor < end) append_escaped(out, std::string_view(t).substr(cursor, end - cursor));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() >= 3 && out.compare(0, 3, "…") == 0 && out.size() > 3 && out[3] == ' ') out.erase(3, 1);
  if (end < t.size() || cut_after) out += "…";
  return out;
}

std::vector<std::string> Snippeter::needles() const {
  std::vector<std::string> out;
  auto add = [&](std::string_view w) {
    if (w.size() < 3 || out.size() >= 2 * kMaxNeedles) return;
    out.emplace_back(w);
    // The capitalised form too: "Växjö" for växjö, "Åsa" for åsa (Latin-1 letters in UTF-8).
    std::string cap(w);
    const auto b0 = static_cast<unsigned char>(cap[0]);
    if (b0 >= 'a' && b0 <= 'z') {
      cap[0] = static_cast<char>(b0 - 32);
    } else if (b0 == 0xC3 && (static_cast<unsigned char>(cap[1]) & 0xE0) == 0xA0) {
      cap[1] = static_cast<char>(static_cast<unsigned char>(cap[1]) - 0x20);
    }
    if (cap != w) out.push_back(std::move(cap));
  };
  for (const std::string& term : query_.highlight_terms) {
    const std::string_view t(term);
    if (t.substr(0, Schema::kFolded.size()) == Schema::kFolded) continue;  // no diacritics: not in the text as such
    if (t.substr(0, Schema::kPart.size()) == Schema::kPart) {
      add(t.substr(Schema::kPart.size()));
    } else if (t.substr(0, Schema::kStem.size()) == Schema::kStem) {
      add(t.substr(Schema::kStem.size()));  // a Swedish stem is the start of its inflected forms
    } else if (!t.empty() && !(t[0] >= 'A' && t[0] <= 'Z')) {
      add(t);
    }
  }
  for (const std::string& prefix : query_.highlight_prefixes) add(prefix);
  return out;
}

std::string Snippeter::snippet(std::string_view text, std::size_t max_chars) const {
  if (text.size() <= kMaxAnalyzedBytes) return passage(text, max_chars, false, false, nullptr);
  // A long text: analyse a bounded part of it only (as Elasticsearch's
  // max_analyzed_offset does), so a huge project costs a search no more than a normal one.
  // First its start; if no query word is there, the part around the first place where a
  // query word's surface form or stem occurs as plain bytes.
  auto window = [&](std::size_t from) {
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
    std::size_t to = std::min(text.size(), from + kMaxAnalyzedBytes);
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
    return std::make_pair(from, to);
  };
  const auto [b0, e0] = window(0);
  bool found = false;
  std::string first = passage(text.substr(b0, e0 - b0), max_chars, false, e0 < text.size(), &found);
  if (found) return first;
  std::size_t at = std::string_view::npos;
  const std::string_view rest = text.substr(e0 > 64 ? e0 - 64 : 0);
  const std::size_t rest_offset = text.size() - rest.size();
  for (const std::string& n : needles()) {
    const std::size_t i = rest.substr(0, at == std::string_view::npos ? rest.size() : at - rest_offset).find(n);
    if (i != std::string_view::npos) at = rest_offset + i;
  }
  if (at == std::string_view::npos) return first;
  const auto [b, e] = window(at > kMaxAnalyzedBytes / 4 ? at - kMaxAnalyzedBytes / 4 : 0);
  return passage(text.substr(b, e - b), max_chars, b > 0, e < text.size(), nullptr);
}

}  // namespace fynd
