#include "similar.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "query_builder.h"
#include "schema.h"
#include "snippeter.h"
#include "text.h"

namespace fynd {
namespace {

/// Accepts stem terms only ("Z" + lower case: not the ZP/ZF expansions), of 3+ bytes,
/// that occur in at least one other project: a word only the source project has (a name,
/// an OCR leftover) gets a high expand weight but cannot find anything similar.
class StemDecider : public Xapian::ExpandDecider {
 public:
  StemDecider(const Xapian::Database& db, std::unordered_set<std::string> excluded)
      : db_(db), excluded_(std::move(excluded)) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term.compare(0, Schema::kStem.size(), Schema::kStem) != 0) return false;
    if (excluded_.count(term) > 0) return false;
    const unsigned char c = static_cast<unsigned char>(term[Schema::kStem.size()]);
    if (c >= 'A' && c <= 'Z') return false;
    if (c >= '0' && c <= '9') return false;
    return db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
  std::unordered_set<std::string> excluded_;
};

/// The stem terms of a project's funders and regions. They are indexed as words
/// too, but similarity is about what a project does: facet values in common are reported
/// separately (shared_facets) and must not make every project of the same funder or
/// place look alike.
std::unordered_set<std::string> metadata_stems(const Analyzer& analyzer, const Project& p) {
  std::unordered_set<std::string> out;
  auto add = [&](const std::string& value) {
    for (const Token& t : analyzer.tokenize(value)) {
      if (!t.stem.empty()) out.insert(std::string(Schema::kStem) + t.stem);
    }
  };
  for (const auto& v : p.funders) add(v);
  for (const auto& v : p.regions) add(v);
  return out;
}

/// How much of a project's or a pasted text similar() analyses (bytes): the words that
/// set a text apart show in its first pages, and a huge text costs no more than that.
constexpr std::size_t kMaxAnalyzedBytes = 64 * 1024;

/// stem term -> its most frequent surface word in `text`.
std::unordered_map<std::string, std::string> surface_words(const Analyzer& analyzer, std::string_view text) {
  std::unordered_map<std::string, std::unordered_map<std::string, int>> seen;
  for (const Token& t : analyzer.tokenize(text)) {
    if (!t.stop && !t.stem.empty()) ++seen[std::string(Schema::kStem) + t.stem][t.surface];
  }
  std::unordered_map<std::string, std::string> out;
  for (const auto& [stem, surfaces] : seen) {
    auto best = std::max_element(surfaces.begin(), surfaces.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first > b.first;
    });
    out[stem] = best->first;
  }
  return out;
}

std::vector<std::string> common(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& v : a) {
    const std::string k = text::fold_case(v);
    if (std::any_of(b.begin(), b.end(), [&](const std::string& w) { return text::fold_case(w) == k; })) out.push_back(v);
  }
  return out;
}

bool doc_has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

}  // namespace

SimilarProjects::SimilarProjects(const Searcher& searcher) : searcher_(searcher) {}

