#include "xlsx_reader.h"

#include <zip.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <pugixml.hpp>
#include <unordered_set>

#include "readers/sheet_table.h"
#include "text.h"

namespace fynd {
namespace {

/// The workbook's zip, read from memory, with a budget of uncompressed bytes.
class ZipParts {
 public:
  ZipParts(std::string_view bytes, std::string file, std::uint64_t budget) : file_(std::move(file)), budget_(budget) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src != nullptr) archive_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
      const std::string why = zip_error_strerror(&error);
      if (src != nullptr) zip_source_free(src);
      zip_error_fini(&error);
      throw InputError(file_ + ": not an XLSX workbook (zip: " + why + ")");
    }
    zip_error_fini(&error);
  }
  ~ZipParts() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  ZipParts(const ZipParts&) = delete;
  ZipParts& operator=(const ZipParts&) = delete;

  bool has(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), 0) >= 0; }

  /// The uncompressed content of a part; throws InputError when it is missing, damaged
  /// or would take the file past its uncompressed budget.
  std::string read(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive_, name.c_str(), 0, &st) != 0) throw InputError(file_ + ": XLSX part " + name + " is missing");
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > budget_) throw too_big(name, st.size);
    zip_file_t* f = zip_fopen(archive_, name.c_str(), 0);
    if (f == nullptr) throw InputError(file_ + ": cannot open XLSX part " + name + ": " + zip_strerror(archive_));
    std::string out;
    char buf[65536];
    while (true) {
      const zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        const std::string why = zip_file_strerror(f);
        zip_fclose(f);
        throw InputError(file_ + ": XLSX part " + name + " is damaged: " + why);
      }
      if (n == 0) break;
      // The size in the zip directory can lie: count what really comes out.
      if (out.size() + static_cast<std::uint64_t>(n) > budget_) {
        zip_fclose(f);
        throw too_big(name, out.size() + static_cast<std::uint64_t>(n));
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    zip_fclose(f);
    budget_ -= out.size();
    return out;
  }

 private:
  InputError too_big(const std::string& name, std::uint64_t size) const {
    return InputError(file_ + ": XLSX part " + name + " expands to more than the " + std::to_string(budget_ >> 20) +
                      " MB left of the uncompressed size limit (" + std::to_string(size >> 20) +
                      " MB or more): refused as a possible zip bomb");
  }

  std::string file_;
  std::uint64_t budget_;
  zip_t* archive_ = nullptr;
};

/// An element's name without its namespace prefix ("x:row" -> "row").
std::string_view local(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  }
  return {};
}

template <typename F>
void each_child(pugi::xml_node node, std::string_view name, F&& f) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && local(c.name()) == name) f(c);
  }
}

/// An attribute by local name ("r:id" found as "id" with a prefix when `prefixed`).
const char* attr(pugi::xml_node node, std::string_view name, bool prefixed = false) {
  for (pugi::xml_attribute a : node.attributes()) {
    const std::string_view n(a.name());
    if (!prefixed && n == name) return a.value();
    if (prefixed && n.size() > name.size() && n.ends_with(name) && n[n.size() - name.size() - 1] == ':') {
      return a.value();
    }
  }
  return nullptr;
}

pugi::xml_document parse_xml(const std::string& content, const std::string& file, const std::string& part) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r =
      doc.load_buffer(content.data(), content.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) {
    throw InputError(file + ": XLSX part " + part + ": XML error at byte " + std::to_string(r.offset) + ": " +
                     r.description());
  }
  return doc;
}

/// The text of a shared or inline string: every <t>, without phonetic runs (<rPh>).
std::string string_item(pugi::xml_node si) {
  std::string out;
  for (pugi::xml_node c : si.children()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view n = local(c.name());
    if (n == "t") out += c.text().get();
    if (n == "r") out += child(c, "t").text().get();
  }
  return out;
}

