#include "query_builder.h"

#include <algorithm>
#include <charconv>

#include "error.h"
#include "schema.h"
#include "synonyms.h"
#include "text.h"
#include "word_forms.h"

namespace fynd {
namespace {

enum class LexKind { Word, Phrase, Field, LParen, RParen, And, Or, Not, Plus, Minus };

/// One lexical unit of the query text.
struct Lexeme {
  LexKind kind = LexKind::Word;
  std::string text;        ///< word, phrase content, or field value
  std::string field;       ///< field name for LexKind::Field
  bool wildcard = false;   ///< word ended in '*'
  bool quoted = false;     ///< field value was "quoted"
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr std::string_view kKnownFields = "title, funder, region, year, theme";

/// Length of a typographic double quote (“ ” „) at `i`, else 0; ASCII '"' gives 1.
std::size_t quote_at(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  if (s.substr(i, 3) == "\xE2\x80\x9C" || s.substr(i, 3) == "\xE2\x80\x9D" || s.substr(i, 3) == "\xE2\x80\x9E") return 3;
  return 0;
}

/// Reads a quoted string starting at the quote at `i`; returns its content, moves `i` past it.
std::string read_quoted(std::string_view s, std::size_t& i) {
  i += quote_at(s, i);
  const std::size_t start = i;
  while (i < s.size() && quote_at(s, i) == 0) ++i;
  if (i >= s.size()) throw QueryError("unbalanced quote: a \" is never closed");
  std::string content(s.substr(start, i - start));
  i += quote_at(s, i);
  return content;
}

bool is_field_name(std::string_view name) {
  return name == "title" || name == "funder" || name == "region" || name == "year" || name == "theme";
}

std::vector<Lexeme> lex(std::string_view s) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '(') {
      out.push_back({LexKind::LParen, "(", "", false, false});
      ++i;
      continue;
    }
    if (c == ')') {
      out.push_back({LexKind::RParen, ")", "", false, false});
      ++i;
      continue;
    }
    if (quote_at(s, i) > 0) {
      out.push_back({LexKind::Phrase, read_quoted(s, i), "", false, false});
      continue;
    }
    // A leading '+' or '-' directly before a word is a modifier; "-" alone is nothing.
    if ((c == '+' || c == '-') && i + 1 < s.size() && !is_space(s[i + 1]) && s[i + 1] != ')') {
      out.push_back({c == '+' ? LexKind::Plus : LexKind::Minus, std::string(1, c), "", false, false});
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && quote_at(s, i) == 0) ++i;
    std::string_view chunk = s.substr(start, i - start);
    if (chunk == "AND" || chunk == "OCH" || chunk == "&&") {
      out.push_back({LexKind::And, std::string(chunk), "", false, false});
      continue;
    }
    if (chunk == "OR" || chunk == "ELLER" || chunk == "||") {
      out.push_back({LexKind::Or, std::string(chunk), "", false, false});
      continue;
    }
    if (chunk == "NOT" || chunk == "INTE") {
      out.push_back({LexKind::Not, std::string(chunk), "", false, false});
      continue;
    }
    // field:value. Only an ASCII name followed by ':' counts; "FN:s", "EU:s" (Swedish
    // genitive) and URLs stay words.
    const std::size_t colon = chunk.find(':');
    if (colon != std::string_view::npos && colon > 0 &&
        std::all_of(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(colon), is_ascii_letter)) {
      const std::string name = text::fold_case(chunk.substr(0, colon));
      std::string_view rest = chunk.substr(colon + 1);
      const bool genitive = rest.size() <= 2 && !rest.empty() &&
                            std::all_of(rest.begin(), rest.end(), is_ascii_letter) && !is_field_name(name);
      const bool url = rest.substr(0, 2) == "//";
      if (!genitive && !url) {
        if (!is_field_name(name)) {
          throw QueryError("unknown field '" + std::string(chunk.substr(0, colon)) + ":' (known fields: " +
                           std::string(kKnownFields) + ")");
        }
        Lexeme f{LexKind::Field, std::string(rest), name, false, false};
        if (rest.empty()) {
          if (i < s.size() && quote_at(s, i) > 0) {
            f.text = read_quoted(s, i);
            f.quoted = true;
          } else {
            throw QueryError("field '" + name + ":' needs a value, e.g. " + name + ":\"...\"");
          }
        }
        if (!f.quoted && !f.text.empty() && f.text.back() == '*') {
          f.wildcard = true;
          f.text.pop_back();
        }
        out.push_back(std::move(f));
        continue;
      }
    }
    Lexeme w{LexKind::Word, std::string(chunk), "", false, false};
    while (!w.text.empty() && w.text.back() == '*') {
      w.wildcard = true;
      w.text.pop_back();
    }
    if (!w.text.empty()) out.push_back(std::move(w));
  }
  return out;
}

