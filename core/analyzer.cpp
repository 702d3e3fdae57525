#include "analyzer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <unordered_set>

#include "compound_splitter.h"
#include "error.h"
#include "resources.h"
#include "schema.h"
#include "swedish_lexicon.h"
#include "text.h"
#include "word_breaks.h"
#include "word_cache.h"
#include "word_map.h"

namespace fynd {
namespace {

const Xapian::Stem& swedish_stemmer() {
  thread_local const Xapian::Stem stemmer("swedish");
  return stemmer;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if ((c < '0' || c > '9') && c != '.' && c != ',') return false;
  }
  return s.front() >= '0' && s.front() <= '9';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// True if the word has å, ä or ö (in either case): typed with Swedish letters.
bool has_swedish_letters(std::string_view w) {
  for (std::string_view l : {"å", "ä", "ö", "Å", "Ä", "Ö"}) {
    if (w.find(l) != std::string_view::npos) return true;
  }
  return false;
}

/// The base form of a word Hunspell knows as a simple (non-compound) word.
std::string simple_lemma(const SwedishLexicon& lex, std::string_view word) {
  const std::vector<std::string> lemmas = lex.lemmas(word);
  std::string pick(word);
  if (!lemmas.empty() && std::find(lemmas.begin(), lemmas.end(), word) == lemmas.end()) {
    // Several readings ("stöder" -> stöda): the one sharing the longest beginning with
    // the word, then the shortest, then the first alphabetically: deterministic.
    auto shared_prefix = [&](const std::string& l) {
      std::size_t n = 0;
      while (n < l.size() && n < word.size() && l[n] == word[n]) ++n;
      return n;
    };
    const std::string* best = nullptr;
    for (const std::string& l : lemmas) {
      if (shared_prefix(l) == 0) continue;  // a different word altogether
      if (best == nullptr || shared_prefix(l) > shared_prefix(*best) ||
          (shared_prefix(l) == shared_prefix(*best) && (l.size() < best->size() || (l.size() == best->size() && l < *best)))) {
        best = &l;
      }
    }
    if (best != nullptr) pick = *best;
  }
  // Verbal nouns in -an take their plural from -ning: ansökan, ansökningar (lemma
  // ansökning); anmälan, anmälningar. Both meet at the -an form when it is an entry.
  if (ends_with(pick, "ning")) {
    std::string an = pick.substr(0, pick.size() - 4) + "an";
    if (lex.is_entry(an)) return an;
  }
  return pick;
}

using Segment = TextSpan;

}  // namespace

std::unordered_set<std::string> parse_stopword_list(std::string_view list) {
  std::unordered_set<std::string> words;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t nl = list.find('\n', start);
    if (nl == std::string_view::npos) nl = list.size();
    std::string_view line = list.substr(start, nl - start);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = text::trim(line);
    if (!line.empty()) words.insert(text::fold_case(text::nfc(line)));
    start = nl + 1;
  }
  return words;
}

AnalyzerOptions AnalyzerOptions::from_environment() {
  AnalyzerOptions o;
  if (const char* v = std::getenv("FYND_ANALYSIS"); v != nullptr && std::string_view(v) == "plain") {
    o.lemmas = o.compounds = o.folding = false;
  }
  return o;
}

struct Analyzer::WordInfo {
  std::string stem;
  std::string folded;
  std::vector<std::string> parts;
};

struct Analyzer::Lexical {
  explicit Lexical(const SwedishLexicon& lex) : lexicon(lex), splitter(lex) {}
  const SwedishLexicon& lexicon;
  CompoundSplitter splitter;
  WordCache<std::string> lemmas;
  WordCache<WordInfo> words;
};

namespace {

std::string_view compiled_in_stopwords() {
  auto list = resources::find("stopwords/sv.txt");
  if (!list) throw Error(ErrorCode::Internal, "compiled-in stop-word list stopwords/sv.txt is missing");
  return *list;
}

}  // namespace

Analyzer::Analyzer() : Analyzer(compiled_in_stopwords(), AnalyzerOptions::from_environment()) {}

Analyzer::Analyzer(const AnalyzerOptions& options) : Analyzer(compiled_in_stopwords(), options) {}