/// The 0-based column of a cell reference ("C7" -> 2), or -1.
long column_of(std::string_view ref) {
  long col = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return -1;
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

/// A number as a spreadsheet shows it in General format: integers without ".0".
std::string number_text(double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::floor(v)) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

/// Where the workbook's parts are and how its numbers read.
struct Workbook {
  struct Sheet {
    std::string name;
    std::string part;
  };
  std::vector<Sheet> sheets;
  std::vector<std::string> shared;
  std::vector<bool> date_style;  ///< by cellXfs index (a cell's s attribute)
  bool date1904 = false;
};

/// Resolves a relationship target against xl/ ("worksheets/sheet1.xml", "/xl/...").
std::string part_path(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string out = "xl/";
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    out = "";
  }
  return out + std::string(target);
}

Workbook load_workbook(ZipParts& zip, const std::string& file) {
  Workbook wb;
  const pugi::xml_document book = parse_xml(zip.read("xl/workbook.xml"), file, "xl/workbook.xml");
  const pugi::xml_node root = book.document_element();
  if (const char* v = attr(child(root, "workbookPr"), "date1904")) {
    wb.date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
  }
  std::map<std::string, std::string> targets;
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    const pugi::xml_document rels =
        parse_xml(zip.read("xl/_rels/workbook.xml.rels"), file, "xl/_rels/workbook.xml.rels");
    each_child(rels.document_element(), "Relationship", [&](pugi::xml_node r) {
      const char* id = attr(r, "Id");
      const char* target = attr(r, "Target");
      if (id != nullptr && target != nullptr) targets[id] = part_path(target);
    });
  }
  std::size_t n = 0;
  each_child(child(root, "sheets"), "sheet", [&](pugi::xml_node s) {
    ++n;
    const char* rid = attr(s, "id", true);
    std::string part =
        rid != nullptr && targets.count(rid) != 0 ? targets[rid] : "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    const char* name = attr(s, "name");
    wb.sheets.push_back({name != nullptr ? name : "Sheet" + std::to_string(n), std::move(part)});
  });
  if (wb.sheets.empty()) throw InputError(file + ": XLSX workbook lists no sheets");

  if (zip.has("xl/sharedStrings.xml")) {
    const pugi::xml_document sst = parse_xml(zip.read("xl/sharedStrings.xml"), file, "xl/sharedStrings.xml");
    each_child(sst.document_element(), "si", [&](pugi::xml_node si) { wb.shared.push_back(string_item(si)); });
  }
  if (zip.has("xl/styles.xml")) {
    const pugi::xml_document styles = parse_xml(zip.read("xl/styles.xml"), file, "xl/styles.xml");
    const pugi::xml_node ss = styles.document_element();
    std::map<long, bool> custom;
    each_child(child(ss, "numFmts"), "numFmt", [&](pugi::xml_node f) {
      const char* id = attr(f, "numFmtId");
      const char* code = attr(f, "formatCode");
      if (id != nullptr && code != nullptr) custom[std::atol(id)] = XlsxReader::is_date_format(code);
    });
    each_child(child(ss, "cellXfs"), "xf", [&](pugi::xml_node xf) {
      const char* idv = attr(xf, "numFmtId");
      const long id = idv == nullptr ? 0 : std::atol(idv);
      bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
      if (const auto it = custom.find(id); it != custom.end()) date = it->second;
      wb.date_style.push_back(date);
    });
  }
  return wb;
}