std::optional<int> parse_year(std::string_view s) {
  int y = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), y);
  if (ec != std::errc() || p != s.data() + s.size() || y < 1000 || y > 2999) return std::nullopt;
  return y;
}

/// Recursive-descent parser over the lexemes; builds the Xapian query as it goes.
///
///   query    := or_expr
///   or_expr  := sequence (OR sequence)*
///   sequence := unit ([AND] unit)*          side by side: implicit AND / OR (see header)
///   unit     := (NOT | '-' | '+') primary | primary
///   primary  := '(' or_expr ')' | PHRASE | FIELD | WORD
class Parser {
 public:
  Parser(const QueryBuilder& builder, const Analyzer& analyzer, const Xapian::Database* db,
         std::vector<Lexeme> lexemes, ParsedQuery& out)
      : builder_(builder), analyzer_(analyzer), db_(db), lx_(std::move(lexemes)), out_(out) {
    // Decide the implicit operator and whether lone stop words are dropped.
    std::size_t content_words = 0;
    bool other_content = false;
    for (const Lexeme& l : lx_) {
      if (l.kind == LexKind::Word) {
        for (const Token& t : analyzer_.tokenize(l.text)) {
          if (!t.stop) ++content_words;
        }
        if (l.wildcard) other_content = true;
      } else if (l.kind == LexKind::Phrase || l.kind == LexKind::Field) {
        other_content = true;
      }
    }
    keep_stop_words_ = content_words == 0 && !other_content;
    out_.implicit_or = content_words > QueryBuilder::kMaxAndWords;
  }