Analyzer::Analyzer(std::string_view stopword_list, const AnalyzerOptions& options)
    : stopwords_(parse_stopword_list(stopword_list)),
      options_(options),
      fingerprint_((std::hash<std::string_view>{}(stopword_list) << 3) ^ (options.lemmas ? 1u : 0u) ^
                   (options.compounds ? 2u : 0u) ^ (options.folding ? 4u : 0u)) {
  if (options_.lemmas || options_.compounds) lexical_ = std::make_shared<Lexical>(SwedishLexicon::shared());
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(const Analyzer&) = default;
Analyzer& Analyzer::operator=(const Analyzer&) = default;

std::string Analyzer::lemma(std::string_view folded) const {
  if (!options_.lemmas || !lexical_ || folded.empty()) return std::string(folded);
  if (auto hit = lexical_->lemmas.get(folded)) return *hit;
  const SwedishLexicon& lex = lexical_->lexicon;
  std::string out(folded);
  if (lex.known_simple(folded)) {
    out = simple_lemma(lex, folded);
  } else {
    // A compound (or an unknown word made of lexicon words): modifiers + base of the head.
    const std::vector<CompoundPart> parts = lexical_->splitter.split(folded);
    if (parts.size() >= 2) {
      out.clear();
      for (std::size_t i = 0; i + 1 < parts.size(); ++i) out += parts[i].text;
      out += simple_lemma(lex, parts.back().text);
    }
  }
  lexical_->lemmas.put(folded, out);
  return out;
}

Analyzer::WordInfo Analyzer::word_info(std::string_view folded) const {
  if (!lexical_ && !options_.folding) return {stem(folded), {}, {}};
  if (lexical_) {
    if (auto hit = lexical_->words.get(folded)) return *hit;
  }
  WordInfo info;
  const std::string base = options_.lemmas ? lemma(folded) : std::string(folded);
  info.stem = swedish_stemmer()(base);
  if (options_.folding) {
    // Stem the folded base form (not fold the stem): Snowball treats "café" and "cafe",
    // "müller" and "muller" differently, and a query typed without accents gets the
    // stem of the plain spelling.
    const std::string plain = text::strip_diacritics(base);
    if (plain != base) info.folded = swedish_stemmer()(plain);
  }
  if (options_.compounds && lexical_) {
    const std::vector<CompoundPart> parts = lexical_->splitter.split_fully(folded);
    // Every run of consecutive parts but the whole word: arbets|marknads|avdelningen gives
    // arbete, marknad, avdelningen, arbetsmarknad, marknadsavdelningen (as stems).
    for (std::size_t i = 0; i < parts.size() && parts.size() >= 2; ++i) {
      std::string run;
      for (std::size_t j = i; j < parts.size(); ++j) {
        if (i == 0 && j + 1 == parts.size()) break;
        const std::string word = run + (j + 1 == parts.size() ? parts[j].text : parts[j].base);
        run += parts[j].text;
        if (is_stop_word(word)) continue;
        std::string part_stem = stem(word);
        if (part_stem.empty() || part_stem == info.stem) continue;
        if (std::find(info.parts.begin(), info.parts.end(), part_stem) == info.parts.end()) {
          info.parts.push_back(std::move(part_stem));
        }
      }
    }
  }
  if (lexical_) lexical_->words.put(folded, info);
  return info;
}

bool Analyzer::is_stop_word(std::string_view folded) const { return stopwords_.count(std::string(folded)) > 0; }

std::string Analyzer::stem(std::string_view folded) const {
  return swedish_stemmer()(options_.lemmas ? lemma(folded) : std::string(folded));
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const { return split(text, true); }

std::vector<Token> Analyzer::segment(std::string_view text) const { return split(text, false); }

void Analyzer::analyse(Token& t) const {
  if (t.stop || t.kind != TokenKind::Word || !t.stem.empty()) return;
  WordInfo info = word_info(t.surface);
  t.stem = std::move(info.stem);
  t.folded = std::move(info.folded);
  t.parts = std::move(info.parts);
}

std::vector<Token> Analyzer::split(std::string_view input, bool analysed) const {
  std::vector<Token> tokens;
  if (input.empty()) return tokens;
  // Work on valid NFC text; callers that need byte offsets into the original pass NFC text.
  // Text of code points up to U+00FF (most project text) is NFC and is segmented on its
  // bytes; other valid UTF-8 is NFC exactly when ICU says its UTF-16 form is.
  std::vector<Segment> segments;
  std::string normalised;
  std::string_view text = input;
  if (!WordBreaks::latin1(input, segments)) {
    bool already_nfc = text::is_valid_utf8(input);
    if (already_nfc) {
      const icu::UnicodeString u =
          icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), static_cast<int32_t>(input.size())));
      UErrorCode status = U_ZERO_ERROR;
      const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
      already_nfc = U_SUCCESS(status) && nfc->isNormalized(u, status) && U_SUCCESS(status);
    }
    if (!already_nfc) {
      normalised = text::nfc(input);
      text = normalised;
    }
    segments = WordBreaks::icu(text);
  }

  auto seg_text = [&](const Segment& s) { return text.substr(s.begin, s.end - s.begin); };
  auto is_joiner = [&](const Segment& s, char c) { return s.end - s.begin == 1 && text[s.begin] == c; };

  tokens.reserve(segments.size());
  Xapian::termpos pos = 0;
  std::string chain;  // the closed form of the hyphenated word being read ("e-hälsa")
  for (std::size_t i = 0; i < segments.size(); ++i) {
    Segment s = segments[i];
    if (is_joiner(s, '/') || is_joiner(s, '@') || is_joiner(s, '-')) continue;
    // A word directly after "word-" continues a hyphenated word: "e-hälsa", "ESF-stöd".
    const bool hyphen_before = i >= 1 && is_joiner(segments[i - 1], '-') && segments[i - 1].end == s.begin &&
                               !tokens.empty() && tokens.back().end == segments[i - 1].begin &&
                               tokens.back().kind == TokenKind::Word && !chain.empty();
    TokenKind kind = all_digits(seg_text(s)) ? TokenKind::Number : TokenKind::Word;
    // Step 3: join "2019/00503" and "name@host.se" when written without spaces.
    while (i + 2 < segments.size() && segments[i + 1].begin == s.end && segments[i + 2].begin == segments[i + 1].end) {
      const Segment& joiner = segments[i + 1];
      const Segment& next = segments[i + 2];
      if (is_joiner(joiner, '/') && kind != TokenKind::Word && all_digits(seg_text(next))) {
        kind = TokenKind::Identifier;
      } else if (is_joiner(joiner, '@') && kind == TokenKind::Word && !all_digits(seg_text(next)) &&
                 seg_text(next).find('.') != std::string_view::npos) {
        kind = TokenKind::Email;
      } else {
        break;
      }
      s.end = next.end;
      i += 2;
    }
    std::string_view word = seg_text(s);
    if (kind == TokenKind::Word && word.find('@') != std::string_view::npos) kind = TokenKind::Email;
    ++pos;
    if (word.size() > kMaxWordBytes) continue;
    Token t;
    t.surface = text::fold_case(word);
    t.begin = s.begin;
    t.end = s.end;
    t.pos = pos;
    t.kind = kind;
    t.stop = kind == TokenKind::Word && is_stop_word(t.surface);
    if (!t.stop && kind == TokenKind::Word) {
      if (analysed) analyse(t);  // segment() leaves steps 6-9 to analyse()
    } else if (!t.stop) {
      t.stem = t.surface;
    }
    if (kind == TokenKind::Word && hyphen_before && chain.size() + t.surface.size() <= kMaxWordBytes) {
      chain += t.surface;
      tokens.back().joined.clear();  // only the last word carries the whole closed form
      t.joined = chain;
    } else {
      chain = kind == TokenKind::Word ? t.surface : std::string();
    }
    tokens.push_back(std::move(t));
  }
  return tokens;
}

