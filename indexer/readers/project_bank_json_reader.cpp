#include "project_bank_json_reader.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <istream>
#include <sstream>
#include <utility>

#include "error.h"
#include "readers/record_fields.h"
#include "readers/text_reader.h"
#include "text.h"
#include "text_decoder.h"
#include "understand/understander.h"

namespace fynd {
namespace {

using nlohmann::json;

/// The byte ranges of the top-level elements of a JSON array that starts at `open`.
std::vector<std::pair<std::size_t, std::size_t>> element_ranges(std::string_view text, std::size_t open) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  std::size_t begin = std::string_view::npos;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto close_element = [&](std::size_t end) {
    while (end > begin && is_space(text[end - 1])) --end;
    ranges.emplace_back(begin, end);
    begin = std::string_view::npos;
  };
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (depth == 1) {
      if (c == ',' || c == ']') {
        if (begin != std::string_view::npos) close_element(i);
        if (c == ']') break;
        continue;
      }
      if (begin == std::string_view::npos && !is_space(c)) begin = i;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return ranges;
}

/// 1-based line and column of a byte offset, for parser messages.
std::string position(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t col = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

/// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string parser_message(const json::exception& e) {
  std::string msg = e.what();
  if (msg.rfind("[json.exception.", 0) == 0) {
    const std::size_t close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
  }
  // The position is given by the caller, in the file's terms.
  if (msg.rfind("parse error at ", 0) == 0) {
    const std::size_t colon = msg.find(": ");
    if (colon != std::string::npos) msg = msg.substr(colon + 2);
  }
  return msg;
}

/// Replaces each number of `text` too large for a double (1e400) by null, padded with
/// spaces to the same length so byte positions stay; returns the numbers replaced.
/// nlohmann::json refuses such a number and with it the whole document.
std::vector<std::string> null_huge_numbers(std::string& text) {
  std::vector<std::string> replaced;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    std::size_t end = i + 1;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.' ||
                                 text[end] == 'e' || text[end] == 'E' || text[end] == '+' || text[end] == '-')) {
      ++end;
    }
    const std::string token = text.substr(i, end - i);
    const double value = std::strtod(token.c_str(), nullptr);
    if (std::isinf(value) && token.size() >= 4) {
      replaced.push_back(token);
      text.replace(i, token.size(), "null" + std::string(token.size() - 4, ' '));
    }
    i = end - 1;
  }
  return replaced;
}

/// json::parse, but a number out of a double's range becomes null (with a warning in
/// `warnings`) instead of failing the whole document.
json parse_lenient_numbers(std::string_view text, const std::string& where, std::vector<std::string>& warnings) {
  try {
    return json::parse(text);
  } catch (const json::out_of_range&) {
    std::string copy(text);
    const std::vector<std::string> huge = null_huge_numbers(copy);
    if (huge.empty()) throw;
    for (const std::string& n : huge) {
      warnings.push_back(where + ": number " + n.substr(0, 40) + " is out of range; the field is left empty");
    }
    return json::parse(copy);
  }
}

/// A field as text: strings as they are, numbers printed, null/absent empty.
std::string field_text(const json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return text::nfc(text::trim(it->get_ref<const std::string&>()));
  if (it->is_number_integer() || it->is_number_unsigned() || it->is_number_float() || it->is_boolean()) {
    return it->dump();
  }
  throw InputError(std::string("field \"") + key + "\" is not a string or number");
}

/// An amount in SEK from a number or a string such as "11 444 103" or "3929285.00".
std::optional<std::int64_t> amount(const json& record, const char* key) {
  const auto it = record.find(key);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer() || it->is_number_unsigned()) return it->get<std::int64_t>();
  if (it->is_number_float()) {
    const double d = it->get<double>();
    if (!std::isfinite(d) || std::fabs(d) > 9.0e18) return std::nullopt;  // no SEK amount is that large
    return static_cast<std::int64_t>(d);
  }
  if (it->is_string()) return record_fields::parse_amount(it->get_ref<const std::string&>());
  throw InputError(std::string("field \"") + key + "\" is not an amount");
}

