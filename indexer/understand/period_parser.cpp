#include "period_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <regex>

namespace fynd {

namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2035;
constexpr int kMaxSpan = 15;  ///< a longer "period" is not a project period

const char* const kMonths =
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec";

int month_number(const std::string& m) {
  static const char* const names[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                      "jul", "aug", "sep", "okt", "nov", "dec"};
  std::string lower;
  for (char c : m) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int i = 0; i < 12; ++i) {
    if (lower.starts_with(names[i])) return i + 1;
  }
  return 0;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

struct Finder {
  PeriodResult result;
  std::string_view text;

  void add_range(int from, int to, std::string start, std::string end, std::size_t begin, std::size_t len) {
    if (from < kMinYear || to > kMaxYear || to < from || to - from > kMaxSpan) return;
    for (int y = from; y <= to; ++y) result.years.push_back(y);
    if (result.period.start.empty() || start < result.period.start) result.period.start = start;
    if (result.period.end.empty() || end > result.period.end) result.period.end = end;
    result.texts.emplace_back(text.substr(begin, len));
    result.tier = PeriodTier::Range;
  }
};

/// True if [begin,end) of `text` was already used by an earlier finding.
bool overlaps(const std::vector<std::pair<std::size_t, std::size_t>>& used, std::size_t b, std::size_t e) {
  return std::any_of(used.begin(), used.end(), [&](const auto& u) { return b < u.second && u.first < e; });
}

int number_word(const std::string& w) {
  static const char* const words[] = {"ett", "två", "tre", "fyra", "fem", "sex", "sju"};
  for (int i = 0; i < 7; ++i) {
    if (w == words[i]) return i + 1;
  }
  return 0;
}

/// The text just before `pos`, lower-cased ASCII, at most n bytes.
std::string before(std::string_view text, std::size_t pos, std::size_t n) {
  const std::size_t b = pos > n ? pos - n : 0;
  std::string s(text.substr(b, pos - b));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}


// --- Hand-written scanners ------------------------------------------------------------
// The three patterns run over every text that names a year are scanned by hand, with
// exactly the matches std::regex gives for them (ECMAScript, bytes, "C" locale): the
// leftmost match, then the next from its end. The patterns they stand for:
//   year range  (^|[^0-9–-])((?:19|20)\d\d)\s*(?:-|–|—|till)\s*((?:19|20)\d\d)(?![0-9]|(?:-|–|—)\d)
//   lone year   (^|[^0-9/–-])((?:19|20)\d\d)(?![0-9]|(?:-|–|—)\d|/)
//   dated       \b(\d{1,2})\s+(MONTHS)\s+((?:19|20)\d\d)       (MONTHS any case)
// In a bracket, "–" stands for its three bytes E2 80 93, each excluded on its own.

bool digit(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && space(s[i])) ++i;
  return i;
}

/// (?:19|20)\d\d at i.
bool year_at(std::string_view s, std::size_t i) {
  return i + 4 <= s.size() && ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) &&
         digit(s, i + 2) && digit(s, i + 3);
}

int year_value(std::string_view s, std::size_t i) {
  return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
}

