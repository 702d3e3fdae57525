#include "csv_reader.h"

#include <csv.h>

#include "readers/sheet_table.h"
#include "readers/text_reader.h"

namespace fynd {
namespace {

/// Collects libcsv's callbacks into rows numbered as a spreadsheet shows them.
struct Collector {
  std::vector<SheetRow> rows;
  SheetRow current;
  std::size_t next_number = 1;

  static void on_field(void* s, std::size_t len, void* data) {
    auto* self = static_cast<Collector*>(data);
    self->current.cells.emplace_back(s == nullptr ? "" : std::string(static_cast<const char*>(s), len));
  }
  static void on_row(int /*terminator*/, void* data) {
    auto* self = static_cast<Collector*>(data);
    self->current.number = self->next_number++;
    // An empty line still counts as a row, so that numbers match the file's rows.
    if (!self->current.cells.empty()) self->rows.push_back(std::move(self->current));
    self->current = SheetRow{};
  }
};

int space_only(unsigned char c) { return c == CSV_SPACE ? 1 : 0; }
int space_or_tab(unsigned char c) { return (c == CSV_SPACE || c == CSV_TAB) ? 1 : 0; }

/// Parses `text` with libcsv; returns false (and libcsv's message) on malformed quoting
/// in strict mode.
bool parse(std::string_view text, char delimiter, unsigned char options, Collector& out, std::string& error) {
  csv_parser parser;
  if (csv_init(&parser, options | CSV_REPALL_NL) != 0) throw std::bad_alloc();
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  csv_set_space_func(&parser, delimiter == '\t' ? space_only : space_or_tab);
  const std::size_t done = csv_parse(&parser, text.data(), text.size(), Collector::on_field, Collector::on_row, &out);
  bool ok = done == text.size();
  if (ok) ok = csv_fini(&parser, Collector::on_field, Collector::on_row, &out) == 0;
  if (!ok) {
    const int code = csv_error(&parser);
    if (code == CSV_ENOMEM || code == CSV_ETOOBIG) {
      csv_free(&parser);
      throw std::bad_alloc();
    }
    error = csv_strerror(code);
  }
  csv_free(&parser);
  return ok;
}

}  // namespace

CsvReader::CsvReader(std::shared_ptr<const ColumnProfileSet> profiles) : profiles_(std::move(profiles)) {}

bool CsvReader::accepts(const std::filesystem::path& path, std::string_view /*head*/) const {
  return has_extension(path, {".csv", ".tsv", ".tab"});
}

char CsvReader::detect_delimiter(std::string_view text) {
  std::size_t comma = 0;
  std::size_t semicolon = 0;
  std::size_t tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n') break;
      if (c == ',') ++comma;
      if (c == ';') ++semicolon;
      if (c == '\t') ++tab;
    }
  }
  if (tab > comma && tab > semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

std::vector<RawDocument> CsvReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  const std::string file = path.string();
  RawDocument decoded = decode_document(path, bytes, name());
  const char delimiter = has_extension(path, {".tsv", ".tab"}) ? '\t' : detect_delimiter(decoded.text);
  std::vector<std::string> warnings = decoded.warnings;

  Collector rows;
  std::string error;
  if (!parse(decoded.text, delimiter, CSV_STRICT | CSV_STRICT_FINI, rows, error)) {
    // Malformed quoting: say so once, then read the file as libcsv's lenient mode does.
    warnings.push_back(file + ": row " + std::to_string(rows.next_number) + ": " + error +
                       " (a stray or unclosed quote); read leniently from there");
    rows = Collector{};
    parse(decoded.text, delimiter, 0, rows, error);
  }
  SheetTable table;
  table.rows = std::move(rows.rows);
  table.fixed_width = true;
  std::vector<RawDocument> out =
      sheet_documents(path, name(), table, profiles_ ? *profiles_ : *ColumnProfileSet::builtin(), warnings);
  for (RawDocument& doc : out) doc.encoding = decoded.encoding;
  if (out.empty()) {
    std::string why = warnings.empty() ? std::string("no data rows") : warnings.back();
    if (why.rfind(file + ": ", 0) == 0) why = why.substr(file.size() + 2);
    throw NotIndexable(file + ": no project rows (" + why + ")");
  }
  out.front().warnings = std::move(warnings);
  return out;
}

}  // namespace fynd
