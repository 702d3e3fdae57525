#include "record_fields.h"

#include <cctype>
#include <climits>
#include <cstdio>

#include "text.h"

namespace fynd::record_fields {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// The value of a run of digits, saturating at kTooLarge: a date part of many digits is no
/// date part, and must not overflow.
int to_int(std::string_view s) {
  constexpr int kTooLarge = 1'000'000;
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
    if (v >= kTooLarge) return kTooLarge;
  }
  return v;
}

bool real_date(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string iso(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

/// Splits "2017-01-02" at `sep` into exactly three all-digit parts.
bool three_parts(std::string_view s, char sep, std::string_view out[3]) {
  for (int i = 0; i < 3; ++i) {
    const std::size_t at = i < 2 ? s.find(sep) : s.size();
    if (at == std::string_view::npos) return false;
    out[i] = s.substr(0, at);
    if (!all_digits(out[i])) return false;
    s.remove_prefix(i < 2 ? at + 1 : at);
  }
  return true;
}

}  // namespace

int year_of(std::string_view date) {
  if (date.size() < 4) return 0;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return 0;
    y = y * 10 + (date[i] - '0');
  }
  return (y >= 1900 && y <= 2100) ? y : 0;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    std::string_view part = text::trim(s.substr(start, comma - start));
    if (!part.empty()) out.emplace_back(part);
    start = comma + 1;
  }
  return out;
}

void years_of_period(Project& p) {
  const int start = year_of(p.period.start);
  const int end = year_of(p.period.end);
  if (start > 0 && end >= start && end - start <= 30) {
    for (int y = start; y <= end; ++y) p.years.push_back(y);
  } else {
    if (start > 0) p.years.push_back(start);
    if (end > 0) p.years.push_back(end);
  }
  p.normalise_years();
}

std::optional<std::int64_t> parse_amount(std::string_view s) {
  s = text::trim(s);
  // Currency words and signs around the number.
  std::string digits_and_marks;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
      digits_and_marks.push_back(static_cast<char>(c));
    } else if (c == ' ' || c == '\t' || c == '\'') {
      continue;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;  // no-break space
    } else if (c == 0xE2 && i + 2 < s.size() && s.substr(i, 3) == "\u202F") {
      i += 2;  // narrow no-break space
    } else if (s.substr(i, 3) == "\u20AC") {
      i += 2;  // €
    } else if (std::isalpha(c)) {
      std::size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      std::string word(s.substr(i, j - i));
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (word != "kr" && word != "sek" && word != "eur" && word != "kronor") return std::nullopt;
      i = j - 1;
    } else {
      return std::nullopt;
    }
  }
  if (digits_and_marks.empty() || digits_and_marks.find_first_of("0123456789") == std::string::npos) {
    return std::nullopt;
  }
  // The last mark is the decimal separator unless exactly three digits follow it and
  // it groups thousands: "3929285.00" and "1 234,5" have decimals, "1.234.567" and
  // "12,345" do not, "1234.567" does (four digits cannot be one group).
  std::size_t integer_end = digits_and_marks.size();
  const std::size_t last = digits_and_marks.find_last_of(".,");
  if (last != std::string::npos) {
    const std::size_t after = digits_and_marks.size() - last - 1;
    const std::size_t prev = last == 0 ? std::string::npos : digits_and_marks.find_last_of(".,", last - 1);
    const std::size_t before = prev == std::string::npos ? last : last - prev - 1;
    const bool grouping = after == 3 && before >= 1 && before <= 3 &&
                          (prev == std::string::npos || digits_and_marks[prev] == digits_and_marks[last]);
    if (!grouping) integer_end = last;
  }
  std::int64_t value = 0;
  for (std::size_t i = 0; i < integer_end; ++i) {
    const char c = digits_and_marks[i];
    if (c < '0' || c > '9') continue;
    if (value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  for (std::size_t i = integer_end + 1; i < digits_and_marks.size(); ++i) {
    if (digits_and_marks[i] < '0' || digits_and_marks[i] > '9') return std::nullopt;  // "1,5.3"
  }
  return value;
}

std::optional<std::string> parse_date(std::string_view s) {
  s = text::trim(s);
  // A time after the date: "2017-01-02 00:00:00", "2017-01-02T10:00:00Z".
  if (s.size() > 10 && (s[10] == ' ' || s[10] == 'T')) s = s.substr(0, 10);
  std::string_view parts[3];
  if (s.size() == 4 && all_digits(s)) {
    const int y = to_int(s);
    if (y >= 1900 && y <= 2100) return std::string(s);
    return std::nullopt;
  }
  if (s.size() == 7 && s[4] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5))) {
    const int m = to_int(s.substr(5));
    if (real_date(to_int(s.substr(0, 4)), m, 1)) return std::string(s);
    return std::nullopt;
  }
  for (char sep : {'-', '/', '.'}) {
    if (!three_parts(s, sep, parts)) continue;
    int y = 0;
    int m = 0;
    int d = 0;
    if (parts[0].size() == 4) {
      y = to_int(parts[0]);
      m = to_int(parts[1]);
      d = to_int(parts[2]);
    } else if (parts[2].size() == 4 && sep != '-') {
      d = to_int(parts[0]);
      m = to_int(parts[1]);
      y = to_int(parts[2]);
    } else {
      return std::nullopt;
    }
    if (parts[1].size() > 2 || (parts[0].size() != 4 && parts[0].size() > 2)) return std::nullopt;
    if (!real_date(y, m, d)) return std::nullopt;
    return iso(y, m, d);
  }
  return std::nullopt;
}

}  // namespace fynd::record_fields
