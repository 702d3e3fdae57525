#include "swedish_lexicon.h"

#include <hunspell/hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "affix_table.h"
#include "error.h"
#include "word_cache.h"

namespace fynd {
namespace {

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

}  // namespace

struct SwedishLexicon::Impl {
  Impl(std::string aff_path, std::string dic_path)
      : aff(std::move(aff_path)), dic(std::move(dic_path)), affixes(aff, dic) {}

  /// Hunspell itself, loaded on first use (only known() of compounds and suggest() need it).
  Hunspell& hunspell() {
    std::call_once(loaded, [this] { speller = std::make_unique<Hunspell>(aff.c_str(), dic.c_str()); });
    return *speller;
  }

  std::string aff;
  std::string dic;
  AffixTable affixes;
  std::once_flag loaded;
  std::mutex hunspell_mutex;  // Hunspell objects are not thread-safe
  std::unique_ptr<Hunspell> speller;
  WordCache<bool> known;
  WordCache<std::vector<std::string>> lemmas;
};

std::string SwedishLexicon::default_dictionary_dir() {
  if (const char* dir = std::getenv("FYND_HUNSPELL_DIR"); dir != nullptr && *dir != '\0') return dir;
  return "/usr/share/hunspell";
}

SwedishLexicon::SwedishLexicon(const std::string& dictionary_dir) {
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
  impl_ = std::make_unique<Impl>(aff.string(), dic.string());
}

SwedishLexicon::~SwedishLexicon() = default;

bool SwedishLexicon::known(std::string_view word) const {
  if (word.empty()) return false;
  if (known_simple(word)) return true;
  if (auto hit = impl_->known.get(word)) return *hit;
  bool ok;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    Hunspell& h = impl_->hunspell();
    ok = h.spell(std::string(word));
    if (!ok) {
      const std::string cap = capitalised(word);
      ok = !cap.empty() && h.spell(cap);
    }
  }
  impl_->known.put(word, ok);
  return ok;
}

bool SwedishLexicon::known_simple(std::string_view word) const { return !lemmas(word).empty(); }

bool SwedishLexicon::is_name(std::string_view word) const { return impl_->affixes.is_name(word); }

bool SwedishLexicon::can_end_compound(std::string_view word) const {
  for (const std::string& base : lemmas(word)) {
    if (impl_->affixes.can_end_compound(base)) return true;
  }
  return false;
}

bool SwedishLexicon::is_entry(std::string_view word) const { return impl_->affixes.is_entry(word); }

bool SwedishLexicon::is_compound_form(std::string_view word) const { return impl_->affixes.is_compound_form(word); }

std::vector<std::string> SwedishLexicon::lemmas(std::string_view word) const {
  if (word.empty()) return {};
  if (auto hit = impl_->lemmas.get(word)) return *hit;
  std::vector<std::string> out = impl_->affixes.bases(word);
  impl_->lemmas.put(word, out);
  return out;
}

std::vector<std::string> SwedishLexicon::suggest(std::string_view word) const {
  if (word.empty()) return {};
  std::lock_guard lock(impl_->hunspell_mutex);
  return impl_->hunspell().suggest(std::string(word));
}

const SwedishLexicon& SwedishLexicon::shared() {
  static const SwedishLexicon instance;
  return instance;
}

}  // namespace fynd