std::vector<std::string> Analyzer::index_terms(const Token& token) const {
  std::vector<std::string> terms;
  terms.push_back(token.surface);
  if (!token.stop && !token.stem.empty()) terms.push_back(std::string(Schema::kStem) + token.stem);
  return terms;
}

std::vector<std::string> Analyzer::query_terms(const Token& token) const { return index_terms(token); }

std::vector<std::string> Analyzer::expansion_terms(const Token& token) const {
  std::vector<std::string> terms;
  if (token.stop || token.stem.empty()) return terms;
  for (const std::string& p : token.parts) terms.push_back(std::string(Schema::kPart) + p);
  if (!token.joined.empty()) {
    std::string closed = std::string(Schema::kStem) + stem(token.joined);
    if (std::find(terms.begin(), terms.end(), closed) == terms.end() && closed != std::string(Schema::kStem) + token.stem) {
      terms.push_back(std::move(closed));
    }
  }
  return terms;
}

FormRelation Analyzer::form_relation(const Token& word, std::string_view form) const {
  if (word.stop || word.stem.empty() || form.empty()) return FormRelation::None;
  if (form == word.surface || stem(form) == word.stem) return FormRelation::Inflection;
  if (!options_.compounds || !lexical_) return FormRelation::None;
  // The word, as written or in a compound form (hälsa -> hälso-, gata -> gatu-, with a
  // linking -s-), followed by a word of the lexicon: "hälsotjänster" for "hälsa", where
  // the splitter's choice of parts (häls|otjänster) may differ.
  const SwedishLexicon& lex = lexical_->lexicon;
  std::vector<std::string> heads{word.surface, word.surface + "s"};
  if (ends_with(word.surface, "a")) {
    const std::string root = word.surface.substr(0, word.surface.size() - 1);
    for (const char* v : {"o", "u", "e"}) heads.push_back(root + v);
  }
  for (const std::string& head : heads) {
    if (form.size() <= head.size() || form.compare(0, head.size(), head) != 0) continue;
    const std::string_view rest = form.substr(head.size());
    if (text::to_u32(rest).size() >= kClosedRestLength && lex.known(rest)) return FormRelation::Modifier;
  }
  const std::vector<CompoundPart> parts = lexical_->splitter.split(form);
  if (parts.size() < 2) {
    // Closed words with the same letter prefix relate as their rests do: "ehälsotjänster"
    // begins with "ehälsa" as "hälsotjänster" with "hälsa".
    const std::vector<std::string> w = letter_prefix_parts(word.surface);
    const std::vector<std::string> f = letter_prefix_parts(form);
    if (w.size() != 2 || f.size() != 2 || w[0] != f[0]) return FormRelation::None;
    const std::vector<Token> rest = tokenize(w[1]);
    return rest.size() == 1 ? form_relation(rest.front(), f[1]) : FormRelation::None;
  }
  // The first part as a word: its dictionary form, or with the changed final vowel of
  // compound forms put back (hälso|arbete -> hälsa, gatu|belysning -> gata).
  const std::string& base = parts.front().base;
  if (stem(base) == word.stem) return FormRelation::Modifier;
  if (ends_with(base, "o") || ends_with(base, "u") || ends_with(base, "e")) {
    if (stem(base.substr(0, base.size() - 1) + "a") == word.stem) return FormRelation::Modifier;
  }
  return FormRelation::None;
}