  std::optional<Xapian::Query> parse_all() {
    std::optional<Xapian::Query> q = parse_or();
    if (pos_ < lx_.size()) {
      if (lx_[pos_].kind == LexKind::RParen) throw QueryError("unbalanced parenthesis: unexpected ')'");
      throw QueryError("unexpected '" + lx_[pos_].text + "'");
    }
    // The expansions that may not add matches weigh every match of the whole query, as
    // they did when they were alternatives: a project found through another word keeps
    // the weight of a compound part it has.
    if (q && !boosts_.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, *q,
                        boosts_.size() == 1 ? boosts_.front() : Xapian::Query(Xapian::Query::OP_OR, boosts_.begin(), boosts_.end()));
    }
    return q;
  }

 private:
  struct Unit {
    bool present = false;  ///< a unit was read (it may still search nothing: a dropped stop word)
    std::optional<Xapian::Query> query;
  };

  bool at(LexKind k) const { return pos_ < lx_.size() && lx_[pos_].kind == k; }
  bool at_unit_start() const {
    return pos_ < lx_.size() && !at(LexKind::Or) && !at(LexKind::RParen) && !at(LexKind::And);
  }

  std::optional<Xapian::Query> parse_or() {
    std::vector<Xapian::Query> parts;
    Unit first = parse_sequence();
    if (at(LexKind::Or) && !first.present) throw QueryError(lx_[pos_].text + " needs a term on its left");
    if (first.query) parts.push_back(*first.query);
    while (at(LexKind::Or)) {
      const std::string op = lx_[pos_].text;
      ++pos_;
      Unit next = parse_sequence();
      if (!next.present) throw QueryError(op + " needs a term on its right");
      if (next.query) parts.push_back(*next.query);
    }
    if (parts.empty()) return std::nullopt;
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  Unit parse_sequence() {
    std::vector<Xapian::Query> plain, required, excluded;
    bool explicit_and = false;
    bool present = false;
    while (pos_ < lx_.size()) {
      if (at(LexKind::And)) {
        const std::string op = lx_[pos_].text;
        if (!present) throw QueryError(op + " needs a term on its left");
        ++pos_;
        if (!at_unit_start()) throw QueryError(op + " needs a term on its right");
        explicit_and = true;
        continue;
      }
      if (!at_unit_start()) break;
      enum class Mod { Plain, Required, Excluded } mod = Mod::Plain;
      if (at(LexKind::Not) || at(LexKind::Minus) || at(LexKind::Plus)) {
        const LexKind k = lx_[pos_].kind;
        const std::string op = lx_[pos_].text;
        mod = k == LexKind::Plus ? Mod::Required : Mod::Excluded;
        ++pos_;
        if (!at_unit_start() || at(LexKind::Not) || at(LexKind::Minus) || at(LexKind::Plus)) {
          throw QueryError(op + " needs a term after it");
        }
      }
      if (mod == Mod::Excluded) ++negated_;
      const bool is_field = at(LexKind::Field);
      Unit u = parse_primary();
      if (mod == Mod::Excluded) --negated_;
      present = true;
      if (!u.query) continue;
      if (mod == Mod::Excluded) {
        excluded.push_back(*u.query);
      } else if (mod == Mod::Required || is_field) {
        required.push_back(*u.query);
      } else {
        plain.push_back(*u.query);
      }
    }
    Unit out;
    out.present = present;
    if (!explicit_and && out_.implicit_or) {
      std::optional<Xapian::Query> q;
      if (!plain.empty()) q = Xapian::Query(Xapian::Query::OP_OR, plain.begin(), plain.end());
      if (!required.empty()) {
        Xapian::Query r(Xapian::Query::OP_AND, required.begin(), required.end());
        q = q ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, r, *q) : r;
      }
      out.query = q;
    } else {
      plain.insert(plain.end(), required.begin(), required.end());
      if (plain.size() == 1) {
        out.query = plain.front();
      } else if (!plain.empty()) {
        out.query = Xapian::Query(Xapian::Query::OP_AND, plain.begin(), plain.end());
      }
    }
    if (!excluded.empty()) {
      Xapian::Query ex = excluded.size() == 1 ? excluded.front()
                                              : Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end());
      out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query ? *out.query : Xapian::Query::MatchAll, ex);
    }
    return out;
  }

  Unit parse_primary() {
    const Lexeme& l = lx_[pos_];
    ++pos_;
    Unit u;
    u.present = true;
    switch (l.kind) {
      case LexKind::LParen: {
        std::optional<Xapian::Query> inner = parse_or();
        if (!at(LexKind::RParen)) throw QueryError("unbalanced parenthesis: missing ')'");
        ++pos_;
        if (!inner && lx_[pos_ - 2].kind == LexKind::LParen) throw QueryError("empty parentheses");
        u.query = inner;
        return u;
      }
      case LexKind::Phrase: u.query = phrase(l.text, ""); return u;
      case LexKind::Field: u.query = field(l); return u;
      case LexKind::Word: u.query = word(l.text, l.wildcard, ""); return u;
      default: throw QueryError("unexpected '" + l.text + "'");
    }
  }

  void highlight(const std::string& term) {
    if (negated_ == 0) out_.highlight_terms.insert(term);
  }

  /// A quoted phrase; `prefix` is "" for all text or Schema::kTitle. Besides the exact
  /// words (boosted), the phrase matches the inflections of its words ("kommunala
  /// partnerskapet" for "kommunalt partnerskap") and, weaker, compounds beginning with
  /// them ("hållbara energisystem" for "hållbar energi"), as far as the index holds them.
  std::optional<Xapian::Query> phrase(const std::string& s, std::string_view prefix) {
    std::vector<Token> tokens = analyzer_.tokenize(s);
    if (tokens.empty()) return std::nullopt;
    std::vector<Xapian::Query> terms, inflected, compounded;
    bool any_inflected = false;
    bool any_compounded = false;
    for (const Token& t : tokens) {
      terms.emplace_back(std::string(prefix) + t.surface);
      highlight(t.surface);
      std::vector<std::string> inflections, all_forms;
      for (const std::string& form : builder_.indexed_forms(t, prefix, true)) {
        const std::string_view word = std::string_view(form).substr(prefix.size());
        highlight(std::string(word));
        all_forms.push_back(form);
        if (word == t.surface || analyzer_.form_relation(t, word) == FormRelation::Inflection) inflections.push_back(form);
      }
      any_inflected = any_inflected || inflections.size() > 1;
      any_compounded = any_compounded || all_forms.size() > inflections.size();
      inflected.push_back(any_of(inflections));
      compounded.push_back(any_of(all_forms));
    }
    if (terms.size() == 1) return terms.front();
    const auto n = static_cast<Xapian::termcount>(terms.size());
    Xapian::Query q(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), n);
    if (any_inflected || any_compounded) {
      q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, QueryBuilder::kExactBoost);
      // The exact phrase, boosted; texts with it rank among themselves as they would
      // without the other forms (an OR inside a phrase weighs every form anywhere in the
      // text). The other texts follow, at lower weights.
      std::vector<Xapian::Query> other;
      if (any_inflected) {
        other.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(Xapian::Query::OP_PHRASE, inflected.begin(), inflected.end(), n),
                           QueryBuilder::kPhraseInflectionWeight);
      }
      if (any_compounded) {
        other.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(Xapian::Query::OP_PHRASE, compounded.begin(), compounded.end(), n),
                           QueryBuilder::kPhraseCompoundWeight);
      }
      const Xapian::Query forms = other.size() == 1 ? other.front() : Xapian::Query(Xapian::Query::OP_OR, other.begin(), other.end());
      q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(Xapian::Query::OP_AND_NOT, forms, q));
    }
    if (prefix.empty()) {
      if (auto synonyms = Synonyms::shared().expand(analyzer_, tokens)) q = Xapian::Query(Xapian::Query::OP_OR, q, *synonyms);
    }
    return q;
  }

  /// One term, or the OR of several (a phrase position matching any of them).
  static Xapian::Query any_of(const std::vector<std::string>& terms) {
    if (terms.size() == 1) return Xapian::Query(terms.front());
    std::vector<Xapian::Query> qs(terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
  }

  std::optional<Xapian::Query> word(const std::string& s, bool wildcard, std::string_view prefix) {
    std::vector<Token> tokens = analyzer_.tokenize(s);
    if (tokens.empty()) return std::nullopt;
    if (wildcard) {
      // The folded text as typed (joined when the tokenizer split it) is the prefix.
      std::string folded;
      for (const Token& t : tokens) folded += t.surface;
      out_.highlight_prefixes.push_back(folded);
      auto wild = [](const std::string& pattern) {
        return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, QueryBuilder::kWildcardLimit,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM);
      };
      if (!prefix.empty()) return wild(std::string(prefix) + folded);
      return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, wild(folded), QueryBuilder::kExactBoost),
                           wild(std::string(Schema::kStem) + folded));
    }
    if (tokens.size() > 1) {
      std::optional<Xapian::Query> q = phrase(s, prefix);
      // A hyphenated word also matches its closed form: "e-hälsa" finds "ehälsa", "eHälsa".
      std::string closed;
      for (const Token& t : tokens) closed += t.surface;
      if (q && prefix.empty() && tokens.back().joined == closed) {
        const std::vector<Token> whole = analyzer_.tokenize(closed);
        if (whole.size() == 1 && !whole.front().stop) {
          // The closed word's own terms only: its parts are the phrase already.
          std::vector<Xapian::Query> alts;
          for (const std::string& term : analyzer_.query_terms(whole.front())) {
            highlight(term);
            alts.emplace_back(term);
          }
          alts.front() = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, alts.front(), QueryBuilder::kExactBoost);
          if (std::optional<Xapian::Query> longer = closed_compounds(whole.front())) alts.push_back(*longer);
          alts.push_back(*q);
          q = Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
        }
      }
      return q;
    }
    const Token& t = tokens.front();
    if (t.stop && !keep_stop_words_) return std::nullopt;
    if (!prefix.empty()) {
      highlight(t.surface);
      return Xapian::Query(std::string(prefix) + t.surface);
    }
    for (const WeightedTerm& term : analyzer_.weighted_query_terms(t)) highlight(term.term);
    if (!out_.implicit_or) {
      for (const Token& part : builder_.rare_compound_parts(t)) {
        highlight(std::string(Schema::kStem) + part.stem);
        for (const std::string& form : builder_.indexed_forms(part, "", true)) highlight(form);
      }
    }
    Xapian::Query q = builder_.word_query(t, out_.implicit_or, negated_ == 0 ? &boosts_ : nullptr);
    // A closed word also matches its hyphenated spelling as a phrase ("ehälsa" finds
    // "e-hälsoarbete" through the forms of "hälsa"); the closed stems already meet.
    const std::vector<std::string> split = t.kind == TokenKind::Word && !t.stop && t.joined.empty()
                                               ? analyzer_.letter_prefix_parts(t.surface)
                                               : std::vector<std::string>{};
    if (!split.empty() && !out_.implicit_or) {
      if (std::optional<Xapian::Query> hyphenated = phrase(split[0] + " " + split[1], "")) {
        q = Xapian::Query(Xapian::Query::OP_OR, q, *hyphenated);
      }
      if (std::optional<Xapian::Query> longer = closed_compounds(t)) q = Xapian::Query(Xapian::Query::OP_OR, q, *longer);
    }
    return q;
  }

  /// The closed compounds the index holds that begin with a closed word ("ehälsotjänster"
  /// for "ehälsa"), weakly; nullopt if none.
  std::optional<Xapian::Query> closed_compounds(const Token& closed) {
    std::vector<Xapian::Query> forms;
    for (const std::string& form : builder_.indexed_forms(closed, "", true)) {
      if (form == closed.surface || analyzer_.form_relation(closed, form) != FormRelation::Modifier) continue;
      highlight(form);
      forms.emplace_back(form);
    }
    if (forms.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end()),
                         QueryBuilder::kPhraseCompoundWeight);
  }

  std::optional<Xapian::Query> field(const Lexeme& l) {
    if (l.field == "title") {
      if (l.quoted) return phrase(l.text, Schema::kTitle);
      return word(l.text, l.wildcard, Schema::kTitle);
    }
    const Facet facet = *Schema::facet_from_name(l.field);
    if (l.wildcard) throw QueryError("field '" + l.field + ":' does not take a wildcard");
    const std::string value = std::string(text::trim(l.text));
    if (value.empty()) throw QueryError("field '" + l.field + ":' needs a value");
    if (facet == Facet::Year) {
      const std::size_t dots = value.find("..");
      if (dots == std::string::npos) {
        if (!parse_year(value)) throw QueryError("year: expected a year like 2020 or a range 2018..2021, got '" + value + "'");
        return boolean(Schema::facet_term(Facet::Year, value));
      }
      const std::string from_s = value.substr(0, dots);
      const std::string to_s = value.substr(dots + 2);
      const std::optional<int> from = parse_year(from_s);
      const std::optional<int> to = parse_year(to_s);
      if ((!from_s.empty() && !from) || (!to_s.empty() && !to) || (from_s.empty() && to_s.empty())) {
        throw QueryError("year: bad range '" + value + "', expected e.g. 2018..2021");
      }
      if (from && to && *from > *to) throw QueryError("year: range '" + value + "' ends before it starts");
      return year_range(from, to);
    }
    // funder:, region:, theme: the values people type (ESF, Värmland, IKT), every reading OR-ed.
    const FacetResolution resolved = builder_.resolver().resolve(facet, value);
    if (resolved.values.empty()) {
      out_.filter_suggestions.push_back({facet, value, resolved.suggestions});
      return boolean(Schema::facet_term(facet, value));
    }
    std::vector<Xapian::Query> alts;
    for (const std::string& v : resolved.values) {
      alts.push_back(boolean(Schema::facet_term(facet, v)));
      if (negated_ == 0) out_.field_selections[facet].push_back(v);
    }
    if (alts.size() == 1) return alts.front();
    return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }

  static Xapian::Query boolean(const std::string& term) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 0.0);
  }

  Xapian::Query year_range(std::optional<int> from, std::optional<int> to) const {
    SearchRequest r;
    r.year_from = from;
    r.year_to = to;
    QueryBuilder b(analyzer_, db_);
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, *b.filter(r), 0.0);
  }

  const QueryBuilder& builder_;
  const Analyzer& analyzer_;
  const Xapian::Database* db_;
  std::vector<Lexeme> lx_;
  ParsedQuery& out_;
  std::size_t pos_ = 0;
  int negated_ = 0;
  bool keep_stop_words_ = false;
  std::vector<Xapian::Query> boosts_;  ///< weigh-only expansions of positive words (word_query())
};

