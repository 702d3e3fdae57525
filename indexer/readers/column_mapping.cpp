#include "column_mapping.h"

#include <fstream>
#include <sstream>

#include "error.h"
#include "resources.h"
#include "text.h"

namespace fynd {
namespace {

struct TargetName {
  std::string_view name;
  ColumnTarget target;
};

constexpr TargetName kTargets[] = {
    {"id", ColumnTarget::Id},
    {"title", ColumnTarget::Title},
    {"text", ColumnTarget::Text},
    {"owner", ColumnTarget::Owner},
    {"contact", ColumnTarget::Contact},
    {"email", ColumnTarget::Email},
    {"start", ColumnTarget::Start},
    {"end", ColumnTarget::End},
    {"budget", ColumnTarget::Budget},
    {"granted", ColumnTarget::Granted},
    {"budget_eur", ColumnTarget::BudgetEur},
    {"granted_eur", ColumnTarget::GrantedEur},
    {"funder", ColumnTarget::Funder},
    {"lan", ColumnTarget::Lan},
    {"kommun", ColumnTarget::Kommun},
    {"omrade", ColumnTarget::Omrade},
    {"region", ColumnTarget::Region},
    {"field", ColumnTarget::Field},
    {"ignore", ColumnTarget::Ignore},
};

/// Splits a line at tabs.
std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(text::trim(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

/// The default Project::fields key of a typed target, so that the extractor reads the
/// value as the JSON reader's field of that name.
std::string default_key(ColumnTarget t) {
  switch (t) {
    case ColumnTarget::Lan: return "län";
    case ColumnTarget::Kommun: return "kommuner";
    case ColumnTarget::Omrade: return "område";
    case ColumnTarget::Region: return "region";
    default: return {};  // the header as the file writes it
  }
}

}  // namespace

std::optional<ColumnTarget> column_target_from_name(std::string_view name) {
  for (const TargetName& t : kTargets) {
    if (t.name == name) return t.target;
  }
  return std::nullopt;
}

std::string normalise_header(std::string_view header) {
  std::string s = text::fold_case(text::trim(header));
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return text::squash_space(s);
}

ColumnProfile ColumnProfile::parse(std::string_view text, const std::string& source) {
  ColumnProfile p;
  std::size_t line_no = 0;
  std::size_t start = 0;
  auto fail = [&](const std::string& why) { throw InputError(source + ":" + std::to_string(line_no) + ": " + why); };
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (text::trim(line).empty() || text::trim(line).front() == '#') continue;
    const std::vector<std::string_view> cols = split_tabs(line);
    if (cols.size() < 2 || cols[0].empty() || cols[1].empty()) {
      fail("expected HEADER<TAB>TARGET or @directive<TAB>VALUE, got \"" + std::string(line) + "\"");
    }
    if (cols[0].front() == '@') {
      const std::string_view d = cols[0];
      if (d == "@profile") {
        p.name = std::string(cols[1]);
      } else if (d == "@label") {
        p.label = std::string(cols[1]);
      } else if (d == "@funder") {
        p.funders.emplace_back(cols[1]);
      } else if (d == "@id_prefix") {
        p.id_prefix = std::string(cols[1]);
      } else if (d == "@sek_per_eur") {
        try {
          p.sek_per_eur = std::stod(std::string(cols[1]));
        } catch (const std::exception&) {
          p.sek_per_eur = 0;
        }
        if (p.sek_per_eur <= 0) fail("@sek_per_eur needs a positive number, got \"" + std::string(cols[1]) + "\"");
      } else if (d == "@budget_from_granted") {
        p.budget_from_granted = cols[1] == "yes";
      } else if (d == "@fund") {
        if (cols.size() < 3 || cols[2].empty()) fail("@fund needs VALUE<TAB>FUNDER");
        p.fund_names[text::fold_case(cols[1])] = std::string(cols[2]);
      } else {
        fail("unknown directive " + std::string(d) +
             " (known: @profile @label @funder @id_prefix @sek_per_eur @budget_from_granted @fund)");
      }
      continue;
    }
    const auto target = column_target_from_name(cols[1]);
    if (!target) {
      std::string names;
      for (const TargetName& t : kTargets) names += (names.empty() ? "" : " ") + std::string(t.name);
      fail("unknown target \"" + std::string(cols[1]) + "\" (known: " + names + ")");
    }
    ColumnRule rule;
    rule.target = *target;
    rule.key = cols.size() >= 3 && !cols[2].empty() ? std::string(cols[2]) : default_key(*target);
    p.columns[normalise_header(cols[0])] = std::move(rule);
  }
  if (p.columns.empty()) throw InputError(source + ": no column mappings");
  for (const auto& [header, rule] : p.columns) {
    if ((rule.target == ColumnTarget::BudgetEur || rule.target == ColumnTarget::GrantedEur) && p.sek_per_eur <= 0) {
      throw InputError(source + ": column \"" + header + "\" is in EUR: the profile needs @sek_per_eur");
    }
  }
  if (p.name.empty()) p.name = std::filesystem::path(source).stem().string();
  if (p.label.empty()) p.label = p.name;
  return p;
}

ColumnProfile ColumnProfile::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot read column mapping file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse(buf.str(), file.string());
}

const ColumnRule* ColumnProfile::rule_for(std::string_view header) const {
  const auto it = columns.find(normalise_header(header));
  return it == columns.end() ? nullptr : &it->second;
}

std::string ColumnProfile::funder_for(std::string_view value) const {
  const auto it = fund_names.find(text::fold_case(text::trim(value)));
  return it == fund_names.end() ? std::string(text::trim(value)) : it->second;
}

ColumnProfileSet::ColumnProfileSet(std::vector<ColumnProfile> builtin, std::optional<ColumnProfile> user) {
  if (user) {
    profiles_.push_back(std::move(*user));
    has_user_ = true;
  }
  for (ColumnProfile& p : builtin) profiles_.push_back(std::move(p));
}

std::shared_ptr<const ColumnProfileSet> ColumnProfileSet::builtin() {
  static const std::shared_ptr<const ColumnProfileSet> set = [] {
    std::vector<ColumnProfile> profiles;
    for (std::string_view name : resources::names()) {
      if (!name.starts_with("data/columns/") || !name.ends_with(".tsv")) continue;
      profiles.push_back(ColumnProfile::parse(*resources::find(name), std::string(name)));
    }
    return std::make_shared<const ColumnProfileSet>(std::move(profiles), std::nullopt);
  }();
  return set;
}

std::shared_ptr<const ColumnProfileSet> ColumnProfileSet::with_file(const std::filesystem::path& file) {
  if (file.empty()) return builtin();
  return std::make_shared<const ColumnProfileSet>(builtin()->profiles(), ColumnProfile::load(file));
}

const ColumnProfile* ColumnProfileSet::choose(const std::vector<std::string>& header) const {
  const ColumnProfile* best = nullptr;
  std::size_t best_known = 0;
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    const ColumnProfile& p = profiles_[i];
    std::size_t known = 0;
    bool has_name = false;
    for (const std::string& h : header) {
      const ColumnRule* r = p.rule_for(h);
      if (r == nullptr) continue;
      ++known;
      has_name = has_name || r->target == ColumnTarget::Title || r->target == ColumnTarget::Text;
    }
    const std::size_t needed = (has_user_ && i == 0) ? 1 : 2;
    if (!has_name || known < needed) continue;
    // The user's profile wins whenever it fits; built-in ones by the most known columns.
    if (has_user_ && i == 0) return &p;
    if (known > best_known) {
      best = &p;
      best_known = known;
    }
  }
  return best;
}

}  // namespace fynd
