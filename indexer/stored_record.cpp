#include "stored_record.h"

#include <map>
#include <string_view>

#include "json_writer.h"

namespace fynd {

std::string stored_record(const Project& p) {
  std::string out;
  out.reserve(p.text.size() + p.display_text.size() + 1024);
  JsonWriter j(out);
  // The keys in nlohmann's (sorted) order; empty values left out, but the id.
  j.begin_object();
  auto text_field = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    j.key(key);
    j.value(value);
  };
  auto list_field = [&](std::string_view key, const auto& list) {
    if (list.empty()) return;
    j.key(key);
    j.array(list);
  };
  if (p.budget_sek) {
    j.key("budget_sek");
    j.value(*p.budget_sek);
  }
  text_field("contact", p.contact);
  text_field("display_text", p.display_text);
  text_field("email", p.email);
  if (!p.fields.empty()) {
    // A JSON object: one value a key (the last given), keys in byte order.
    std::map<std::string_view, std::string_view> fields;
    for (const auto& [k, v] : p.fields) fields[k] = v;
    j.key("fields");
    j.begin_object();
    for (const auto& [k, v] : fields) {
      j.key(k);
      j.value(v);
    }
    j.end_object();
  }
  list_field("funders", p.funders);
  if (p.granted_sek) {
    j.key("granted_sek");
    j.value(*p.granted_sek);
  }
  j.key("id");
  j.value(p.id);
  j.key("kind");
  j.value(kind_name(p.kind));
  text_field("owner", p.owner);
  list_field("partners", p.partners);
  if (!p.period.empty()) {
    j.key("period");
    write_json(j, p.period);
  }
  list_field("regions", p.regions);
  j.key("source");
  write_json(j, p.source);
  text_field("text", p.text);
  list_field("themes", p.themes);
  text_field("title", p.title);
  list_field("years", p.years);
  j.end_object();
  return out;
}

}  // namespace fynd
