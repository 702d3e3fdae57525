#include "handlers.h"

#include <chrono>
#include <limits>
#include <memory>

#include "analytics.h"
#include "api_error.h"
#include "error.h"
#include "region_hierarchy.h"
#include "result_export.h"
#include "search_json.h"
#include "similar.h"
#include "static_files.h"
#include "text.h"

namespace fynd::http {
namespace {

/// Runs a library call; a QueryError it throws is blamed on `parameter`.
template <typename Fn>
auto blaming(const std::string& parameter, Fn&& fn) {
  try {
    return fn();
  } catch (const ParameterError&) {
    throw;
  } catch (const QueryError& e) {
    throw ParameterError(parameter, e.what());
  }
}

}  // namespace

void get_search(Exchange& ex) {
  if (ex.params().count("format") > 0) return get_search_formatted(ex);
  SearchRequest request = ex.service.parser.search(ex.params());
  auto start = std::chrono::steady_clock::now();
  SearchResult result = blaming("q", [&] { return ex.service.pool.searcher().search(request); });
  if (result.took_ms <= 0) {
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  ex.json_text(200, search_result_json(result));
}

void get_search_formatted(Exchange& ex) {
  Params params = ex.params();
  const std::string format = ex.service.parser.text(params, "format", 10);
  params.erase("format");
  if (format != "json" && format != "csv") throw ParameterError("format", "expected json or csv, got '" + format + "'");
  SearchRequest request = ex.service.parser.search(params);
  if (format == "json") {
    SearchResult result = blaming("q", [&] { return ex.service.pool.searcher().search(request); });
    ex.json_text(200, search_result_json(result));
    return;
  }
  request.offset = 0;  // every match: page and size do not apply
  const Searcher& searcher = ex.service.pool.searcher();
  // The first chunk is searched here, so that a bad query is still a JSON error; the rest
  // is written by cpp-httplib on this thread after the handler returns.
  auto exporter = blaming("q", [&] { return std::make_shared<ResultExport>(searcher, request); });
  ex.response.status = 200;
  ex.response.set_header("Content-Disposition", "attachment; filename=\"fynd-projekt.csv\"");
  ex.response.set_header("X-Total-Count", std::to_string(exporter->total()));
  ex.response.set_chunked_content_provider("text/csv; charset=utf-8", [exporter](std::size_t, httplib::DataSink& sink) {
    try {
      std::string chunk;
      if (!exporter->next(chunk) || chunk.empty()) {  // an empty write would end the stream unterminated
        sink.done();
        return true;
      }
      return sink.write(chunk.data(), chunk.size());
    } catch (...) {
      return false;  // headers are sent: the connection is closed without the last chunk
    }
  });
}

void get_regions(Exchange& ex) {
  const RequestParser& parser = ex.service.parser;
  RequestParser::reject_unknown(ex.params(), {"q", "funder", "region", "year", "theme", "budget_min", "budget_max"});
  SearchRequest request;
  request.query = parser.text(ex.params(), "q", parser.limits().max_query_chars);
  parser.filters(ex.params(), request);
  request.limit = 0;
  request.snippets = false;
  request.facets = {Facet::Region};
  request.max_facet_values = std::numeric_limits<std::size_t>::max();
  SearchResult result = blaming("q", [&] { return ex.service.pool.searcher().search(request); });
  const std::vector<RegionNode> tree = RegionHierarchy::shared().tree(result.facets[Facet::Region]);
  ex.json(200, {{"query", request.query},
                {"total", result.total},
                {"regions", tree},
                {"filter_suggestions", result.filter_suggestions}});
}

void get_project(Exchange& ex) {
  RequestParser::reject_unknown(ex.params(), {});
  const std::string& id = ex.path.at("id");
  auto project = ex.service.pool.searcher().get(id);
  if (!project) throw NotFoundError("no project with id '" + id + "'");
  ex.json(200, *project);
}

void get_project_similar(Exchange& ex) {
  const RequestParser& parser = ex.service.parser;
  RequestParser::reject_unknown(ex.params(), {"size", "funder", "region", "year", "theme", "budget_min", "budget_max"});
  SimilarRequest request;
  request.id = ex.path.at("id");
  parser.filters(ex.params(), request.filters);
  request.limit = static_cast<std::size_t>(parser.integer(ex.params(), "size", 1, 50, 5));
  SimilarResult result = SimilarProjects(ex.service.pool.searcher()).find(request);
  ex.json(200, result);
}

void post_similar(Exchange& ex) {
  const RequestParser& parser = ex.service.parser;
  auto body = nlohmann::json::parse(ex.request.body, nullptr, false);
  if (body.is_discarded()) throw ParameterError("body", "not valid JSON (UTF-8)");
  if (!body.is_object()) throw ParameterError("body", "expected a JSON object {\"text\": ..., \"filters\": {...}}");
  for (const auto& [key, value] : body.items()) {
    if (key != "text" && key != "filters" && key != "size") throw ParameterError(key, "unknown field");
  }
  if (!body.contains("text")) throw ParameterError("text", "required");
  if (!body["text"].is_string()) throw ParameterError("text", "expected a string");
  SimilarRequest request;
  request.text = body["text"].get<std::string>();
  if (text::trim(request.text).empty()) throw ParameterError("text", "empty");
  if (text::length(request.text) > parser.limits().max_text_chars) {
    throw ParameterError("text", "longer than " + std::to_string(parser.limits().max_text_chars) + " characters");
  }
  if (body.contains("filters")) parser.filters(body["filters"], request.filters);
  if (body.contains("size")) {
    if (!body["size"].is_number_integer() || body["size"].get<long long>() < 1 || body["size"].get<long long>() > 50) {
      throw ParameterError("size", "expected an integer from 1 to 50");
    }
    request.limit = body["size"].get<std::size_t>();
  }
  SimilarResult result = blaming("text", [&] { return SimilarProjects(ex.service.pool.searcher()).find(request); });
  ex.json(200, result);
}

void get_stats(Exchange& ex) {
  const RequestParser& parser = ex.service.parser;
  RequestParser::reject_unknown(ex.params(),
                                {"by", "budget_by", "q", "funder", "region", "year", "theme", "budget_min", "budget_max"});
  StatsRequest request;
  auto by = parser.facet_list(ex.params(), "by");
  if (!by || by->empty() || by->size() > 2) throw ParameterError("by", "one or two of funder, region, year, theme");
  request.by = *by;
  const std::string budget_by = parser.text(ex.params(), "budget_by", 20);
  if (!budget_by.empty()) request.budget_by = blaming("budget_by", [&] { return budget_by_from_name(budget_by); });
  request.selection.query = parser.text(ex.params(), "q", parser.limits().max_query_chars);
  parser.filters(ex.params(), request.selection);
  StatsResult result = blaming("q", [&] { return Analytics(ex.service.pool.searcher()).stats(request); });
  ex.json(200, result);
}

void get_suggest(Exchange& ex) {
  const RequestParser& parser = ex.service.parser;
  RequestParser::reject_unknown(ex.params(), {"q", "size"});
  std::string typed = ex.request.get_param_value("q");
  parser.text(ex.params(), "q", parser.limits().max_query_chars);  // validates length
  auto size = static_cast<std::size_t>(parser.integer(ex.params(), "size", 1, 20, 8));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : ex.service.pool.suggester().suggest(typed, size)) {
    nlohmann::json item{{"text", s.text}, {"kind", suggestion_kind_name(s.kind)}};
    if (!s.id.empty()) item["id"] = s.id;
    if (s.kind == SuggestionKind::Word) item["count"] = s.count;
    list.push_back(std::move(item));
  }
  ex.json(200, {{"query", typed}, {"suggestions", list}});
}

void get_health(Exchange& ex) {
  RequestParser::reject_unknown(ex.params(), {});
  IndexStatus st = ex.service.pool.status();
  nlohmann::json body{{"status", "ok"},
                      {"version", FYND_VERSION},
                      {"documents", st.documents},
                      {"indexed_at", st.indexed_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(st.indexed_at)},
                      {"index_age_s", st.age_seconds ? nlohmann::json(*st.age_seconds) : nlohmann::json(nullptr)},
                      {"revision", st.revision}};
  nlohmann::json shards = nlohmann::json::array();
  for (const Shard& s : st.shards) {
    shards.push_back({{"kind", s.kind == Shard::Kind::Remote ? "remote" : "local"}, {"location", s.location}});
  }
  body["shards"] = shards;
  ex.json(200, body);
}

void get_metrics(Exchange& ex) {
  RequestParser::reject_unknown(ex.params(), {});
  std::uint64_t documents = 0;
  try {
    documents = ex.service.pool.searcher().document_count();
  } catch (const Error&) {
    // An unavailable index still lets the counters be read.
  }
  ex.response.status = 200;
  ex.response.set_content(ex.service.metrics.prometheus(documents), "text/plain; version=0.0.4; charset=utf-8");
}

void get_static(Exchange& ex) {
  auto it = ex.path.find("file");
  std::string name = it == ex.path.end() ? "index.html" : it->second;
  auto file = StaticFiles(ex.service.options.web_dir).load(name);
  if (!file) throw NotFoundError("no such page: /" + name);
  ex.response.status = 200;
  ex.response.set_header("Cache-Control", "no-cache");
  ex.response.set_content(file->content, file->mime_type.c_str());
}

}  // namespace fynd::http