/// How much of a JSON Lines file's start decides whether it is read line by line.
constexpr std::size_t kUtf8HeadBytes = 64 * 1024;

/// Fields copied to Project::fields as found, for the extractor and for display.
constexpr const char* kRawFields[] = {"ärende-id", "län", "kommuner", "område", "tematiskt_mål",
                                      "insatsområde", "_source", "beviljat_belopp_eur",
                                      "uppdateringsdatum", "telnr"};


/// The documents of a JSON Lines file, one line at a time: each line is decoded, parsed
/// and mapped on its own, so that memory holds one record however long the file is.
class JsonLinesStream {
 public:
  JsonLinesStream(const std::filesystem::path& path, std::string_view format, DocumentSink sink)
      : path_(path), file_(path.string()), format_(format), sink_(std::move(sink)) {}

  /// One line of the file, without its '\n'; `begin` is its byte offset in the file.
  void line(std::string_view raw, std::size_t begin) {
    ++line_no_;
    const std::size_t end = begin + raw.size();
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (text::trim(raw).empty()) return;
    const std::string where = "line " + std::to_string(line_no_);
    std::vector<std::string> warnings;
    json record;
    bool exact = false;
    try {
      DecodedText decoded = TextDecoder().decode(raw, file_);
      exact = decoded.text == raw;
      for (std::string& w : decoded.warnings) warnings.push_back(file_ + ": " + where + ": " + reason(w));
      record = parse_lenient_numbers(text::trim(decoded.text), file_ + ": " + where, warnings);
    } catch (const json::parse_error& e) {
      const std::size_t column = e.byte > 0 ? e.byte : 1;
      bad_line(where + ", column " + std::to_string(column) + ": " + parser_message(e), warnings);
      return;
    } catch (const json::exception& e) {
      bad_line(where + ": " + parser_message(e), warnings);
      return;
    } catch (const Error& e) {
      bad_line(where + ": " + reason(e.what()), warnings);
      return;
    }
    ++records_;
    RawDocument doc;
    doc.warnings = std::move(warnings);
    try {
      Project p = ProjectBankJsonReader::to_project(record, path_, records_);
      doc.source.file = file_;
      doc.source.format = std::string(format_);
      if (exact) {
        doc.source.begin = begin;
        doc.source.end = end;
      }
      p.source = doc.source;
      doc.title = p.title;
      doc.text = p.text;
      doc.encoding = "UTF-8";
      doc.record = std::move(p);
      ++emitted_;
    } catch (const Error& e) {
      skipped(doc, std::to_string(records_) + ": " + e.what());
    } catch (const json::exception& e) {
      skipped(doc, std::to_string(records_) + ": " + parser_message(e));
    }
    sink_(std::move(doc));
  }

  /// After the last line: throws when the file held no record at all.
  void finish() const {
    if (records_ == 0 && !first_error_.empty()) throw InputError(file_ + ": invalid JSON Lines at " + first_error_);
    if (emitted_ == 0 && records_ > 0) {
      throw NotIndexable(file_ + ": no project-bank record (" + reason(last_warning_) + ")");
    }
  }

 private:
  std::string reason(const std::string& message) const {
    return message.rfind(file_ + ": ", 0) == 0 ? message.substr(file_.size() + 2) : message;
  }
  void bad_line(const std::string& msg, std::vector<std::string>& warnings) {
    if (first_error_.empty()) first_error_ = msg;
    warnings.push_back(file_ + ": skipped record on " + msg);
    last_warning_ = warnings.back();
    RawDocument doc;
    doc.source.file = file_;
    doc.warnings = std::move(warnings);
    sink_(std::move(doc));
  }
  void skipped(RawDocument& doc, const std::string& msg) {
    doc.warnings.push_back(file_ + ": skipped record " + msg);
    last_warning_ = doc.warnings.back();
    doc.source.file = file_;
  }

  const std::filesystem::path& path_;
  std::string file_;
  std::string_view format_;
  DocumentSink sink_;
  std::size_t line_no_ = 0;
  std::size_t records_ = 0;  ///< lines that parsed as JSON
  std::size_t emitted_ = 0;  ///< records that became documents
  std::string first_error_;
  std::string last_warning_;
};