/// Years present in the index (XYEAR terms), or [1900, 2100] without an index.
std::pair<int, int> index_years(const Xapian::Database* db) {
  if (db == nullptr) return {1900, 2100};
  const std::string prefix(Schema::kYear);
  int lo = 0;
  int hi = 0;
  for (auto it = db->allterms_begin(prefix); it != db->allterms_end(prefix); ++it) {
    const std::string term = *it;
    if (auto y = parse_year(std::string_view(term).substr(prefix.size()))) {
      if (lo == 0 || *y < lo) lo = *y;
      if (*y > hi) hi = *y;
    }
  }
  if (lo == 0) return {1900, 1899};  // no years indexed: an empty range
  return {lo, hi};
}

}  // namespace

QueryBuilder::QueryBuilder(const Analyzer& analyzer, const Xapian::Database* db)
    : analyzer_(analyzer), db_(db), resolver_(db) {}

Xapian::Query QueryBuilder::word_query(const Token& token, bool ranked, std::vector<Xapian::Query>* weigh_only_out) const {
  std::vector<WordExpansion> terms = WordForms(analyzer_, db_).expansions(token);
  if (terms.empty()) return Xapian::Query();
  // A ranked (long, OR-ed) query searches a word by its stem and expansions only: the
  // boosted exact form would count the word twice in the texts that use the same
  // inflection as the query, and a pasted paragraph's inflections say nothing about which
  // projects fit best (tests/relevance: long idea nDCG@10 0.61 -> 0.72..0.78).
  const bool stem_only = ranked && terms.size() > 1;
  if (stem_only) terms.erase(terms.begin());
  // The first term is the exact surface form, boosted; every further term (the stem, and
  // the Analyzer's expansions at their own weights) is an alternative. Expansions that the
  // index shows to be too common (WordForms::expansions) only weigh: OP_AND_MAYBE keeps
  // the match set to the word's own terms and lets them rank the documents that also
  // have them, as BM25 weighs any term; an OR would match every document with the part.
  // With `weigh_only_out` they are handed out instead, to weigh the whole query's matches.
  std::vector<Xapian::Query> alts, weigh_only;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double weight = i == 0 && !stem_only ? kExactBoost * terms[i].weight : terms[i].weight;
    Xapian::Query q = weight == 1.0 ? Xapian::Query(terms[i].term)
                                    : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(terms[i].term), weight);
    (terms[i].adds_matches || ranked ? alts : weigh_only).push_back(std::move(q));
  }
  // A rare compound also as its parts near each other: "solenergi" finds "energi från
  // solen", below the projects that use the word itself.
  if (!ranked) {
    const std::vector<Token> parts = rare_compound_parts(token);
    if (!parts.empty()) {
      std::vector<Xapian::Query> near;
      for (const Token& part : parts) {
        const std::vector<std::string> forms = indexed_forms(part, "", true);
        std::vector<Xapian::Query> qs(forms.begin(), forms.end());
        near.push_back(qs.size() == 1 ? qs.front() : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
      }
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_NEAR, near.begin(), near.end(), kPartsWindow), kPartsWeight);
    }
  }
  // Other names of the word (ESF -> Socialfonden, "Europeiska socialfonden").
  if (auto synonyms = Synonyms::shared().expand(analyzer_, {token})) alts.push_back(*synonyms);
  Xapian::Query q = alts.size() == 1 ? alts.front() : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  if (weigh_only.empty()) return q;
  if (weigh_only_out != nullptr) {
    weigh_only_out->insert(weigh_only_out->end(), weigh_only.begin(), weigh_only.end());
    return q;
  }
  const Xapian::Query boost =
      weigh_only.size() == 1 ? weigh_only.front() : Xapian::Query(Xapian::Query::OP_OR, weigh_only.begin(), weigh_only.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, boost);
}