std::vector<std::string> Analyzer::letter_prefix_parts(std::string_view folded) const {
  if (!lexical_ || folded.size() < 1 + kClosedRestLength || folded[0] < 'a' || folded[0] > 'z') return {};
  const SwedishLexicon& lex = lexical_->lexicon;
  const std::string_view rest = folded.substr(1);
  if (lex.known(folded) || text::to_u32(rest).size() < kClosedRestLength || !lex.known(rest)) return {};
  return {std::string(folded.substr(0, 1)), std::string(rest)};
}

std::vector<std::string> Analyzer::compound_parts(std::string_view folded) const {
  std::vector<std::string> out;
  if (!options_.compounds || !lexical_) return out;
  const std::vector<CompoundPart> parts = lexical_->splitter.split_loose(folded);
  if (parts.size() < 2) return out;
  for (std::size_t i = 0; i < parts.size(); ++i) out.push_back(i + 1 == parts.size() ? parts[i].text : parts[i].base);
  return out;
}

std::vector<std::string> Analyzer::diacritic_variants(std::string_view word) const {
  std::vector<std::string> out;
  if (!lexical_) return out;
  const SwedishLexicon& lex = lexical_->lexicon;
  for (std::string& candidate : text::diacritic_respellings(word, kMaxDiacriticVariants)) {
    if (lex.known_simple(candidate)) out.push_back(std::move(candidate));
  }
  return out;
}

