#include "affix_table.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "error.h"
#include "text.h"

namespace fynd {
namespace {

// Flags of sv_SE.aff (see its comments): X may begin and U may sit inside a compound,
// Z only in compounds (ONLYINCOMPOUND), the currency sign NEEDAFFIX, '%' FORBIDDENWORD.
constexpr char kCompoundBegin = 'X';
constexpr char kCompoundMiddle = 'U';
constexpr char kCompoundEnd = 'Y';
constexpr char kOnlyInCompound = 'Z';
constexpr std::string_view kNeedAffix = "\xC2\xA4";
constexpr char kForbidden = '%';

/// Parses a Hunspell condition ("[^m]er", ".", "[aeiou]") into one set per letter.
std::vector<std::u32string> parse_condition(std::string_view cond) {
  std::vector<std::u32string> out;
  if (cond == ".") return out;
  const std::u32string c = text::to_u32(cond);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == U'[') {
      const std::size_t close = c.find(U']', i);
      if (close == std::u32string::npos) break;
      out.push_back(c.substr(i + 1, close - i - 1));
      i = close;
    } else if (c[i] == U'.') {
      out.push_back(U"^");  // negated empty set: any letter
    } else {
      out.push_back(std::u32string(1, c[i]));
    }
  }
  return out;
}

/// True if the entry may hold a capital letter (ASCII or Latin-1: "Växjö", "Åre").
bool may_have_capital(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9E) return true;
    if (c > 0xC3) return true;  // other scripts: let ICU decide
  }
  return false;
}

}  // namespace

AffixTable::AffixTable(const std::string& aff_path, const std::string& dic_path) {
  read_aff(aff_path);
  read_dic(dic_path);
}

void AffixTable::read_aff(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Internal, "cannot read Hunspell affix file " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("SFX", 0) != 0) continue;
    std::istringstream fields(line);
    std::string tag, flag, strip, add, cond;
    fields >> tag >> flag >> strip >> add >> cond;
    if (cond.empty() || flag.size() != 1) continue;  // a header line "SFX A Y 1"
    Rule r;
    r.flag = flag[0];
    r.strip = strip == "0" ? "" : strip;
    std::string continuation;
    if (auto slash = add.find('/'); slash != std::string::npos) {
      continuation = add.substr(slash + 1);
      add = add.substr(0, slash);
    }
    if (add == "0") add.clear();
    r.condition = parse_condition(cond);
    r.compound_only = continuation.find(kOnlyInCompound) != std::string::npos;
    longest_add_ = std::max(longest_add_, add.size());
    rules_by_add_[add].push_back(std::move(r));
  }
}

void AffixTable::read_dic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Internal, "cannot read Hunspell dictionary " + path);
  std::string line;
  std::getline(in, line);  // entry count
  entries_.reserve(160000);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t end = line.find_first_of(" \t");
    std::string_view word(line.data(), end == std::string::npos ? line.size() : end);
    std::string_view flags;
    if (auto slash = word.find('/'); slash != std::string_view::npos) {
      flags = word.substr(slash + 1);
      word = word.substr(0, slash);
    }
    if (word.empty() || flags.find(kForbidden) != std::string_view::npos) continue;
    const bool capital = may_have_capital(word);
    std::string folded = capital ? text::fold_case(word) : std::string(word);
    Entry& e = entries_[folded];
    e.flags.append(flags);
    if (capital && folded != word) {
      e.capitalised = true;
    } else {
      e.lowercase = true;
    }
  }
}

bool AffixTable::standalone(const Entry& e) {
  return e.flags.find(kOnlyInCompound) == std::string::npos && e.flags.find(kNeedAffix) == std::string::npos;
}

bool AffixTable::condition_holds(const Rule& rule, std::string_view base) {
  if (rule.condition.empty()) return true;
  const std::u32string b = text::to_u32(base);
  if (b.size() < rule.condition.size()) return false;
  const std::size_t off = b.size() - rule.condition.size();
  for (std::size_t i = 0; i < rule.condition.size(); ++i) {
    const std::u32string& set = rule.condition[i];
    const bool negated = !set.empty() && set[0] == U'^';
    const bool in_set = (negated ? set.substr(1) : set).find(b[off + i]) != std::u32string::npos;
    if (in_set == negated) return false;
  }
  return true;
}

std::vector<std::string> AffixTable::bases(std::string_view form) const {
  std::vector<std::string> out;
  if (const Entry* e = entries_.find(form); e != nullptr && standalone(*e)) out.emplace_back(form);
  const std::size_t max_len = std::min(longest_add_, form.size());
  for (std::size_t len = 0; len <= max_len; ++len) {
    auto rules = rules_by_add_.find(form.substr(form.size() - len));
    if (rules == rules_by_add_.end()) continue;
    for (const Rule& r : rules->second) {
      if (r.compound_only) continue;
      std::string base(form.substr(0, form.size() - len));
      base += r.strip;
      if (base.empty() || base == form) continue;
      const Entry* e = entries_.find(base);
      if (e == nullptr || e->flags.find(r.flag) == std::string::npos) continue;
      if (e->flags.find(kOnlyInCompound) != std::string::npos) continue;
      if (!condition_holds(r, base)) continue;
      if (std::find(out.begin(), out.end(), base) == out.end()) out.push_back(std::move(base));
    }
  }
  return out;
}

bool AffixTable::is_entry(std::string_view word) const {
  const Entry* e = entries_.find(word);
  return e != nullptr && standalone(*e);
}

bool AffixTable::is_compound_form(std::string_view word) const {
  const Entry* e = entries_.find(word);
  return e != nullptr && (e->flags.find(kCompoundBegin) != std::string::npos ||
                          e->flags.find(kCompoundMiddle) != std::string::npos);
}

bool AffixTable::can_end_compound(std::string_view entry) const {
  const Entry* e = entries_.find(entry);
  return e != nullptr && e->flags.find(kCompoundEnd) != std::string::npos;
}

bool AffixTable::is_name(std::string_view form) const {
  const std::vector<std::string> b = bases(form);
  if (b.empty()) return false;
  return std::all_of(b.begin(), b.end(), [&](const std::string& w) {
    const Entry* e = entries_.find(w);
    return e != nullptr && e->capitalised && !e->lowercase;
  });
}

}  // namespace fynd
