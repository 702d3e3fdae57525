#include "analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

#include "error.h"
#include "resources.h"
#include "schema.h"
#include "text.h"

namespace fynd {
namespace {

const Xapian::Stem& swedish_stemmer() {
  thread_local const Xapian::Stem stemmer("swedish");
  return stemmer;
}

icu::BreakIterator& word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale("sv", "SE"), status));
    if (U_FAILURE(status) || !b) throw Error(ErrorCode::Internal, "ICU word break iterator unavailable");
    return b;
  }();
  return *it;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if ((c < '0' || c > '9') && c != '.' && c != ',') return false;
  }
  return s.front() >= '0' && s.front() <= '9';
}

struct Segment {
  std::size_t begin;
  std::size_t end;
};

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

Analyzer::Analyzer() {
  auto list = resources::find("stopwords/sv.txt");
  if (!list) throw Error(ErrorCode::Internal, "compiled-in stop-word list stopwords/sv.txt is missing");
  stopwords_ = parse_stopword_list(*list);
}

Analyzer::Analyzer(std::string_view stopword_list) : stopwords_(parse_stopword_list(stopword_list)) {}

bool Analyzer::is_stop_word(std::string_view folded) const { return stopwords_.count(std::string(folded)) > 0; }

std::string Analyzer::stem(std::string_view folded) const { return swedish_stemmer()(std::string(folded)); }

std::vector<Token> Analyzer::tokenize(std::string_view input) const {
  std::vector<Token> tokens;
  if (input.empty()) return tokens;
  // Work on valid NFC text; callers that need byte offsets into the original pass NFC text.
  const bool already_nfc = text::is_valid_utf8(input) && text::nfc(input) == input;
  const std::string normalised = already_nfc ? std::string() : text::nfc(input);
  const std::string_view text = already_nfc ? input : std::string_view(normalised);

  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // Map UTF-16 offsets back to UTF-8 byte offsets.
  std::vector<std::size_t> byte_at(static_cast<std::size_t>(u.length()) + 1, text.size());
  {
    std::size_t b = 0;
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      int32_t n16 = U16_LENGTH(c);
      byte_at[static_cast<std::size_t>(i)] = b;
      if (n16 == 2) byte_at[static_cast<std::size_t>(i) + 1] = b;
      b += static_cast<std::size_t>(U8_LENGTH(c));
      i += n16;
    }
    byte_at[static_cast<std::size_t>(u.length())] = b;
  }

  icu::BreakIterator& bi = word_breaker();
  bi.setText(u);
  std::vector<Segment> segments;
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    if (bi.getRuleStatus() == UBRK_WORD_NONE) {
      // Keep single joiners so step 3 can see them.
      if (end - start == 1) {
        UChar c = u.charAt(start);
        if (c == u'/' || c == u'@') segments.push_back({byte_at[static_cast<std::size_t>(start)], byte_at[static_cast<std::size_t>(end)]});
      }
      continue;
    }
    segments.push_back({byte_at[static_cast<std::size_t>(start)], byte_at[static_cast<std::size_t>(end)]});
  }

  auto seg_text = [&](const Segment& s) { return text.substr(s.begin, s.end - s.begin); };
  auto is_joiner = [&](const Segment& s, char c) { return s.end - s.begin == 1 && text[s.begin] == c; };

  Xapian::termpos pos = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    Segment s = segments[i];
    if (is_joiner(s, '/') || is_joiner(s, '@')) continue;
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
    if (!t.stop) t.stem = (kind == TokenKind::Word) ? stem(t.surface) : t.surface;
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

void Analyzer::index_text(Xapian::Document& doc, std::string_view input, Field field, Xapian::termpos& pos) const {
  const Xapian::termcount wdf = field == Field::Title ? Schema::kTitleWdf : 1;
  Xapian::termpos last = pos;
  for (const Token& t : tokenize(input)) {
    const Xapian::termpos p = pos + t.pos;
    last = p;
    const auto terms = index_terms(t);
    doc.add_posting(terms.front(), p, wdf);
    for (std::size_t k = 1; k < terms.size(); ++k) doc.add_term(terms[k], wdf);
    if (field == Field::Title) doc.add_posting(std::string(Schema::kTitle) + t.surface, p);
  }
  // Leave a gap so phrases never match across two texts.
  pos = last + 100;
}

}  // namespace fynd
