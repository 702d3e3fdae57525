#include "project.h"

#include <algorithm>

#include "json_writer.h"

namespace fynd {

void Project::add_unique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void Project::normalise_years() {
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
}

std::string_view kind_name(ProjectKind k) { return k == ProjectKind::Article ? "article" : "project"; }

ProjectKind kind_from_name(std::string_view name) {
  return name == "article" ? ProjectKind::Article : ProjectKind::Project;
}

std::string_view origin_name(Origin o) {
  switch (o) {
    case Origin::Structured: return "structured";
    case Origin::Page: return "page";
    case Origin::Text: break;
  }
  return "text";
}

Origin origin_from_name(std::string_view name) {
  if (name == "structured") return Origin::Structured;
  if (name == "page") return Origin::Page;
  return Origin::Text;
}

void write_json(JsonWriter& w, const SourceRef& s) {
  w.begin_object();
  w.key("begin");
  w.value(s.begin);
  w.key("end");
  w.value(s.end);
  w.key("file");
  w.value(s.file);
  w.key("format");
  w.value(s.format);
  w.end_object();
}

void to_json(nlohmann::json& j, const SourceRef& s) {
  j = {{"file", s.file}, {"begin", s.begin}, {"end", s.end}, {"format", s.format}};
}
void from_json(const nlohmann::json& j, SourceRef& s) {
  s.file = j.value("file", "");
  s.begin = j.value("begin", std::uint64_t{0});
  s.end = j.value("end", std::uint64_t{0});
  s.format = j.value("format", "");
}
void write_json(JsonWriter& w, const Period& p) {
  w.begin_object();
  w.key("end");
  w.value(p.end);
  w.key("start");
  w.value(p.start);
  w.end_object();
}

void to_json(nlohmann::json& j, const Period& p) { j = {{"start", p.start}, {"end", p.end}}; }
void from_json(const nlohmann::json& j, Period& p) {
  p.start = j.value("start", "");
  p.end = j.value("end", "");
}
void to_json(nlohmann::json& j, const Evidence& e) {
  j = {{"field", e.field}, {"value", e.value}, {"text", e.text}, {"origin", origin_name(e.origin)}};
  if (!e.used) j["used"] = false;
}
void from_json(const nlohmann::json& j, Evidence& e) {
  e.field = j.value("field", "");
  e.value = j.value("value", "");
  e.text = j.value("text", "");
  e.origin = origin_from_name(j.value("origin", "text"));
  e.used = j.value("used", true);
}

nlohmann::json to_json_without_evidence(const Project& p) {
  nlohmann::json j{{"id", p.id},
                    {"kind", kind_name(p.kind)},
                    {"title", p.title},
                    {"text", p.text},
                    {"source", p.source},
                    {"funders", p.funders},
                    {"regions", p.regions},
                    {"years", p.years},
                    {"themes", p.themes},
                    {"budget_sek", p.budget_sek ? nlohmann::json(*p.budget_sek) : nlohmann::json(nullptr)},
                    {"granted_sek", p.granted_sek ? nlohmann::json(*p.granted_sek) : nlohmann::json(nullptr)},
                    {"owner", p.owner},
                    {"contact", p.contact},
                    {"email", p.email},
                    {"period", p.period},
                     {"partners", p.partners}};
  if (!p.display_text.empty()) j["display_text"] = p.display_text;
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [k, v] : p.fields) fields[k] = v;
  j["fields"] = fields;
  return j;
}

void to_json(nlohmann::json& j, const Project& p) {
  j = to_json_without_evidence(p);
  if (!p.evidence.empty()) j["evidence"] = p.evidence;
}

void from_json(const nlohmann::json& j, Project& p) {
  p.id = j.value("id", "");
  p.kind = kind_from_name(j.value("kind", "project"));
  p.title = j.value("title", "");
  p.text = j.value("text", "");
  p.display_text = j.value("display_text", "");
  if (j.contains("source")) p.source = j.at("source").get<SourceRef>();
  p.funders = j.value("funders", std::vector<std::string>{});
  p.regions = j.value("regions", std::vector<std::string>{});
  p.years = j.value("years", std::vector<int>{});
  p.themes = j.value("themes", std::vector<std::string>{});
  p.budget_sek.reset();
  p.granted_sek.reset();
  if (j.contains("budget_sek") && j["budget_sek"].is_number()) p.budget_sek = j["budget_sek"].get<std::int64_t>();
  if (j.contains("granted_sek") && j["granted_sek"].is_number()) p.granted_sek = j["granted_sek"].get<std::int64_t>();
  p.owner = j.value("owner", "");
  p.contact = j.value("contact", "");
  p.email = j.value("email", "");
  if (j.contains("period")) p.period = j.at("period").get<Period>();
  p.partners = j.value("partners", std::vector<std::string>{});
  p.fields.clear();
  if (j.contains("fields") && j["fields"].is_object()) {
    for (const auto& [k, v] : j["fields"].items()) {
      p.fields.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    }
  }
  p.evidence = j.value("evidence", std::vector<Evidence>{});
}

}  // namespace fynd
