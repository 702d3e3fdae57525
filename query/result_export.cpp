#include "result_export.h"

#include <algorithm>
#include <array>

#include "relaxed_query.h"
#include "searcher.h"
#include "spelling.h"
#include "text.h"

namespace fynd {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kListSeparator = "; ";
constexpr std::size_t kMaxChunk = 10000;  // Searcher::search answers at most this many hits a call

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += kListSeparator;
    out += v;
  }
  return out;
}

bool is_web_address(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

/// A web address for the project: a "url" field, else a source that is one (the project
/// bank's "_source"), else the source file when it is an address.
std::string url_of(const Project& p) {
  for (std::string_view key : {"url", "_source"}) {
    for (const auto& [name, value] : p.fields) {
      if (name == key && is_web_address(value)) return value;
    }
  }
  return is_web_address(p.source.file) ? p.source.file : std::string();
}

const std::array kColumns = {
    ExportColumn{"rank", "position in the rank or sort order, from 1",
                 [](const Hit& h) { return std::to_string(h.rank); }},
    ExportColumn{"id", "the project id", [](const Hit& h) { return h.project.id; }},
    ExportColumn{"title", "the title", [](const Hit& h) { return h.project.title; }},
    ExportColumn{"funders", "canonical funder names", [](const Hit& h) { return join(h.project.funders); }},
    ExportColumn{"regions", "regions at every level (kommun, län, riksområde)",
                 [](const Hit& h) { return join(h.project.regions); }},
    ExportColumn{"years", "every year the project runs",
                 [](const Hit& h) {
                   std::vector<std::string> years;
                   for (int y : h.project.years) years.push_back(std::to_string(y));
                   return join(years);
                 }},
    ExportColumn{"start", "start date as written in the source (ISO where known)",
                 [](const Hit& h) { return h.project.period.start; }},
    ExportColumn{"end", "end date as written in the source (ISO where known)",
                 [](const Hit& h) { return h.project.period.end; }},
    ExportColumn{"themes", "theme names", [](const Hit& h) { return join(h.project.themes); }},
    ExportColumn{"budget_sek", "total budget in kronor, empty when unknown",
                 [](const Hit& h) { return h.project.budget_sek ? std::to_string(*h.project.budget_sek) : std::string(); }},
    ExportColumn{"owner", "project owner (stödmottagare)", [](const Hit& h) { return h.project.owner; }},
    ExportColumn{"source", "the indexed file", [](const Hit& h) { return h.project.source.file; }},
    ExportColumn{"url", "web address of the project or its source, if any", [](const Hit& h) { return url_of(h.project); }},
};

}  // namespace

std::span<const ExportColumn> export_columns() { return kColumns; }

std::string csv_field(std::string_view value) {
  std::string text;
  // A cell starting like a formula would be run by Excel or LibreOffice when opened.
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) text = "'";
  text += value;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

ResultExport::ResultExport(const Searcher& searcher, SearchRequest request, ExportOptions options)
    : searcher_(searcher), request_(std::move(request)), options_(options) {
  options_.rows_per_chunk = std::clamp<std::size_t>(options_.rows_per_chunk, 1, kMaxChunk);
  request_.facets.clear();
  request_.snippets = false;
  const bool spelling = request_.spelling;
  request_.spelling = false;  // the retry below is done once, for every chunk alike
  first_ = fetch();
  // As Searcher::search does on its first page: when the query finds almost nothing, the
  // spelling-corrected query, and several plain words as any of them, are searched instead.
  if (spelling && request_.offset == 0 && total_ < SpellingCorrector::kFewHits && !text::trim(request_.query).empty()) {
    const std::string typed = request_.query;
    std::string retry = SpellingCorrector(searcher_.database(), searcher_.analyzer()).correct_query(typed).value_or(typed);
    if (auto relaxed = or_relaxed(retry)) retry = *relaxed;
    if (retry != typed) {
      const std::uint64_t before = total_;
      request_.query = retry;
      std::vector<Hit> better = fetch();
      if (total_ > before) {
        first_ = std::move(better);
      } else {
        request_.query = typed;
        total_ = before;
      }
    }
  }
  const std::uint64_t available = total_ > request_.offset ? total_ - request_.offset : 0;
  wanted_ = static_cast<std::size_t>(options_.limit ? std::min<std::uint64_t>(*options_.limit, available) : available);
  if (first_.size() > wanted_) first_.resize(wanted_);
}

std::vector<Hit> ResultExport::fetch() {
  SearchRequest page = request_;
  page.offset = request_.offset + static_cast<std::size_t>(rows_);
  std::size_t limit = options_.rows_per_chunk;
  if (header_done_) limit = std::min<std::size_t>(limit, wanted_ - static_cast<std::size_t>(rows_));
  if (options_.limit) limit = std::min(limit, *options_.limit);
  page.limit = limit;
  SearchResult result = searcher_.search(page);
  total_ = result.total;
  return std::move(result.hits);
}

bool ResultExport::next(std::string& out) {
  std::vector<Hit> hits;
  if (!header_done_) {
    header_done_ = true;
    if (options_.byte_order_mark) out += kByteOrderMark;
    std::vector<std::string> names;
    for (const ExportColumn& c : kColumns) names.emplace_back(c.name);
    out += csv_record(names);
    hits = std::move(first_);
    first_.clear();
  } else {
    if (rows_ >= wanted_) return false;
    hits = fetch();
    if (hits.empty()) return false;  // the index shrank while exporting
  }
  std::vector<std::string> cells(kColumns.size());
  for (const Hit& hit : hits) {
    if (rows_ >= wanted_) break;
    for (std::size_t i = 0; i < kColumns.size(); ++i) cells[i] = kColumns[i].cell(hit);
    out += csv_record(cells);
    ++rows_;
  }
  return true;
}

}  // namespace fynd