/// The length of a dash at i: "-" 1, "–" or "—" 3; 0 if none.
std::size_t dash_at(std::string_view s, std::size_t i) {
  if (i < s.size() && s[i] == '-') return 1;
  if (i + 3 <= s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x93' || s[i + 2] == '\x94')) return 3;
  return 0;
}

/// (?![0-9]|(?:-|–|—)\d) at i, and not "/" when `slash` is set.
bool year_ends(std::string_view s, std::size_t i, bool slash) {
  if (digit(s, i)) return false;
  if (slash && i < s.size() && s[i] == '/') return false;
  const std::size_t d = dash_at(s, i);
  return d == 0 || !digit(s, i + d);
}

/// [^0-9–-] (and not "/" when `slash` is set) at i.
bool lead_byte(std::string_view s, std::size_t i, bool slash) {
  const char c = s[i];
  if ((c >= '0' && c <= '9') || c == '-' || c == '\xE2' || c == '\x80' || c == '\x93') return false;
  return !(slash && c == '/');
}

struct RangeMatch {
  std::size_t begin = 0;  ///< the whole match, with its lead byte
  std::size_t lead = 0;   ///< 1 when the match starts with the byte before the year
  std::size_t end = 0;
  std::size_t from = 0;   ///< first year's offset
  std::size_t to = 0;     ///< second year's offset
};

std::vector<RangeMatch> year_ranges(std::string_view s) {
  std::vector<RangeMatch> out;
  // The rest of the pattern from the first year at q; the match's end, or 0.
  auto rest = [&](std::size_t q, RangeMatch& m) -> bool {
    if (!year_at(s, q)) return false;
    std::size_t r = skip_space(s, q + 4);
    if (const std::size_t d = dash_at(s, r); d > 0) {
      r += d;
    } else if (s.compare(r, 4, "till") == 0) {
      r += 4;
    } else {
      return false;
    }
    r = skip_space(s, r);
    if (!year_at(s, r) || !year_ends(s, r + 4, false)) return false;
    m.from = q;
    m.to = r;
    m.end = r + 4;
    return true;
  };
  std::size_t p = 0;
  while (p < s.size()) {
    RangeMatch m;
    m.begin = p;
    if (p == 0 && rest(0, m)) {
      m.lead = 0;
    } else if (lead_byte(s, p, false) && rest(p + 1, m)) {
      m.lead = 1;
    } else {
      ++p;
      continue;
    }
    out.push_back(m);
    p = m.end;
  }
  return out;
}

/// The offsets of the lone years of `s`.
std::vector<std::size_t> lone_years(std::string_view s) {
  std::vector<std::size_t> out;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t at;
    if (p == 0 && year_at(s, 0) && year_ends(s, 4, true)) {
      at = 0;
    } else if (lead_byte(s, p, true) && year_at(s, p + 1) && year_ends(s, p + 5, true)) {
      at = p + 1;
    } else {
      ++p;
      continue;
    }
    out.push_back(at);
    p = at + 4;
  }
  return out;
}

struct DatedMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t year = 0;  ///< the year's offset
};

const char* const kMonthNames[] = {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                                   "september", "oktober", "november", "december", "jan", "feb", "mar", "apr",
                                   "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"};

bool ascii_iequal(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  return true;
}

std::vector<DatedMatch> dated_lines(std::string_view s) {
  std::vector<DatedMatch> out;
  auto after_day = [&](std::size_t q, DatedMatch& m) -> bool {
    const std::size_t r0 = skip_space(s, q);
    if (r0 == q) return false;
    for (const char* month : kMonthNames) {
      const std::string_view name(month);
      if (!ascii_iequal(s, r0, name)) continue;
      const std::size_t r1 = skip_space(s, r0 + name.size());
      if (r1 == r0 + name.size() || !year_at(s, r1)) continue;
      m.year = r1;
      m.end = r1 + 4;
      return true;
    }
    return false;
  };
  std::size_t p = 0;
  while (p < s.size()) {
    DatedMatch m;
    m.begin = p;
    const bool boundary = digit(s, p) && (p == 0 || !word_char(s[p - 1]));
    if (boundary && ((digit(s, p + 1) && after_day(p + 2, m)) || after_day(p + 1, m))) {
      out.push_back(m);
      p = m.end;
    } else {
      ++p;
    }
  }
  return out;
}

/// Two dates "yyyy-mm-dd" (any of the three dashes) at different places, as iso_range
/// and start_end need to match at all.
bool two_dates_possible(std::string_view s) {
  int found = 0;
  for (std::size_t i = 0; i + 8 <= s.size() && found < 2; ++i) {
    if (!year_at(s, i)) continue;
    std::size_t r = i + 4;
    std::size_t d = dash_at(s, r);
    if (d == 0 || !digit(s, r + d) || !digit(s, r + d + 1)) continue;
    r += d + 2;
    d = dash_at(s, r);
    if (d == 0 || !digit(s, r + d) || !digit(s, r + d + 1)) continue;
    ++found;
  }
  return found >= 2;
}

/// A "från", "mellan" or "fr.o.m" (in `lower`, ASCII lower-cased) followed by space and a
/// year or a month name, where month_range can begin a match.
bool month_range_possible(std::string_view lower) {
  for (const std::string_view word : {std::string_view("fr\xC3\xA5n"), std::string_view("mellan"), std::string_view("fr.o.m")}) {
    for (std::size_t i = lower.find(word); i != std::string_view::npos; i = lower.find(word, i + 1)) {
      std::size_t r = i + word.size();
      if (r < lower.size() && lower[r] == '.') ++r;
      const std::size_t q = skip_space(lower, r);
      if (q == r) continue;
      if (year_at(lower, q)) return true;
      for (const char* month : kMonthNames) {
        if (lower.compare(q, std::strlen(month), month) == 0) return true;
      }
    }
  }
  return false;
}

