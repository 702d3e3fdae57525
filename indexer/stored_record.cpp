#include "stored_record.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>

#include "text.h"

namespace fynd {
namespace {

/// The record through its JSON value, the reference the writer below follows.
std::string record_by_json(const Project& p) {
  nlohmann::json j = to_json_without_evidence(p);
  for (auto it = j.begin(); it != j.end();) {
    const nlohmann::json& v = it.value();
    // (json::empty() is false for every string: an empty string is checked as a string.)
    const bool empty = v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                       ((v.is_array() || v.is_object()) && v.empty());
    const bool empty_period = it.key() == "period" && v.is_object() && v.value("start", "").empty() &&
                              v.value("end", "").empty();
    if ((empty || empty_period) && it.key() != "id") {
      it = j.erase(it);
    } else {
      ++it;
    }
  }
  // Invalid UTF-8 from an upstream step must not lose the project: replace it with U+FFFD.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Compact JSON text, escaped as nlohmann's dump() escapes valid UTF-8 (ensure_ascii off).
class JsonText {
 public:
  explicit JsonText(std::size_t reserve) { out_.reserve(reserve); }

  void string(std::string_view s) {
    out_.push_back('"');
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s, from, i - from);
      from = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\t': out_ += "\\t"; break;
        case '\n': out_ += "\\n"; break;
        case '\f': out_ += "\\f"; break;
        case '\r': out_ += "\\r"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_.push_back(kHex[c >> 4]);
          out_.push_back(kHex[c & 0xF]);
        }
      }
    }
    out_.append(s, from, std::string_view::npos);
    out_.push_back('"');
  }
  template <typename Int>
  void number(Int v) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
  }
  /// `"key":` after a comma unless it is the first of its object.
  void key(std::string_view k) {
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_.append(k);
    out_ += "\":";
  }
  /// A key that may need escaping (a record field's name).
  void escaped_key(std::string_view k) {
    if (!first_) out_.push_back(',');
    first_ = false;
    string(k);
    out_.push_back(':');
  }
  void raw(char c) { out_.push_back(c); }
  void open(char c) {
    out_.push_back(c);
    first_ = true;
  }
  void close(char c) {
    out_.push_back(c);
    first_ = false;
  }
  void strings(const std::vector<std::string>& list) {
    out_.push_back('[');
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out_.push_back(',');
      string(list[i]);
    }
    out_.push_back(']');
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool first_ = true;
};

bool all_valid_utf8(const Project& p) {
  auto ok = [](const std::string& s) { return text::is_valid_utf8(s); };
  auto all = [&](const std::vector<std::string>& list) { return std::all_of(list.begin(), list.end(), ok); };
  if (!ok(p.id) || !ok(p.title) || !ok(p.text) || !ok(p.display_text) || !ok(p.owner) || !ok(p.contact) ||
      !ok(p.email) || !ok(p.period.start) || !ok(p.period.end) || !ok(p.source.file) || !ok(p.source.format)) {
    return false;
  }
  if (!all(p.funders) || !all(p.regions) || !all(p.themes) || !all(p.partners)) return false;
  return std::all_of(p.fields.begin(), p.fields.end(), [&](const auto& kv) { return ok(kv.first) && ok(kv.second); });
}

}  // namespace

std::string stored_record(const Project& p) {
  if (!all_valid_utf8(p)) return record_by_json(p);
  JsonText j(p.text.size() + p.display_text.size() + 1024);
  // The keys in nlohmann's (sorted) order; empty values left out, but the id.
  j.open('{');
  if (p.budget_sek) {
    j.key("budget_sek");
    j.number(*p.budget_sek);
  }
  auto text_field = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    j.key(key);
    j.string(value);
  };
  auto list_field = [&](std::string_view key, const std::vector<std::string>& list) {
    if (list.empty()) return;
    j.key(key);
    j.strings(list);
  };
  text_field("contact", p.contact);
  text_field("display_text", p.display_text);
  text_field("email", p.email);
  if (!p.fields.empty()) {
    // A JSON object: one value a key (the last given), keys in byte order.
    std::map<std::string_view, std::string_view> fields;
    for (const auto& [k, v] : p.fields) fields[k] = v;
    j.key("fields");
    j.open('{');
    for (const auto& [k, v] : fields) {
      j.escaped_key(k);
      j.string(v);
    }
    j.close('}');
  }
  list_field("funders", p.funders);
  if (p.granted_sek) {
    j.key("granted_sek");
    j.number(*p.granted_sek);
  }
  j.key("id");
  j.string(p.id);
  j.key("kind");
  j.string(kind_name(p.kind));
  text_field("owner", p.owner);
  list_field("partners", p.partners);
  if (!p.period.empty()) {
    j.key("period");
    j.open('{');
    j.key("end");
    j.string(p.period.end);
    j.key("start");
    j.string(p.period.start);
    j.close('}');
  }
  list_field("regions", p.regions);
  j.key("source");
  j.open('{');
  j.key("begin");
  j.number(p.source.begin);
  j.key("end");
  j.number(p.source.end);
  j.key("file");
  j.string(p.source.file);
  j.key("format");
  j.string(p.source.format);
  j.close('}');
  text_field("text", p.text);
  list_field("themes", p.themes);
  text_field("title", p.title);
  if (!p.years.empty()) {
    j.key("years");
    j.open('[');
    for (std::size_t i = 0; i < p.years.size(); ++i) {
      if (i > 0) j.raw(',');
      j.number(p.years[i]);
    }
    j.close(']');
  }
  j.close('}');
  return j.take();
}

}  // namespace fynd
