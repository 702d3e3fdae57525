// Extractor: themes from free text, assigned only with enough support.
#include <algorithm>
#include <set>

#include "extractor.h"
#include "text.h"
#include "word_map.h"
#include "word_scanner.h"

namespace fynd {

const Extractor::WordThemes& Extractor::word_themes(const std::string& folded) const {
  constexpr std::size_t kMaxMemoWords = std::size_t{1} << 16;
  thread_local OwnedWordMemo<WordThemes> memo;
  WordMap<WordThemes>& words = memo.of(id_, kMaxMemoWords);
  if (const WordThemes* seen = words.find(folded)) return *seen;
  if (auto hit = theme_hits_.get(folded)) return words.insert(folded, std::move(*hit));
  WordThemes out;
  if (!analyzer_.is_stop_word(folded)) {
    out.stem = analyzer_.stem(folded);
    const auto& themes = gazetteer_.themes();
    for (std::size_t t = 0; t < themes.size(); ++t) {
      const ThemeEntry& th = themes[t];
      const bool hit =
          std::find(th.stems.begin(), th.stems.end(), out.stem) != th.stems.end() ||
          std::any_of(th.prefixes.begin(), th.prefixes.end(), [&](const std::string& x) { return folded.starts_with(x); }) ||
          std::any_of(th.suffixes.begin(), th.suffixes.end(), [&](const std::string& x) {
            return folded.size() > x.size() && folded.ends_with(x);
          });
      if (hit) out.themes.push_back(t);
    }
  }
  theme_hits_.put(folded, out);
  return words.insert(folded, std::move(out));
}

void Extractor::extract_themes(Project& p, std::string_view text) const {
  const std::vector<Word> title_words = WordScanner::scan(p.title);
  const std::vector<Word> body_words = WordScanner::scan(text);
  extract_themes(p, title_words, body_words);
}

void Extractor::extract_themes(Project& p, std::span<const Word> title_words, std::span<const Word> body) const {
  const auto& themes = gazetteer_.themes();
  struct Support {
    int hits = 0;
    bool title = false;
    std::set<std::string> stems;  ///< distinct trigger words, by stem
    std::set<std::string> words;  ///< a few of them as written (folded), for evidence
  };
  std::vector<Support> support(themes.size());
  std::size_t body_words = 0;
  auto scan = [&](std::span<const Word> part, bool title) {
    for (const Word& w : part) {
      if (!title) ++body_words;
      if (w.folded.size() < 2) continue;
      const WordThemes& wt = word_themes(w.folded);
      for (std::size_t t : wt.themes) {
        Support& s = support[t];
        ++s.hits;
        s.title = s.title || title;
        s.stems.insert(wt.stem);
        if (s.words.size() < 6) s.words.insert(w.folded);
      }
    }
  };
  scan(title_words, true);
  scan(body, false);
  // Long texts touch many subjects in passing: the number of hits needed grows with length.
  const int hits_needed = std::max(kThemeThreshold, static_cast<int>(body_words / 250) + 1);
  for (std::size_t t = 0; t < themes.size(); ++t) {
    const Support& s = support[t];
    if (s.hits == 0 || std::find(p.themes.begin(), p.themes.end(), themes[t].name) != p.themes.end()) continue;
    const bool enough = (s.title && s.hits >= 2) ||
                        (static_cast<int>(s.stems.size()) >= kThemeDistinctWords && s.hits >= hits_needed) ||
                        s.hits >= std::max(kThemeRepeatedHits, 2 * hits_needed);
    std::string ev = s.title ? "in the title; " : "";
    ev += std::to_string(s.hits) + (s.hits == 1 ? " hit, " : " hits, ") + std::to_string(s.stems.size()) +
          " distinct: ";
    bool first = true;
    for (const std::string& w : s.words) {
      ev += (first ? "" : ", ") + w;
      first = false;
    }
    if (enough) {
      p.themes.push_back(themes[t].name);
    } else if (s.hits < 2) {
      continue;  // a stray word is not worth keeping as evidence
    }
    Evidence e{"themes", themes[t].name, ev};
    e.used = enough;
    p.evidence.push_back(std::move(e));
  }
}

void Extractor::themes_from_funders(Project& p) const {
  for (const ThemeEntry& t : gazetteer_.themes()) {
    if (std::find(p.themes.begin(), p.themes.end(), t.name) != p.themes.end()) continue;
    for (const auto& [key, value] : t.field_values) {
      if (key != "funder") continue;
      const auto& wanted = value;  // clang before 16 cannot capture a structured binding
      const auto f = std::find_if(p.funders.begin(), p.funders.end(),
                                  [&](const std::string& name) { return text::fold_case(name) == wanted; });
      if (f == p.funders.end()) continue;
      // The theme comes from where the funder came from.
      Origin origin = Origin::Text;
      for (const Evidence& e : p.evidence) {
        if (e.used && e.field == "funders" && e.value == *f) {
          origin = e.origin;
          break;
        }
      }
      p.themes.push_back(t.name);
      Evidence e{"themes", t.name, "funder: " + *f};
      e.origin = origin;
      p.evidence.push_back(std::move(e));
      break;
    }
  }
}

}  // namespace fynd