/// A number word right before "år" at i ("treår", "tre-år"), as period_word needs.
bool period_word_possible(std::string_view s) {
  for (std::size_t i = s.find("\xC3\xA5"); i != std::string_view::npos; i = s.find("\xC3\xA5", i + 2)) {
    if (i + 2 >= s.size() || (s[i + 2] != 'r' && s[i + 2] != 'R')) continue;
    std::size_t w = i;
    if (w > 0 && s[w - 1] == '-') --w;
    for (const char* n : {"ett", "tre", "fem", "sex", "sju", "fyra"}) {
      const std::size_t len = std::strlen(n);
      if (w >= len && ascii_iequal(s, w - len, n)) return true;
    }
    // "två": t, v in any case, then å as written.
    if (w >= 4 && std::tolower(static_cast<unsigned char>(s[w - 4])) == 't' &&
        std::tolower(static_cast<unsigned char>(s[w - 3])) == 'v' && s[w - 2] == '\xC3' && s[w - 1] == '\xA5') {
      return true;
    }
  }
  return false;
}

}  // namespace

PeriodResult PeriodParser::parse(std::string_view text) {
  static const std::string dash = "(?:-|–|—)";
  static const std::string year = "((?:19|20)\\d\\d)";
  static const std::string date = year + dash + "(\\d\\d)" + dash + "(\\d\\d)";
  static const std::regex iso_range(date + "\\s*(?:-|–|—|till)\\s*" + date);
  static const std::regex start_end("(?:börjar|startar|påbörjas|inleds)\\s+" + date +
                                    "\\s+och\\s+(?:avslutas|slutar|upphör)\\s+" + date);
  static const std::regex month_range(std::string("(?:från|mellan|fr\\.o\\.m\\.?)\\s+(?:(") + kMonths + ")\\s+)?" +
                                          year + "\\s+(?:till|och|t\\.o\\.m\\.?|-|–)\\s+(?:(" + kMonths + ")\\s+)?" +
                                          year,
                                      std::regex::icase);
  static const std::regex period_word("\\b(ett|två|tre|fyra|fem|sex|sju)(?:års|-års|årig|åriga|årigt)(?:period)?",
                                      std::regex::icase);

  Finder f;
  f.text = text;
  // Most texts name no year at all: skip the (slow) regular expressions then.
  bool any_year = false;
  for (std::size_t i = 0; i + 4 <= text.size() && !any_year; ++i) {
    any_year = ((text[i] == '1' && text[i + 1] == '9') || (text[i] == '2' && text[i + 1] == '0')) &&
               std::isdigit(static_cast<unsigned char>(text[i + 2])) && std::isdigit(static_cast<unsigned char>(text[i + 3]));
  }
  if (!any_year) return f.result;
  const std::string s(text);
  std::vector<std::pair<std::size_t, std::size_t>> used;
  auto mark = [&](const std::smatch& m) {
    used.emplace_back(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.position(0) + m.length(0)));
  };
  auto pos = [](const std::smatch& m) { return static_cast<std::size_t>(m.position(0)); };
  auto len = [](const std::smatch& m) { return static_cast<std::size_t>(m.length(0)); };

  // Each pattern below is only run when the text holds what it cannot match without
  // (std::regex scans are slow): two dates "yyyy-mm-dd", a month range "från", "mellan"
  // or "fr.o.m" (any case) then space and a year or a month, a period word "år" ("åR").
  // Both checks are looser than the patterns: where they fail, the pattern cannot match.
  const bool date_dash = two_dates_possible(s);
  const std::string lower = before(s, s.size(), s.size());
  const bool range_word = month_range_possible(lower);
  const bool year_word = s.find("år") != std::string::npos || s.find("åR") != std::string::npos;

  for (const std::regex* re : {&iso_range, &start_end}) {
    if (!date_dash) break;
    for (std::sregex_iterator it(s.begin(), s.end(), *re), e; it != e; ++it) {
      const std::smatch& m = *it;
      if (overlaps(used, pos(m), pos(m) + len(m))) continue;
      f.add_range(std::stoi(m[1]), std::stoi(m[4]), m[1].str() + "-" + m[2].str() + "-" + m[3].str(),
                  m[4].str() + "-" + m[5].str() + "-" + m[6].str(), pos(m), len(m));
      mark(m);
    }
  }
  for (std::sregex_iterator it = range_word ? std::sregex_iterator(s.begin(), s.end(), month_range) : std::sregex_iterator(), e;
       it != e; ++it) {
    const std::smatch& m = *it;
    if (overlaps(used, pos(m), pos(m) + len(m))) continue;
    const int m1 = m[1].matched ? month_number(m[1]) : 0;
    const int m2 = m[3].matched ? month_number(m[3]) : 0;
    f.add_range(std::stoi(m[2]), std::stoi(m[4]), m[2].str() + (m1 ? "-" + two(m1) : ""),
                m[4].str() + (m2 ? "-" + two(m2) : ""), pos(m), len(m));
    mark(m);
  }
  for (const RangeMatch& m : year_ranges(s)) {
    const std::size_t b = m.begin + m.lead;
    if (overlaps(used, b, m.end)) continue;
    f.add_range(year_value(s, m.from), year_value(s, m.to), s.substr(m.from, 4), s.substr(m.to, 4), b, m.end - b);
    used.emplace_back(m.begin, m.end);
  }
  // "2018 inrättades … Samma år beslutades … under en treårsperiod": the nearest year before.
  for (std::sregex_iterator it = year_word && period_word_possible(s) ? std::sregex_iterator(s.begin(), s.end(), period_word)
                                                                      : std::sregex_iterator(),
                            e;
       it != e; ++it) {
    const std::smatch& m = *it;
    std::string w = m[1];
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const int n = number_word(w);
    const std::size_t from = pos(m) > 300 ? pos(m) - 300 : 0;
    const std::string_view window = std::string_view(s).substr(from, pos(m) - from);
    int start = 0;
    std::size_t start_at = 0;
    for (const std::size_t y : lone_years(window)) {
      start = year_value(window, y);
      start_at = from + y;
    }
    if (n > 0 && start > 0 && !overlaps(used, start_at, start_at + 4)) {
      f.add_range(start, start + n - 1, std::to_string(start), std::to_string(start + n - 1), start_at,
                  pos(m) + len(m) - start_at);
    }
  }
  if (f.result.tier == PeriodTier::Range) {
    std::sort(f.result.years.begin(), f.result.years.end());
    f.result.years.erase(std::unique(f.result.years.begin(), f.result.years.end()), f.result.years.end());
    return f.result;
  }

  // No period: lone years, except founding years, goal years and dates (publication).
  std::vector<std::pair<std::size_t, std::size_t>> dates;
  const std::vector<DatedMatch> dated = dated_lines(s);
  for (const DatedMatch& d : dated) dates.emplace_back(d.begin, d.end);
  std::vector<int> singles;
  std::vector<std::string> single_texts;
  for (const std::size_t b : lone_years(s)) {
    const int y = year_value(s, b);
    if (y < kMinYear || y > kMaxYear || overlaps(dates, b, b + 4)) continue;
    const std::string prefix = before(text, b, 16);
    if (prefix.find("sedan") != std::string::npos || prefix.find("agenda") != std::string::npos ||
        prefix.find("senast") != std::string::npos || prefix.find("beslut") != std::string::npos) {
      continue;
    }
    singles.push_back(y);
    std::size_t cb = b > 24 ? b - 24 : 0;
    // Start on a character, not inside one (UTF-8 continuation bytes are 10xxxxxx).
    while (cb > 0 && (static_cast<unsigned char>(text[cb]) & 0xC0) == 0x80) --cb;
    single_texts.emplace_back(text.substr(cb, b + 4 - cb));
  }
  if (!singles.empty()) {
    std::sort(singles.begin(), singles.end());
    singles.erase(std::unique(singles.begin(), singles.end()), singles.end());
    f.result.tier = PeriodTier::Single;
    f.result.years = singles;
    f.result.texts = single_texts;
    return f.result;
  }
  for (const DatedMatch& d : dated) {
    f.result.tier = PeriodTier::Publication;
    f.result.years.push_back(year_value(s, d.year));
    f.result.texts.emplace_back(s.substr(d.begin, d.end - d.begin));
  }
  std::sort(f.result.years.begin(), f.result.years.end());
  f.result.years.erase(std::unique(f.result.years.begin(), f.result.years.end()), f.result.years.end());
  return f.result;
}

}  // namespace fynd
