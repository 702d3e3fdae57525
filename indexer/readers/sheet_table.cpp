#include "sheet_table.h"

#include <cmath>

#include "readers/record_fields.h"
#include "text.h"
#include "understand/understander.h"

namespace fynd {
namespace {

constexpr std::size_t kHeaderSearchRows = 10;

bool blank(const SheetRow& row) {
  for (const std::string& c : row.cells) {
    if (!text::trim(c).empty()) return false;
  }
  return true;
}

/// "FILE: row 7" or "FILE: sheet Blad1, row 7".
std::string where(const std::string& file, const SheetTable& table, std::size_t row) {
  std::string s = file + ": ";
  if (!table.sheet.empty()) s += "sheet " + table.sheet + ", ";
  return s + "row " + std::to_string(row);
}

/// An amount cell in SEK, converted from EUR for the *_eur targets.
std::optional<std::int64_t> amount_sek(std::string_view value, ColumnTarget target, const ColumnProfile& profile) {
  auto v = record_fields::parse_amount(value);
  if (v && (target == ColumnTarget::BudgetEur || target == ColumnTarget::GrantedEur)) {
    v = static_cast<std::int64_t>(std::llround(static_cast<double>(*v) * profile.sek_per_eur));
  }
  return v;
}

class RowMapper {
 public:
  RowMapper(const std::filesystem::path& path, std::string_view format, const SheetTable& table,
            const ColumnProfile& profile, const std::vector<std::string>& header)
      : path_(path), file_(path.string()), format_(format), table_(table), profile_(profile), header_(header) {
    for (const std::string& h : header_) rules_.push_back(profile_.rule_for(h));
  }

  /// The project of a row; adds warnings for dropped cells; throws InputError for a bad row.
  Project map(const SheetRow& row, std::vector<std::string>& warnings) const {
    const std::string at = where(file_, table_, row.number);
    if (table_.fixed_width && row.cells.size() != header_.size()) {
      throw InputError("has " + std::to_string(row.cells.size()) + " fields, the header has " +
                       std::to_string(header_.size()));
    }
    for (std::size_t i = header_.size(); i < row.cells.size(); ++i) {
      if (!text::trim(row.cells[i]).empty()) {
        warnings.push_back(at + ": a value beyond the last header column dropped");
        break;
      }
    }
    Project p;
    std::string number;
    std::vector<std::string> texts;
    std::vector<std::string> extras;
    bool has_budget = false;
    for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i) {
      const std::string value = text::nfc(text::trim(row.cells[i]));
      if (value.empty()) continue;
      const std::string& head = header_[i];
      const ColumnRule* rule = rules_[i];
      if (rule == nullptr) {
        // Unknown columns stay searchable: in the text and in the fields.
        extras.push_back(head + ": " + value);
        p.fields.emplace_back(head, value);
        continue;
      }
      const std::string& key = rule->key.empty() ? head : rule->key;
      auto drop = [&](const char* what) {
        warnings.push_back(at + ": column \"" + head + "\": " + what + " \"" + value + "\" dropped");
      };
      switch (rule->target) {
        case ColumnTarget::Id:
          if (number.empty()) number = value;
          p.fields.emplace_back(key, value);
          break;
        case ColumnTarget::Title:
          if (p.title.empty()) p.title = value;
          break;
        case ColumnTarget::Text: texts.push_back(value); break;
        case ColumnTarget::Owner:
          if (p.owner.empty()) p.owner = value;
          break;
        case ColumnTarget::Contact:
          if (p.contact.empty()) p.contact = value;
          break;
        case ColumnTarget::Email:
          if (p.email.empty()) p.email = value;
          break;
        case ColumnTarget::Start:
        case ColumnTarget::End: {
          const auto date = record_fields::parse_date(value);
          if (!date) {
            drop("unparseable date");
          } else {
            (rule->target == ColumnTarget::Start ? p.period.start : p.period.end) = *date;
          }
          break;
        }
        case ColumnTarget::Budget:
        case ColumnTarget::Granted:
        case ColumnTarget::BudgetEur:
        case ColumnTarget::GrantedEur: {
          const auto sek = amount_sek(value, rule->target, profile_);
          if (!sek) {
            drop("unparseable amount");
            break;
          }
          const bool eur = rule->target == ColumnTarget::BudgetEur || rule->target == ColumnTarget::GrantedEur;
          if (rule->target == ColumnTarget::Budget || rule->target == ColumnTarget::BudgetEur) {
            p.budget_sek = *sek;
            has_budget = true;
          } else {
            p.granted_sek = *sek;
          }
          if (eur) p.fields.emplace_back(key, value);  // the amount as given
          break;
        }
        case ColumnTarget::Funder:
          for (const std::string& f : record_fields::split_list(value)) {
            Project::add_unique(p.funders, profile_.funder_for(f));
          }
          p.fields.emplace_back(key, value);
          break;
        case ColumnTarget::Lan:
        case ColumnTarget::Kommun:
          for (const std::string& r : record_fields::split_list(value)) Project::add_unique(p.regions, r);
          p.fields.emplace_back(key, value);
          break;
        case ColumnTarget::Omrade:
        case ColumnTarget::Region:
          Project::add_unique(p.regions, value);
          p.fields.emplace_back(key, value);
          break;
        case ColumnTarget::Field: p.fields.emplace_back(key, value); break;
        case ColumnTarget::Ignore: break;
      }
    }
    for (std::size_t i = 0; i < texts.size(); ++i) p.text += (i > 0 ? "\n\n" : "") + texts[i];
    for (const std::string& e : extras) p.text += (p.text.empty() ? "" : "\n") + e;
    if (p.title.empty() && texts.empty()) throw InputError("neither a name nor a description");

