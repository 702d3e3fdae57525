#include "period_parser.h"

#include <algorithm>
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
  static const std::regex year_range("(^|[^0-9–-])" + year + "\\s*" + "(?:-|–|—|till)\\s*" + year + "(?![0-9]|" +
                                     dash + "\\d)");
  static const std::regex lone_year("(^|[^0-9/–-])" + year + "(?![0-9]|" + dash + "\\d|/)");
  static const std::regex period_word("\\b(ett|två|tre|fyra|fem|sex|sju)(?:års|-års|årig|åriga|årigt)(?:period)?",
                                      std::regex::icase);
  static const std::regex dated(std::string("\\b(\\d{1,2})\\s+(") + kMonths + ")\\s+" + year, std::regex::icase);

  Finder f;
  f.text = text;
  // Most texts name no year at all: skip the (slow) regular expressions then.
  bool any_year = false;
  for (std::size_t i = 0; i + 4 <= text.size() && !any_year; ++i) {
    any_year = (text.compare(i, 2, "19") == 0 || text.compare(i, 2, "20") == 0) &&
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
  // (std::regex scans are slow): a date needs two digits then a dash ("-", "–", "—"),
  // a month range "från", "mellan" or "fr.o.m" (any case), a period word "år" ("åR").
  bool date_dash = false;
  for (std::size_t i = 0; i + 2 < s.size() && !date_dash; ++i) {
    date_dash = std::isdigit(static_cast<unsigned char>(s[i])) && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                (s[i + 2] == '-' || s[i + 2] == '\xE2');
  }
  const std::string lower = before(s, s.size(), s.size());
  const bool range_word = lower.find("från") != std::string::npos || lower.find("mellan") != std::string::npos ||
                          lower.find("fr.o.m") != std::string::npos;
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
  for (std::sregex_iterator it(s.begin(), s.end(), year_range), e; it != e; ++it) {
    const std::smatch& m = *it;
    const std::size_t b = pos(m) + static_cast<std::size_t>(m.length(1));
    if (overlaps(used, b, pos(m) + len(m))) continue;
    f.add_range(std::stoi(m[2]), std::stoi(m[3]), m[2], m[3], b, len(m) - static_cast<std::size_t>(m.length(1)));
    mark(m);
  }
  // "2018 inrättades … Samma år beslutades … under en treårsperiod": the nearest year before.
  for (std::sregex_iterator it = year_word ? std::sregex_iterator(s.begin(), s.end(), period_word) : std::sregex_iterator(), e;
       it != e; ++it) {
    const std::smatch& m = *it;
    std::string w = m[1];
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const int n = number_word(w);
    const std::size_t from = pos(m) > 300 ? pos(m) - 300 : 0;
    const std::string window = s.substr(from, pos(m) - from);
    int start = 0;
    std::size_t start_at = 0;
    for (std::sregex_iterator y(window.begin(), window.end(), lone_year), ye; y != ye; ++y) {
      start = std::stoi((*y)[2]);
      start_at = from + static_cast<std::size_t>(y->position(2));
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
  for (std::sregex_iterator it(s.begin(), s.end(), dated), e; it != e; ++it) {
    dates.emplace_back(pos(*it), pos(*it) + len(*it));
  }
  std::vector<int> singles;
  std::vector<std::string> single_texts;
  for (std::sregex_iterator it(s.begin(), s.end(), lone_year), e; it != e; ++it) {
    const std::size_t b = static_cast<std::size_t>(it->position(2));
    const int y = std::stoi((*it)[2]);
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
  for (std::sregex_iterator it(s.begin(), s.end(), dated), e; it != e; ++it) {
    f.result.tier = PeriodTier::Publication;
    f.result.years.push_back(std::stoi((*it)[3]));
    f.result.texts.push_back(it->str());
  }
  std::sort(f.result.years.begin(), f.result.years.end());
  f.result.years.erase(std::unique(f.result.years.begin(), f.result.years.end()), f.result.years.end());
  return f.result;
}

}  // namespace fynd
