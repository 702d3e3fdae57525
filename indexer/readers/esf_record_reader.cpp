#include "esf_record_reader.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

#include "error.h"
#include "readers/record_fields.h"
#include "readers/text_reader.h"
#include "text.h"
#include "understand/understander.h"

namespace fynd {
namespace {

constexpr std::size_t kSniffLines = 60;

constexpr std::array<std::string_view, 20> kKnownKeys = {
    "Diarienummer", "Namn", "Projektnummer", "Projektägare", "Region", "Planerat antal deltagare",
    "Projektperiod", "Total projektbudget", "Beviljat ESF-stöd", "Kontaktperson", "E-post",
    "Stödmottagare postnr", "Programområde", "Specifikt mål", "Unionens medfinansieringsgrad",
    "Interventionstyp", "Stödmottagare", "Programområde/Insatsområde", "Beviljat stöd", "Telefon"};

bool known_key(std::string_view key) {
  return std::find(kKnownKeys.begin(), kKnownKeys.end(), key) != kKnownKeys.end();
}

/// One line of the record, trimmed.
struct Line {
  std::string_view text;
  std::size_t begin = 0;
};

std::vector<Line> split_lines(std::string_view text, std::size_t max_lines) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < text.size() && lines.size() < max_lines) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back({text::trim(text.substr(start, nl - start)), start});
    start = nl + 1;
  }
  return lines;
}

/// Splits "Key: value" / "Key:" into key and inline value; false without a colon.
bool split_key_line(std::string_view line, std::string_view& key, std::string_view& value) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  key = text::trim(line.substr(0, colon));
  value = text::trim(line.substr(colon + 1));
  return true;
}

bool known_key_line(std::string_view line) {
  std::string_view key;
  std::string_view value;
  return split_key_line(line, key, value) && known_key(key);
}

/// The index of the first non-empty line at or after `i`.
std::size_t next_nonempty(const std::vector<Line>& lines, std::size_t i) {
  while (i < lines.size() && lines[i].text.empty()) ++i;
  return i;
}

std::string field(const Project& p, std::string_view key) {
  for (const auto& [k, v] : p.fields) {
    if (k == key) return v;
  }
  return {};
}

}  // namespace

int EsfRecordReader::known_keys(std::string_view text) {
  int found = 0;
  for (const Line& line : split_lines(text, kSniffLines)) {
    if (known_key_line(line.text)) ++found;
  }
  return found;
}

std::optional<std::int64_t> EsfRecordReader::parse_amount(std::string_view s) {
  std::int64_t value = 0;
  bool any = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (value > (INT64_MAX - 9) / 10) return std::nullopt;
      value = value * 10 + (c - '0');
      any = true;
    } else if (c == ' ' || c == '\t' || c == '\'' || c == '.') {
      continue;  // thousands separators: "11 444 103", "11.444.103"
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      continue;  // no-break and thin spaces (U+00A0, U+202F)
    } else if (c == ',') {
      break;  // decimals ("1 234,50")
    } else if (any) {
      break;  // " kr", " SEK"
    }
  }
  if (!any) return std::nullopt;
  return value;
}

bool EsfRecordReader::accepts(const std::filesystem::path& /*path*/, std::string_view head) const {
  return known_keys(head) >= 4;
}

std::vector<RawDocument> EsfRecordReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  RawDocument doc = decode_document(path, bytes, name());
  const std::string_view text = doc.text;
  const std::vector<Line> lines = split_lines(text, SIZE_MAX);

  Project p;
  std::string heading;
  std::size_t i = next_nonempty(lines, 0);
  // The heading line "2019/00503 - Räkna med mig! 2020" (not itself a key).
  if (i < lines.size() && !known_key_line(lines[i].text)) heading = std::string(lines[i++].text);

  std::size_t description_begin = text.size();
  bool any_key = false;
  for (i = next_nonempty(lines, i); i < lines.size(); i = next_nonempty(lines, i)) {
    std::string_view key;
    std::string_view value;
    if (!split_key_line(lines[i].text, key, value)) {
      description_begin = lines[i].begin;
      break;
    }
    std::size_t next = next_nonempty(lines, i + 1);
    if (value.empty() && next < lines.size() && !known_key_line(lines[next].text)) {
      value = lines[next].text;  // the value on the line after "Key:"
      next = next_nonempty(lines, next + 1);
    }
    // An unknown key belongs to the key block only if a known key follows it; otherwise
    // it is a heading of the description ("Bakgrund:").
    if (!known_key(key) && !(next < lines.size() && known_key_line(lines[next].text))) {
      description_begin = lines[i].begin;
      break;
    }
    any_key = true;
    if (!value.empty()) p.fields.emplace_back(std::string(key), text::squash_space(value));
    i = next;
  }
  if (!any_key) throw InputError(path.string() + ": no ESF record fields found");

  std::string number = field(p, "Diarienummer");
  if (number.empty()) number = field(p, "Projektnummer");
  if (number.empty() && !heading.empty()) number = heading.substr(0, heading.find(" - "));
  p.id = number.empty() ? make_id(path.stem().string()) : make_id("esf-" + number);

  p.title = field(p, "Namn");
  if (p.title.empty() && !heading.empty()) {
    const std::size_t dash = heading.find(" - ");
    p.title = dash == std::string::npos ? heading : heading.substr(dash + 3);
  }
  p.owner = field(p, "Projektägare");
  if (p.owner.empty()) p.owner = field(p, "Stödmottagare");
  p.contact = field(p, "Kontaktperson");
  p.email = field(p, "E-post");
  p.budget_sek = parse_amount(field(p, "Total projektbudget"));
  p.granted_sek = parse_amount(field(p, "Beviljat ESF-stöd"));
  if (!p.granted_sek) p.granted_sek = parse_amount(field(p, "Beviljat stöd"));
  Project::add_unique(p.regions, field(p, "Region"));
  p.funders.push_back("Europeiska socialfonden");

  const std::string period = field(p, "Projektperiod");
  const std::size_t sep = period.find(" - ");
  p.period.start = std::string(text::trim(period.substr(0, sep)));
  if (sep != std::string::npos) p.period.end = std::string(text::trim(period.substr(sep + 3)));
  const int start = record_fields::year_of(p.period.start);
  const int end = record_fields::year_of(p.period.end);
  if (start > 0 && end >= start && end - start <= 30) {
    for (int y = start; y <= end; ++y) p.years.push_back(y);
  } else if (start > 0) {
    p.years.push_back(start);
  }

  p.text = std::string(text::trim(text.substr(description_begin)));
  p.source = doc.source;
  if (doc.encoding == "UTF-8" && std::string_view(doc.text) == bytes) {
    p.source.begin = 0;
    p.source.end = bytes.size();
  }

  RawDocument out_doc;
  out_doc.source = p.source;
  out_doc.title = p.title;
  out_doc.text = p.text;
  out_doc.encoding = doc.encoding;
  out_doc.warnings = std::move(doc.warnings);
  out_doc.record = std::move(p);
  std::vector<RawDocument> out;
  out.push_back(std::move(out_doc));
  return out;
}

}  // namespace fynd