    if (!has_budget && profile_.budget_from_granted) p.budget_sek = p.granted_sek;
    for (const std::string& f : profile_.funders) Project::add_unique(p.funders, f);
    record_fields::years_of_period(p);
    if (!number.empty()) {
      p.id = make_id(profile_.id_prefix + number);
    } else {
      std::string base = path_.stem().string();
      if (!table_.sheet.empty()) base += "-" + table_.sheet;
      p.id = make_id(base + "-" + std::to_string(row.number));
    }
    p.source.file = file_;
    p.source.format = std::string(format_);
    return p;
  }

 private:
  const std::filesystem::path& path_;
  std::string file_;
  std::string_view format_;
  const SheetTable& table_;
  const ColumnProfile& profile_;
  const std::vector<std::string>& header_;
  std::vector<const ColumnRule*> rules_;
};

}  // namespace

std::vector<RawDocument> sheet_documents(const std::filesystem::path& path, std::string_view format,
                                         const SheetTable& table, const ColumnProfileSet& profiles,
                                         std::vector<std::string>& warnings) {
  const std::string file = path.string();
  const ColumnProfile* profile = nullptr;
  std::size_t header_at = table.rows.size();
  std::size_t first_nonblank = table.rows.size();
  std::size_t seen = 0;
  for (std::size_t i = 0; i < table.rows.size() && seen < kHeaderSearchRows && profile == nullptr; ++i) {
    if (blank(table.rows[i])) continue;
    if (seen++ == 0) first_nonblank = i;
    std::vector<std::string> header;
    for (const std::string& c : table.rows[i].cells) header.emplace_back(text::nfc(text::trim(c)));
    profile = profiles.choose(header);
    if (profile != nullptr) header_at = i;
  }
  const std::string sheet = table.sheet.empty() ? std::string() : " of sheet " + table.sheet;
  if (first_nonblank == table.rows.size()) throw NotIndexable(file + ": no rows" + sheet);
  if (profile == nullptr) {
    std::string cols;
    for (const std::string& c : table.rows[first_nonblank].cells) {
      if (cols.size() > 120) {
        cols += ", ...";
        break;
      }
      cols += (cols.empty() ? "" : ", ") + std::string(text::trim(c));
    }
    throw NotIndexable(file + ": no column profile fits the header" + sheet + " (" + cols +
                       "); give a mapping with --columns FILE");
  }
  std::vector<std::string> header;
  for (const std::string& c : table.rows[header_at].cells) header.emplace_back(text::nfc(text::trim(c)));
  while (!header.empty() && header.back().empty()) header.pop_back();
  const RowMapper mapper(path, format, table, *profile, header);

  std::vector<RawDocument> out;
  for (std::size_t i = header_at + 1; i < table.rows.size(); ++i) {
    const SheetRow& row = table.rows[i];
    if (blank(row)) continue;
    try {
      SheetRow trimmed = row;
      // Trailing empty cells beyond the header (a spreadsheet's "a,b,c,,") are no extra fields.
      while (trimmed.cells.size() > header.size() && text::trim(trimmed.cells.back()).empty()) {
        trimmed.cells.pop_back();
      }
      Project p = mapper.map(trimmed, warnings);
      RawDocument doc;
      doc.source = p.source;
      doc.title = p.title;
      doc.text = p.text;
      doc.record = std::move(p);
      out.push_back(std::move(doc));
    } catch (const InputError& e) {
      warnings.push_back(where(file, table, row.number) + ": skipped row: " + e.what());
    }
  }
  return out;
}

}  // namespace fynd
