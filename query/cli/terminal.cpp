#include "terminal.h"

#include <iomanip>
#include <sstream>

#include "text.h"

namespace fynd::cli {
namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string format_sek(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out + " kr";
}

}  // namespace

std::string render_snippet(std::string_view html, MarkStyle style) {
  const std::string_view open = style == MarkStyle::Ansi ? "\033[1m" : "[";
  const std::string_view close = style == MarkStyle::Ansi ? "\033[0m" : "]";
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"<mark>", ""}, {"</mark>", ""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kEntities) {
      if (html.substr(i, from.size()) == from) {
        if (from == "<mark>") {
          out += open;
        } else if (from == "</mark>") {
          out += close;
        } else {
          out += to;
        }
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i++];
  }
  return out;
}

std::string format_years(const std::vector<int>& years) {
  if (years.empty()) return "";
  bool contiguous = true;
  for (std::size_t i = 1; i < years.size(); ++i) contiguous = contiguous && years[i] == years[i - 1] + 1;
  if (contiguous && years.size() > 1) return std::to_string(years.front()) + "–" + std::to_string(years.back());
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

void print_result(std::ostream& out, const SearchResult& result, MarkStyle style) {
  const std::string bold = style == MarkStyle::Ansi ? "\033[1m" : "";
  const std::string plain = style == MarkStyle::Ansi ? "\033[0m" : "";
  out << result.total << (result.total == 1 ? " hit" : " hits");
  if (!result.query.empty()) out << " for \"" << result.query << "\"";
  out << " (" << std::fixed << std::setprecision(1) << result.took_ms << " ms)\n";
  if (result.suggestion) out << "Menade du: " << *result.suggestion << "\n";
  for (const Hit& h : result.hits) {
    const Project& p = h.project;
    out << "\n" << std::setw(3) << h.rank << ". " << bold << (p.title.empty() ? "(utan titel)" : p.title) << plain;
    if (h.score > 0) out << "  [" << std::setprecision(0) << h.score << "%]";
    out << "\n     id " << h.id;
    if (!p.source.file.empty()) out << " · " << p.source.file;
    out << "\n";
    if (!p.funders.empty()) out << "     funders: " << join(p.funders) << "\n";
    if (!p.regions.empty()) out << "     regions: " << join(p.regions) << "\n";
    if (!p.years.empty()) out << "     years:   " << format_years(p.years) << "\n";
    if (!p.themes.empty()) out << "     themes:  " << join(p.themes) << "\n";
    if (p.budget_sek) out << "     budget:  " << format_sek(*p.budget_sek) << "\n";
    if (!h.snippet.empty()) out << "     " << render_snippet(h.snippet, style) << "\n";
  }
  for (const auto& [facet, values] : result.facets) {
    if (values.empty()) continue;
    out << "\n" << Schema::facet_name(facet) << ":";
    std::size_t shown = 0;
    for (const FacetValue& v : values) {
      if (shown++ == 10) {
        out << " …";
        break;
      }
      out << (shown == 1 ? " " : ", ") << (v.selected ? "*" : "") << v.value << " (" << v.count << ")";
    }
    out << "\n";
  }
}

void print_terms(std::ostream& out, const TermsResult& result) {
  out << result.total << " projekt valda" << (result.query.empty() ? "" : " av \"" + result.query + "\"") << "\n\n";
  out << std::left << std::setw(24) << "ord" << std::right << std::setw(10) << "vikt" << std::setw(12) << "i urvalet"
      << std::setw(12) << "i indexet" << "\n";
  for (const DistinctiveTerm& t : result.terms) {
    const std::size_t pad = t.word.size() < 24 ? 24 - text::length(t.word) : 1;
    out << t.word << std::string(pad, ' ') << std::right << std::fixed << std::setprecision(2) << std::setw(10) << t.weight
        << std::setw(12) << t.selection_docs << std::setw(12) << t.index_docs << "\n";
  }
}

void print_similar(std::ostream& out, const SimilarResult& result, MarkStyle style) {
  const std::string bold = style == MarkStyle::Ansi ? "\033[1m" : "";
  const std::string plain = style == MarkStyle::Ansi ? "\033[0m" : "";
  out << "Liknande projekt" << (result.id.empty() ? "" : " som " + result.id) << ": " << result.total << "\n";
  out << "sökord: " << join(result.terms) << "\n";
  for (const SimilarHit& s : result.hits) {
    const Project& p = s.hit.project;
    out << "\n" << std::setw(3) << s.hit.rank << ". " << bold << p.title << plain << "  [" << std::fixed
        << std::setprecision(0) << s.hit.score << "%]\n     id " << s.hit.id;
    if (!p.source.file.empty()) out << " · " << p.source.file;
    out << "\n";
    if (!s.shared_terms.empty()) out << "     gemensamma ord: " << join(s.shared_terms) << "\n";
    for (const auto& [facet, values] : s.shared_facets) {
      out << "     samma " << facet_label_sv(facet) << ": " << join(values) << "\n";
    }
    if (!s.hit.snippet.empty()) out << "     " << render_snippet(s.hit.snippet, style) << "\n";
  }
}

}  // namespace fynd::cli
