#include "word_forms.h"

#include <algorithm>

#include "schema.h"

namespace fynd {

std::vector<std::string> WordForms::indexed(const Token& token, std::string_view prefix, bool modifiers) const {
  std::vector<std::string> out{std::string(prefix) + token.surface};
  if (db_ == nullptr || token.stop || token.stem.empty() || token.kind != TokenKind::Word) return out;
  // The forms share the beginning of the word and its stem ("kommunal" for kommunalt,
  // kommunala); a stem that is no prefix of the word (umlaut plurals) gives fewer forms.
  std::size_t n = 0;
  while (n < token.surface.size() && n < token.stem.size() && token.surface[n] == token.stem[n]) ++n;
  while (n > 0 && n < token.surface.size() && (static_cast<unsigned char>(token.surface[n]) & 0xC0) == 0x80) --n;
  if (n < 3) return out;
  const std::string start = std::string(prefix) + token.surface.substr(0, n);
  struct Form {
    std::string term;
    bool inflection;
    Xapian::doccount docs;
  };
  std::vector<Form> forms;
  std::size_t scanned = 0;
  for (auto it = db_->allterms_begin(start); it != db_->allterms_end(start) && scanned < kFormScan; ++it, ++scanned) {
    std::string term = *it;
    const std::string_view form = std::string_view(term).substr(prefix.size());
    if (form == token.surface) continue;
    const FormRelation relation = analyzer_.form_relation(token, form);
    if (relation == FormRelation::None || (relation == FormRelation::Modifier && !modifiers)) continue;
    forms.push_back({std::move(term), relation == FormRelation::Inflection, it.get_termfreq()});
  }
  std::sort(forms.begin(), forms.end(), [](const Form& a, const Form& b) {
    if (a.inflection != b.inflection) return a.inflection;
    if (a.docs != b.docs) return a.docs > b.docs;
    return a.term < b.term;
  });
  for (Form& f : forms) {
    if (out.size() >= kMaxForms) break;
    out.push_back(std::move(f.term));
  }
  return out;
}

std::vector<Token> WordForms::rare_compound_parts(const Token& token) const {
  if (db_ == nullptr || token.stop || token.stem.empty() || token.kind != TokenKind::Word) return {};
  if (db_->get_termfreq(std::string(Schema::kStem) + token.stem) >= kRareCompoundDocs) return {};
  std::vector<Token> out;
  for (const std::string& word : analyzer_.compound_parts(token.surface)) {
    std::vector<Token> t = analyzer_.tokenize(word);
    if (t.size() != 1 || t.front().stop || t.front().stem.empty()) return {};
    out.push_back(std::move(t.front()));
  }
  if (out.size() < 2) return {};
  return out;
}

}  // namespace fynd