std::vector<WeightedTerm> Analyzer::weighted_query_terms(const Token& token) const {
  std::vector<WeightedTerm> out;
  for (std::string& t : query_terms(token)) out.push_back({std::move(t), 1.0});
  if (token.stop || token.stem.empty() || token.kind != TokenKind::Word) return out;
  if (options_.compounds) {
    out.push_back({std::string(Schema::kPart) + token.stem, kPartWeight});
    // A compound typed in a query also finds its parts, weakly: "livsmedelsföretag" finds
    // projects about "livsmedel" (as a word or inside another compound).
    for (const std::string& part : token.parts) {
      for (std::string term : {std::string(Schema::kStem) + part, std::string(Schema::kPart) + part}) {
        auto same = [&](const WeightedTerm& w) { return w.term == term; };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back({std::move(term), kQueryPartWeight});
      }
    }
  }
  if (options_.folding) {
    if (token.folded.empty() && text::strip_diacritics(token.surface) == token.surface) {
      // Typed without diacritics: also the words that have them (vaxjo -> växjö), and the
      // stems of the lexicon words it spells without them (halsan -> hälsan -> hälsa).
      out.push_back({std::string(Schema::kFolded) + token.stem, kFoldedWeight});
      // A word that is itself Swedish (skoter, mal) is not respelt (sköter, mål).
      const bool itself_a_word = lexical_ && lexical_->lexicon.known_simple(token.surface);
      const std::vector<std::string> variants = itself_a_word ? std::vector<std::string>{} : diacritic_variants(token.surface);
      for (const std::string& variant : variants) {
        std::string term(Schema::kStem);
        term += stem(variant);
        auto same = [&](const WeightedTerm& w) { return w.term == term; };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back({std::move(term), kFoldedWeight});
      }
    } else if (!token.folded.empty() && !has_swedish_letters(token.surface)) {
      // Only foreign accents (idé, müller): also the words written without them.
      out.push_back({std::string(Schema::kStem) + token.folded, kFoldedWeight});
      out.push_back({std::string(Schema::kFolded) + token.folded, kFoldedWeight});
    }
  }
  return out;
}

namespace {

/// What the index path writes for one word: index_terms() then expansion_terms().
struct WordTerms {
  std::vector<std::string> terms;
  std::size_t own = 0;  ///< how many of `terms` are index_terms() (the first is positional)
};

WordTerms word_terms(const Analyzer& analyzer, const Token& t) {
  WordTerms w;
  w.terms = analyzer.index_terms(t);
  w.own = w.terms.size();
  for (std::string& term : analyzer.expansion_terms(t)) w.terms.push_back(std::move(term));
  return w;
}

}  // namespace

void Analyzer::index_text(Xapian::Document& doc, std::string_view input, Field field, Xapian::termpos& pos) const {
  const Xapian::termcount wdf = field == Field::Title      ? Schema::kTitleWdf
                                : field == Field::Metadata ? Schema::kMetadataWdf
                                                           : 1;
  // The terms of each word, kept per thread: most words of a text were seen before, and
  // then neither their analysis nor their term strings are made again.
  constexpr std::size_t kMaxMemoWords = std::size_t{1} << 16;
  thread_local OwnedWordMemo<WordTerms> memo;
  WordMap<WordTerms>& words = memo.of(fingerprint_, kMaxMemoWords);
  Xapian::termpos last = pos;
  WordTerms own;
  for (Token& t : split(input, false)) {
    const Xapian::termpos p = pos + t.pos;
    last = p;
    const WordTerms* w = &own;
    // A word of a hyphenated chain has terms of its own (the closed form's stem).
    if (t.kind == TokenKind::Word && t.joined.empty()) {
      w = words.find(t.surface);
      if (w == nullptr) {
        analyse(t);
        w = &words.insert(t.surface, word_terms(*this, t));
      }
    } else {
      analyse(t);
      own = word_terms(*this, t);
    }
    doc.add_posting(w->terms.front(), p, wdf);
    for (std::size_t k = 1; k < w->terms.size(); ++k) {
      const std::string& term = w->terms[k];
      // Metadata names (Europeiska regionala utvecklingsfonden) are not split into compound
      // parts: a part match on a funder's name would make every project of that funder a
      // weak hit for any word sharing a part ("socialfonden" -> "fond").
      if (k >= w->own && field == Field::Metadata && term.compare(0, Schema::kPart.size(), Schema::kPart) == 0) continue;
      doc.add_term(term, wdf);
    }
    if (field == Field::Title) doc.add_posting(std::string(Schema::kTitle) + t.surface, p);
  }
  // Leave a gap so phrases never match across two texts.
  pos = last + 100;
}

}  // namespace fynd
