#include "suggester.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "text.h"

namespace fynd {
namespace {

/// A key that changes whenever the database is re-indexed.
std::string database_key(const Xapian::Database& db) {
  std::string key = std::to_string(db.get_doccount()) + ":" + std::to_string(db.get_lastdocid());
  try {
    key += ":" + std::to_string(db.get_revision()) + ":" + db.get_uuid();
  } catch (const Xapian::Error&) {
    // Several shards have no single revision; count and last id will do.
  }
  return key;
}

bool is_word_start(const std::string& folded, std::size_t pos) {
  return pos == 0 || folded[pos - 1] == ' ' || folded[pos - 1] == '-' || folded[pos - 1] == '(' ||
         folded[pos - 1] == '"';
}

}  // namespace

std::string_view suggestion_kind_name(SuggestionKind k) { return k == SuggestionKind::Title ? "title" : "word"; }

void Suggester::refresh_titles() const {
  const Xapian::Database& db = searcher_.database();
  std::string key = database_key(db);
  if (key == titles_key_) return;
  titles_.clear();
  for (auto it = db.postlist_begin(""); it != db.postlist_end("") && titles_.size() < kMaxTitles; ++it) {
    auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (!data.is_object() || !data.contains("title") || !data["title"].is_string()) continue;
    Title t;
    t.text = text::squash_space(data["title"].get<std::string>());
    if (t.text.empty()) continue;
    t.folded = text::fold_case(t.text);
    if (data.contains("id") && data["id"].is_string()) t.id = data["id"].get<std::string>();
    titles_.push_back(std::move(t));
  }
  std::sort(titles_.begin(), titles_.end(), [](const Title& a, const Title& b) {
    return a.text.size() != b.text.size() ? a.text.size() < b.text.size() : a.text < b.text;
  });
  titles_key_ = key;
}

std::vector<Suggestion> Suggester::titles(const std::string& folded, std::size_t limit) const {
  std::vector<Suggestion> starts, inside;
  for (const auto& t : titles_) {
    if (starts.size() >= limit) break;
    std::size_t pos = t.folded.find(folded);
    while (pos != std::string::npos && !is_word_start(t.folded, pos)) pos = t.folded.find(folded, pos + 1);
    if (pos == std::string::npos) continue;
    auto& list = pos == 0 ? starts : inside;
    if (list.size() < limit) list.push_back({t.text, SuggestionKind::Title, t.id, 0});
  }
  for (auto& s : inside) {
    if (starts.size() >= limit) break;
    starts.push_back(std::move(s));
  }
  return starts;
}

std::vector<Suggestion> Suggester::words(std::string_view typed, std::size_t limit) const {
  // The last word is the one being typed; what comes before it is kept as written.
  std::size_t cut = typed.size();
  while (cut > 0 && typed[cut - 1] != ' ') --cut;
  std::string head(typed.substr(0, cut));
  std::string prefix = text::fold_case(typed.substr(cut));
  if (prefix.empty() || prefix.size() > Analyzer::kMaxWordBytes) return {};
  // Terms of free text are lowercase; prefixed terms start with a capital letter.
  if (static_cast<unsigned char>(prefix[0]) < 0x80 && !std::islower(static_cast<unsigned char>(prefix[0])) &&
      !std::isdigit(static_cast<unsigned char>(prefix[0]))) {
    return {};
  }
  const Xapian::Database& db = searcher_.database();
  std::vector<std::pair<std::uint64_t, std::string>> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxScannedTerms;
       ++it, ++scanned) {
    std::string term = *it;
    if (term.size() == prefix.size() && prefix.size() < 3) continue;
    if (searcher_.analyzer().is_stop_word(term)) continue;
    found.emplace_back(it.get_termfreq(), std::move(term));
  }
  std::size_t n = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<Suggestion> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back({head + found[i].second, SuggestionKind::Word, {}, found[i].first});
  }
  return out;
}

std::vector<Suggestion> Suggester::suggest(std::string_view typed, std::size_t limit) const {
  std::string squashed = text::squash_space(typed);
  if (squashed.empty() || limit == 0) return {};
  refresh_titles();
  std::vector<Suggestion> out = titles(text::fold_case(squashed), (limit + 1) / 2);
  std::size_t left = limit - out.size();
  // Keep a trailing space meaningful: "ungdom " completes nothing more of "ungdom".
  if (!typed.empty() && typed.back() == ' ') return out;
  for (auto& w : words(squashed, left)) out.push_back(std::move(w));
  return out;
}

}  // namespace fynd