/// The rows of one worksheet part.
SheetTable read_sheet(ZipParts& zip, const Workbook& wb, const Workbook::Sheet& sheet, const std::string& file,
                      std::vector<std::string>& warnings) {
  SheetTable table;
  table.sheet = sheet.name;
  table.fixed_width = false;  // a spreadsheet leaves empty cells out
  const pugi::xml_document doc = parse_xml(zip.read(sheet.part), file, sheet.part);
  std::size_t next_row = 1;
  each_child(child(doc.document_element(), "sheetData"), "row", [&](pugi::xml_node row) {
    SheetRow out;
    const char* r = attr(row, "r");
    out.number = r != nullptr ? static_cast<std::size_t>(std::atol(r)) : next_row;
    if (out.number == 0) out.number = next_row;
    next_row = out.number + 1;
    long next_col = 0;
    each_child(row, "c", [&](pugi::xml_node c) {
      const char* ref = attr(c, "r");
      long col = ref != nullptr ? column_of(ref) : next_col;
      if (col < 0) col = next_col;
      next_col = col + 1;
      const std::string_view type = attr(c, "t") != nullptr ? attr(c, "t") : "n";
      const std::string v = child(c, "v").text().get();
      std::string value;
      if (type == "s") {
        const long idx = v.empty() ? -1 : std::atol(v.c_str());
        if (idx >= 0 && static_cast<std::size_t>(idx) < wb.shared.size()) {
          value = wb.shared[static_cast<std::size_t>(idx)];
        } else if (!v.empty()) {
          warnings.push_back(file + ": sheet " + sheet.name + ", row " + std::to_string(out.number) +
                             ": shared string " + v + " does not exist; cell dropped");
        }
      } else if (type == "inlineStr") {
        value = string_item(child(c, "is"));
      } else if (type == "str" || type == "d") {
        value = v;
      } else if (type == "b") {
        value = v == "1" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        value.clear();  // #N/A, #DIV/0!: no value
      } else if (!v.empty()) {
        char* end = nullptr;
        const double num = std::strtod(v.c_str(), &end);
        const char* s = attr(c, "s");
        const std::size_t style = s == nullptr ? 0 : static_cast<std::size_t>(std::atol(s));
        if (end != v.c_str() && style < wb.date_style.size() && wb.date_style[style]) {
          value = XlsxReader::serial_to_date(num, wb.date1904);
        } else if (end != v.c_str()) {
          value = number_text(num);
        } else {
          value = v;
        }
      }
      if (value.empty()) return;
      if (static_cast<std::size_t>(col) >= out.cells.size()) out.cells.resize(static_cast<std::size_t>(col) + 1);
      out.cells[static_cast<std::size_t>(col)] = text::nfc(value);
    });
    if (!out.cells.empty()) table.rows.push_back(std::move(out));
  });
  return table;
}

}  // namespace

XlsxReader::XlsxReader(std::shared_ptr<const ColumnProfileSet> profiles, std::uint64_t max_uncompressed)
    : profiles_(std::move(profiles)), max_uncompressed_(max_uncompressed) {}

bool XlsxReader::accepts(const std::filesystem::path& path, std::string_view /*head*/) const {
  return has_extension(path, {".xlsx", ".xlsm"});
}

std::string XlsxReader::serial_to_date(double serial, bool date1904) {
  long days = static_cast<long>(std::floor(serial));
  // Days since 1970-01-01: the 1900 system counts from 1899-12-31 and has a fictitious
  // 1900-02-29 (serial 60); the 1904 system counts from 1904-01-01.
  if (date1904) {
    days -= 24107;
  } else {
    if (days >= 60) --days;
    days -= 25568;
  }
  // Civil date from days (Howard Hinnant's algorithm).
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

bool XlsxReader::is_date_format(std::string_view code) {
  bool quoted = false;
  bool bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped or padding character
    } else if (c == ';') {
      break;  // the positive-number section decides
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      return true;
    }
  }
  return false;
}

std::vector<RawDocument> XlsxReader::read(const std::filesystem::path& path, std::string_view bytes) const {
  const std::string file = path.string();
  ZipParts zip(bytes, file, max_uncompressed_);
  const Workbook wb = load_workbook(zip, file);
  std::vector<std::string> warnings;
  std::vector<RawDocument> out;
  std::string first_skip;
  for (const Workbook::Sheet& sheet : wb.sheets) {
    const SheetTable table = read_sheet(zip, wb, sheet, file, warnings);
    try {
      for (RawDocument& doc :
           sheet_documents(path, name(), table, profiles_ ? *profiles_ : *ColumnProfileSet::builtin(), warnings)) {
        doc.encoding = "UTF-8";
        out.push_back(std::move(doc));
      }
    } catch (const NotIndexable& e) {
      if (first_skip.empty()) first_skip = e.what();
      if (wb.sheets.size() > 1) warnings.push_back(std::string(e.what()) + ": sheet skipped");
    }
  }
  if (out.empty()) {
    if (!first_skip.empty() && wb.sheets.size() == 1) throw NotIndexable(first_skip);
    std::string why = warnings.empty() ? std::string("no data rows") : warnings.back();
    if (why.rfind(file + ": ", 0) == 0) why = why.substr(file.size() + 2);
    throw NotIndexable(file + ": no project rows in any sheet (" + why + ")");
  }
  out.front().warnings = std::move(warnings);
  return out;
}

}  // namespace fynd