SimilarResult SimilarProjects::find(const SimilarRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  const Xapian::Database& db = searcher_.database();
  const Analyzer& analyzer = searcher_.analyzer();
  const QueryBuilder builder(analyzer, &db);
  SimilarResult out;
  out.id = request.id;
  SearchRequest filters = request.filters;
  out.filter_suggestions = builder.resolver().resolve_filters(filters);

  std::vector<std::pair<std::string, Xapian::termcount>> terms;  // stem term, wqf
  std::unordered_map<std::string, std::string> words;            // stem term -> surface
  std::optional<Project> source;
  Xapian::Query exclude;
  if (!request.id.empty()) {
    const std::string id_term = Schema::id_term(request.id);
    Xapian::PostingIterator p = db.postlist_begin(id_term);
    if (p == db.postlist_end(id_term)) throw NotFoundError("no project with id '" + request.id + "'");
    source = searcher_.get(request.id);
    Xapian::RSet rset;
    rset.add_document(*p);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(id_term));
    enquire.set_expansion_scheme("bo1");
    const StemDecider decider(db, source ? metadata_stems(analyzer, *source) : std::unordered_set<std::string>{});
    // Exact term frequencies: over shards Xapian otherwise estimates them per shard.
    const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(request.max_terms), rset,
                                               Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it, 1);
    if (source) words = surface_words(analyzer, source->title + "\n" + std::string(text::prefix_bytes(source->text, kMaxAnalyzedBytes)));
    exclude = Xapian::Query(id_term);
  } else if (!text::trim(request.text).empty()) {
    // tf·idf of the text's stems against the index.
    std::unordered_map<std::string, Xapian::termcount> tf;
    const std::string_view pasted = text::prefix_bytes(request.text, kMaxAnalyzedBytes);
    for (const Token& t : analyzer.tokenize(pasted)) {
      if (t.stop || t.stem.empty() || t.kind != TokenKind::Word || t.surface.size() < 3) continue;
      ++tf[std::string(Schema::kStem) + t.stem];
    }
    const double n = static_cast<double>(std::max<Xapian::doccount>(db.get_doccount(), 1));
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& [term, count] : tf) {
      const Xapian::doccount df = db.get_termfreq(term);
      if (df == 0) continue;
      scored.emplace_back(static_cast<double>(count) * std::log(n / static_cast<double>(df) + 1.0), term);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t i = 0; i < scored.size() && i < request.max_terms; ++i) terms.emplace_back(scored[i].second, tf[scored[i].second]);
    words = surface_words(analyzer, pasted);
  } else {
    throw QueryError("similar: give a project id or a text");
  }
  if (terms.empty()) {
    if (!request.text.empty()) throw QueryError("similar: the text has no words that occur in the index");
    return out;
  }
  auto word_of = [&](const std::string& term) {
    auto it = words.find(term);
    return it != words.end() ? it->second : term.substr(Schema::kStem.size());
  };
  std::vector<Xapian::Query> parts;
  for (const auto& [term, wqf] : terms) {
    parts.emplace_back(term, wqf);
    out.terms.push_back(word_of(term));
  }
  Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (!exclude.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclude);
  query = QueryBuilder::apply_filter(query, builder.filter(filters));

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(request.limit), db.get_doccount());
  out.total = mset.get_matches_estimated();
  ParsedQuery highlight;
  for (const auto& [term, wqf] : terms) highlight.highlight_terms.insert(term);
  const Snippeter snippeter(analyzer, highlight);
  std::uint32_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    SimilarHit h;
    h.hit.project = nlohmann::json::parse(doc.get_data()).get<Project>();
    h.hit.id = h.hit.project.id;
    h.hit.rank = ++rank;
    h.hit.weight = it.get_weight();
    h.hit.score = it.get_percent();
    h.hit.snippet = snippeter.snippet(h.hit.project.text.empty() ? h.hit.project.title : h.hit.project.text);
    for (const auto& [term, wqf] : terms) {
      if (doc_has_term(doc, term)) h.shared_terms.push_back(word_of(term));
    }
    if (source) {
      const Project& p = h.hit.project;
      std::vector<std::string> sy, py;
      for (int y : source->years) sy.push_back(std::to_string(y));
      for (int y : p.years) py.push_back(std::to_string(y));
      const std::pair<Facet, std::vector<std::string>> shared[] = {{Facet::Funder, common(source->funders, p.funders)},
                                                                   {Facet::Region, common(source->regions, p.regions)},
                                                                   {Facet::Year, common(sy, py)},
                                                                   {Facet::Theme, common(source->themes, p.themes)}};
      for (const auto& [facet, values] : shared) {
        if (!values.empty()) h.shared_facets[facet] = values;
      }
    }
    out.hits.push_back(std::move(h));
  }
  out.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return out;
}

void to_json(nlohmann::json& j, const SimilarHit& h) {
  j = h.hit;
  j["shared_terms"] = h.shared_terms;
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [facet, values] : h.shared_facets) facets[std::string(Schema::facet_name(facet))] = values;
  j["shared_facets"] = facets;
}

void to_json(nlohmann::json& j, const SimilarResult& r) {
  j = nlohmann::json{{"id", r.id}, {"terms", r.terms}, {"total", r.total}, {"took_ms", r.took_ms}, {"hits", r.hits},
                     {"filter_suggestions", r.filter_suggestions}};
}

}  // namespace fynd
