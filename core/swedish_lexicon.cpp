#include "swedish_lexicon.h"

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "error.h"

namespace fynd {
namespace {

// Hunspell's info bit for a word accepted only as a compound (SPELL_COMPOUND in atypes.hxx).
constexpr int kSpellCompound = 1 << 0;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// A bounded, thread-safe memo table: word -> answer.
template <typename V>
class Cache {
 public:
  std::optional<V> get(std::string_view key) const {
    std::shared_lock lock(mutex_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void put(std::string_view key, V value) {
    std::unique_lock lock(mutex_);
    // A crude bound: indexing huge corpora must not grow memory without limit.
    if (map_.size() >= kMaxEntries) map_.clear();
    map_.emplace(std::string(key), std::move(value));
  }

 private:
  static constexpr std::size_t kMaxEntries = 1u << 20;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, V, StringHash, std::equal_to<>> map_;
};


}  // namespace

struct SwedishLexicon::Impl {
  std::mutex hunspell_mutex;  // Hunspell objects are not thread-safe
  std::unique_ptr<Hunspell> hunspell;
  Cache<bool> known;
  Cache<bool> simple;
  Cache<std::vector<std::string>> lemmas;
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
}

SwedishLexicon::~SwedishLexicon() = default;

bool SwedishLexicon::known(std::string_view word) const {
  if (word.empty()) return false;
  if (auto hit = impl_->known.get(word)) return *hit;
  bool ok;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    ok = impl_->hunspell->spell(std::string(word));
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
    if (impl_->hunspell->spell(std::string(word), &info)) ok = (info & kSpellCompound) == 0;
  }
  impl_->simple.put(word, ok);
  return ok;
}

std::vector<std::string> SwedishLexicon::lemmas(std::string_view word) const {
  if (word.empty()) return {};
  if (auto hit = impl_->lemmas.get(word)) return *hit;
  std::vector<std::string> out;
  {
    std::lock_guard lock(impl_->hunspell_mutex);
    out = impl_->hunspell->stem(std::string(word));
  }
  // Proper-noun entries come back capitalised ("Växjö"); terms are lowercase. ASCII
  // capitals suffice here: callers fold the result again before use.
  for (auto& l : out) {
    for (char& c : l) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
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
