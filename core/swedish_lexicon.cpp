#include "swedish_lexicon.h"

#include <hunspell/hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_set>

#include "error.h"
#include "text.h"
#include "word_cache.h"

namespace fynd {
namespace {

// Hunspell's info bit for a word accepted only as a compound (SPELL_COMPOUND in atypes.hxx).
constexpr int kSpellCompound = 1 << 0;

/// The word with its first letter in title case ("växjö" -> "Växjö"); empty if unchanged.
std::string capitalised(std::string_view word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (u.isEmpty()) return {};
  const UChar32 first = u.char32At(0);
  const UChar32 title = u_totitle(first);
  if (title == first) return {};
  icu::UnicodeString out(title);
  out.append(u, U16_LENGTH(first), u.length() - U16_LENGTH(first));
  std::string s;
  out.toUTF8String(s);
  return s;
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

using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

/// Reads the .dic word list: base entries, and the forms flagged as compound parts.
void read_dictionary(const std::string& path, WordSet& entries, WordSet& compound_forms) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Internal, "cannot read Swedish Hunspell dictionary " + path);
  std::string line;
  std::getline(in, line);  // entry count
  entries.reserve(160000);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t end = line.find_first_of(" \t");
    std::string_view entry(line.data(), end == std::string::npos ? line.size() : end);
    std::string_view flags;
    if (auto slash = entry.find('/'); slash != std::string_view::npos) {
      flags = entry.substr(slash + 1);
      entry = entry.substr(0, slash);
    }
    if (entry.empty()) continue;
    // Flags of sv_SE.aff: X may begin, U may sit inside a compound; Z only in compounds;
    // the currency sign (NEEDAFFIX) and '%' (FORBIDDENWORD) mark non-words.
    const bool only_in_compound = flags.find('Z') != std::string_view::npos;
    const bool needs_affix = flags.find("\xC2\xA4") != std::string_view::npos;
    const bool forbidden = flags.find('%') != std::string_view::npos;
    if (forbidden) continue;
    std::string word = may_have_capital(entry) ? text::fold_case(entry) : std::string(entry);
    if (flags.find('X') != std::string_view::npos || flags.find('U') != std::string_view::npos) {
      compound_forms.insert(word);
    }
    if (!only_in_compound && !needs_affix) entries.insert(std::move(word));
  }
}

}  // namespace

struct SwedishLexicon::Impl {
  WordSet entries;
  WordSet compound_forms;
  std::mutex hunspell_mutex;  // Hunspell objects are not thread-safe
  std::unique_ptr<Hunspell> hunspell;
  WordCache<bool> known;
  WordCache<bool> simple;
  WordCache<bool> names;
  WordCache<std::vector<std::string>> lemmas;
};

std::string SwedishLexicon::default_dictionary_dir() {
  if (const char* dir = std::getenv("FYND_HUNSPELL_DIR"); dir != nullptr && *dir != '\0') return dir;
  return "/usr/share/hunspell";
}

SwedishLexicon::SwedishLexicon(const std::string& dictionary_dir) : impl_(std::make_unique<Impl>()) {
  namespace fs = std::filesystem;
  const fs::path aff = fs::path(dictionary_dir) / "sv_SE.aff";
  const fs::path dic = fs::path(dictionary_dir) / "sv_SE.dic";
  for (const fs::path& p : {aff, dic}) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      throw Error(ErrorCode::Internal, "Swedish Hunspell dictionary not found: " + p.string() +
                                           " (install the hunspell-sv package: scripts/setup.sh, or set "
                                           "FYND_HUNSPELL_DIR)");
    }
  }
  impl_->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  read_dictionary(dic.string(), impl_->entries, impl_->compound_forms);
}

bool SwedishLexicon::is_entry(std::string_view word) const { return impl_->entries.find(word) != impl_->entries.end(); }

bool SwedishLexicon::is_compound_form(std::string_view word) const {
  return impl_->compound_forms.find(word) != impl_->compound_forms.end();
}

SwedishLexicon::~SwedishLexicon() = default;

bool SwedishLexicon::known(std::string_view word) const {
  if (word.empty()) return false;
  if (auto hit = impl_->known.get(word)) return *hit;
  bool ok;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    ok = impl_->hunspell->spell(std::string(word));
    if (!ok) {
      const std::string cap = capitalised(word);
      ok = !cap.empty() && impl_->hunspell->spell(cap);
    }
  }
  impl_->known.put(word, ok);
  return ok;
}

bool SwedishLexicon::known_simple(std::string_view word) const {
  if (word.empty()) return false;
  if (auto hit = impl_->simple.get(word)) return *hit;
  bool ok = false;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    int info = 0;
    if (impl_->hunspell->spell(std::string(word), &info)) {
      ok = (info & kSpellCompound) == 0;
    } else if (const std::string cap = capitalised(word); !cap.empty()) {
      info = 0;
      if (impl_->hunspell->spell(cap, &info)) ok = (info & kSpellCompound) == 0;
    }
  }
  impl_->simple.put(word, ok);
  return ok;
}

bool SwedishLexicon::is_name(std::string_view word) const {
  if (word.empty()) return false;
  if (auto hit = impl_->names.get(word)) return *hit;
  bool name = false;
  if (const std::string cap = capitalised(word); !cap.empty()) {
    std::lock_guard lock(impl_->hunspell_mutex);
    name = !impl_->hunspell->spell(std::string(word)) && impl_->hunspell->spell(cap);
  }
  impl_->names.put(word, name);
  return name;
}

std::vector<std::string> SwedishLexicon::lemmas(std::string_view word) const {
  if (word.empty()) return {};
  if (auto hit = impl_->lemmas.get(word)) return *hit;
  std::vector<std::string> out;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    out = impl_->hunspell->stem(std::string(word));
    if (out.empty()) {
      if (const std::string cap = capitalised(word); !cap.empty()) out = impl_->hunspell->stem(cap);
    }
  }
  // Proper-noun entries come back capitalised ("Växjö"); terms are lowercase.
  for (auto& l : out) l = text::fold_case(l);
  std::vector<std::string> unique;
  for (auto& l : out) {
    if (std::find(unique.begin(), unique.end(), l) == unique.end()) unique.push_back(std::move(l));
  }
  impl_->lemmas.put(word, unique);
  return unique;
}

std::vector<std::string> SwedishLexicon::suggest(std::string_view word) const {
  if (word.empty()) return {};
  std::lock_guard lock(impl_->hunspell_mutex);
  return impl_->hunspell->suggest(std::string(word));
}

const SwedishLexicon& SwedishLexicon::shared() {
  static const SwedishLexicon instance;
  return instance;
}

}  // namespace fynd