std::vector<std::string> QueryBuilder::indexed_forms(const Token& token, std::string_view prefix, bool modifiers) const {
  return WordForms(analyzer_, db_).indexed(token, prefix, modifiers);
}

std::vector<Token> QueryBuilder::rare_compound_parts(const Token& token) const {
  return WordForms(analyzer_, db_).rare_compound_parts(token);
}

ParsedQuery QueryBuilder::parse(std::string_view query_text) const {
  ParsedQuery out;
  // Multi-word synonyms typed without quotes become phrases, expanded by phrase().
  const std::string normalised = Synonyms::shared().quote_phrases(analyzer_, text::nfc(query_text));
  std::vector<Lexeme> lexemes = lex(normalised);
  if (lexemes.empty()) {
    out.query = Xapian::Query::MatchAll;
    out.blank = text::trim(query_text).empty();
    if (!out.blank) out.query = Xapian::Query();
    return out;
  }
  Parser parser(*this, analyzer_, db_, std::move(lexemes), out);
  std::optional<Xapian::Query> q = parser.parse_all();
  out.blank = false;
  out.query = q ? *q : Xapian::Query();
  return out;
}

std::optional<Xapian::Query> QueryBuilder::filter(const SearchRequest& request, std::optional<Facet> except) const {
  std::vector<Xapian::Query> parts;
  for (const auto& [facet, values] : request.filters) {
    if (except && *except == facet) continue;
    std::vector<Xapian::Query> alts;
    for (const std::string& v : values) {
      if (text::trim(v).empty()) continue;
      std::vector<std::string> selected = resolver_.select(facet, v);
      if (selected.empty()) selected.emplace_back(text::trim(v));  // matches nothing, as typed
      for (const std::string& s : selected) alts.emplace_back(Schema::facet_term(facet, s));
    }
    if (!alts.empty()) parts.emplace_back(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }
  if (request.year_from || request.year_to) {
    auto [lo, hi] = (request.year_from && request.year_to) ? std::pair<int, int>{0, 0} : index_years(db_);
    const int from = request.year_from.value_or(lo);
    const int to = request.year_to.value_or(hi);
    if (request.year_from && request.year_to && from > to) {
      throw QueryError("year range " + std::to_string(from) + ".." + std::to_string(to) + " ends before it starts");
    }
    if (to - from > 1000) throw QueryError("year range " + std::to_string(from) + ".." + std::to_string(to) + " is too wide");
    std::vector<Xapian::Query> years;
    for (int y = from; y <= to; ++y) years.emplace_back(Schema::facet_term(Facet::Year, std::to_string(y)));
    parts.push_back(years.empty() ? Xapian::Query::MatchNothing
                                  : Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end()));
  }
  if (request.budget_min || request.budget_max) {
    if (request.budget_min && request.budget_max && *request.budget_min > *request.budget_max) {
      throw QueryError("budget range: minimum is above maximum");
    }
    const auto ser = [](std::int64_t v) { return Xapian::sortable_serialise(static_cast<double>(v)); };
    if (request.budget_min && request.budget_max) {
      parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, Schema::kSlotBudget, ser(*request.budget_min),
                         ser(*request.budget_max));
    } else if (request.budget_min) {
      parts.emplace_back(Xapian::Query::OP_VALUE_GE, Schema::kSlotBudget, ser(*request.budget_min));
    } else {
      parts.emplace_back(Xapian::Query::OP_VALUE_LE, Schema::kSlotBudget, ser(*request.budget_max));
    }
  }
  if (request.kind) parts.emplace_back(std::string(Schema::kKind) + std::string(kind_name(*request.kind)));
  if (parts.empty()) return std::nullopt;
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::apply_filter(const Xapian::Query& query, const std::optional<Xapian::Query>& filter) {
  if (!filter) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, *filter);
}

Xapian::Query QueryBuilder::build(const SearchRequest& request) const {
  return apply_filter(parse(request.query).query, filter(request));
}

void validate_request(const SearchRequest& request, const Analyzer& analyzer) {
  const QueryBuilder builder(analyzer);
  builder.parse(request.query);
  builder.filter(request);
}

}  // namespace fynd