/// Streams JSON Lines from `in` through `lines`, one line at a time.
void stream_lines(std::istream& in, JsonLinesStream& lines) {
  std::string line;
  std::size_t offset = 0;
  while (std::getline(in, line)) {
    lines.line(line, offset);
    offset += line.size() + 1;
  }
  lines.finish();
}

/// True when the first bytes of a file read as UTF-8 (with or without BOM), so that its
/// lines can be decoded one at a time; other encodings are decoded as a whole.
bool utf8_head(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") return true;
  if (head.find('\0') != std::string_view::npos) return false;
  // A head cut inside a character still reads as UTF-8 with one damaged sequence.
  try {
    return TextDecoder().decode(head).encoding == "UTF-8";
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

bool ProjectBankJsonReader::accepts(const std::filesystem::path& path, std::string_view /*head*/) const {
  return has_extension(path, {".json", ".jsonl", ".ndjson"});
}

Project ProjectBankJsonReader::to_project(const json& record, const std::filesystem::path& path,
                                          std::size_t ordinal) {
  if (!record.is_object()) throw InputError("not a JSON object");
  Project p;
  p.title = field_text(record, "projektnamn");
  p.text = field_text(record, "projektbeskrivning");
  if (p.title.empty() && p.text.empty()) throw InputError("neither \"projektnamn\" nor \"projektbeskrivning\"");

  const std::string source = field_text(record, "_source");
  const std::string number = field_text(record, "ärende-id");
  std::string prefix;
  if (source.find("eruf") != std::string::npos) {
    prefix = "eruf-";
  } else if (source.find("esf") != std::string::npos) {
    prefix = "esf-";
  }
  if (!number.empty()) {
    p.id = make_id(prefix + number);
  } else {
    p.id = make_id(path.stem().string() + "-" + std::to_string(ordinal));
  }
  p.owner = field_text(record, "stödmottagare");
  p.contact = field_text(record, "projektledare");
  p.email = field_text(record, "e-post");
  // The project bank gives only the granted amount; it stands for the budget too.
  p.granted_sek = amount(record, "beviljat_belopp_sek");
  p.budget_sek = p.granted_sek;
  p.period.start = field_text(record, "projekt_starttid");
  p.period.end = field_text(record, "projekt_sluttid");
  record_fields::years_of_period(p);
  if (source.find("eruf") != std::string::npos) p.funders.push_back("Europeiska regionala utvecklingsfonden");

  for (const char* key : {"län", "kommuner"}) {
    for (const std::string& r : record_fields::split_list(field_text(record, key))) Project::add_unique(p.regions, r);
  }
  Project::add_unique(p.regions, field_text(record, "område"));
  for (const char* key : kRawFields) {
    std::string value = field_text(record, key);
    if (!value.empty()) p.fields.emplace_back(key, std::move(value));
  }
  return p;
}

bool ProjectBankJsonReader::streams(const std::filesystem::path& path) const {
  return has_extension(path, {".jsonl", ".ndjson"});
}

void ProjectBankJsonReader::read_stream(const std::filesystem::path& path, std::istream& in,
                                        const DocumentSink& sink) const {
  if (has_extension(path, {".jsonl", ".ndjson"})) {
    std::string head(kUtf8HeadBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    if (in && utf8_head(head)) {
      JsonLinesStream lines(path, name(), sink);
      stream_lines(in, lines);
      return;
    }
  }
  Reader::read_stream(path, in, sink);
}

std::vector<RawDocument> ProjectBankJsonReader::read(const std::filesystem::path& path,
                                                     std::string_view bytes) const {
  const std::string file = path.string();
  if (has_extension(path, {".jsonl", ".ndjson"}) && utf8_head(bytes.substr(0, kUtf8HeadBytes))) {
    // The same line-by-line reading as read_stream(), collected; the file's warnings
    // travel with its first document.
    std::vector<RawDocument> out;
    std::vector<std::string> warnings;
    JsonLinesStream lines(path, name(), [&](RawDocument&& doc) {
      for (std::string& w : doc.warnings) warnings.push_back(std::move(w));
      doc.warnings.clear();
      if (doc.record) out.push_back(std::move(doc));
    });
    std::istringstream in{std::string(bytes)};
    stream_lines(in, lines);
    if (!out.empty()) out.front().warnings = std::move(warnings);
    return out;
  }
  RawDocument decoded = decode_document(path, bytes, name());
  const std::string& text = decoded.text;
  // Byte ranges are exact only when decoding left the bytes as they were.
  const bool exact_ranges = text == bytes;
  const bool lines = has_extension(path, {".jsonl", ".ndjson"});

  std::vector<std::pair<json, std::pair<std::size_t, std::size_t>>> records;
  std::vector<std::string> warnings = decoded.warnings;
  if (lines) {
    std::size_t start = 0;
    std::size_t line_no = 0;
    std::string first_error;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      ++line_no;
      std::string_view line = text::trim(std::string_view(text).substr(start, nl - start));
      if (!line.empty()) {
        try {
          records.emplace_back(parse_lenient_numbers(line, file + ": line " + std::to_string(line_no), warnings),
                               std::make_pair(start, nl));
        } catch (const json::parse_error& e) {
          const std::size_t column = e.byte > 0 ? e.byte : 1;
          std::string msg = "line " + std::to_string(line_no) + ", column " + std::to_string(column) + ": " +
                            parser_message(e);
          if (first_error.empty()) first_error = msg;
          warnings.push_back(file + ": skipped record on " + msg);
        } catch (const json::exception& e) {
          const std::string msg = "line " + std::to_string(line_no) + ": " + parser_message(e);
          if (first_error.empty()) first_error = msg;
          warnings.push_back(file + ": skipped record on " + msg);
        }
      }
      start = nl + 1;
    }
    if (records.empty() && !first_error.empty()) throw InputError(file + ": invalid JSON Lines at " + first_error);
  } else {
    json root;
    try {
      root = parse_lenient_numbers(text, file, warnings);
    } catch (const json::parse_error& e) {
      throw InputError(file + ": invalid JSON at " + position(text, e.byte > 0 ? e.byte - 1 : 0) + " (byte " +
                       std::to_string(e.byte) + "): " + parser_message(e));
    } catch (const json::exception& e) {
      throw InputError(file + ": invalid JSON: " + parser_message(e));
    }
    if (root.is_object()) {
      records.emplace_back(std::move(root), std::make_pair(std::size_t{0}, std::size_t{0}));
    } else if (root.is_array()) {
      const std::size_t open = text.find('[');
      auto ranges = element_ranges(text, open);
      if (ranges.size() != root.size()) ranges.clear();
      for (std::size_t i = 0; i < root.size(); ++i) {
        records.emplace_back(std::move(root[i]), i < ranges.size() ? ranges[i] : std::make_pair(std::size_t{0}, std::size_t{0}));
      }
    } else {
      throw NotIndexable(file + ": JSON is neither an array of records nor a record");
    }
  }

  std::vector<RawDocument> out;
  out.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    try {
      Project p = to_project(records[i].first, path, i + 1);
      RawDocument doc;
      doc.source.file = file;
      doc.source.format = std::string(name());
      if (exact_ranges) {
        doc.source.begin = records[i].second.first;
        doc.source.end = records[i].second.second;
      }
      p.source = doc.source;
      doc.title = p.title;
      doc.text = p.text;
      doc.encoding = decoded.encoding;
      doc.record = std::move(p);
      out.push_back(std::move(doc));
    } catch (const Error& e) {
      warnings.push_back(file + ": skipped record " + std::to_string(i + 1) + ": " + e.what());
    } catch (const json::exception& e) {
      warnings.push_back(file + ": skipped record " + std::to_string(i + 1) + ": " + parser_message(e));
    }
  }
  if (out.empty() && !records.empty()) {
    std::string why = warnings.empty() ? std::string() : warnings.back();
    if (why.rfind(file + ": ", 0) == 0) why = why.substr(file.size() + 2);
    throw NotIndexable(file + ": no project-bank record (" + why + ")");
  }
  // Warnings about the file travel with its first document.
  if (!out.empty()) out.front().warnings = std::move(warnings);
  return out;
}

}  // namespace fynd
