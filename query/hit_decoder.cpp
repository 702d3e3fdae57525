#include "hit_decoder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "error.h"
#include "text.h"

namespace fynd {
namespace {

using json = nlohmann::json;

/// SAX events of one stored record into a Project. Returns false from an event (which
/// stops the parse) on anything the fast path does not take; the tree path then decides.
class RecordReader : public json::json_sax_t {
 public:
  explicit RecordReader(Project& p) : p_(p) {}

  bool null() override { return scalar(Scalar::Null, no_string_, 0, 0); }
  bool boolean(bool) override { return skipping() || refuse(); }
  bool number_integer(json::number_integer_t n) override { return scalar(Scalar::Integer, no_string_, n, 0); }
  bool number_unsigned(json::number_unsigned_t n) override { return scalar(Scalar::Unsigned, no_string_, 0, n); }
  bool number_float(json::number_float_t, const json::string_t&) override { return skipping() || refuse(); }
  bool binary(json::binary_t&) override { return refuse(); }
  bool string(json::string_t& s) override { return scalar(Scalar::String, s, 0, 0); }

  bool start_object(std::size_t) override {
    if (skipping()) return ++skip_depth_, true;
    if (depth_ == 0) return depth_ = 1, true;
    if (depth_ == 1 && in_array_ == List::None) {
      if (key_ == "source") return open(Object::Source, [&] { p_.source = SourceRef{}; });
      if (key_ == "period") return open(Object::Period, [&] { p_.period = Period{}; });
      if (key_ == "fields") return open(Object::Fields, [&] { fields_.clear(); });
      if (key_ == "evidence" || !known(key_)) return ++skip_depth_, true;
    }
    return refuse();
  }
  bool end_object() override {
    if (skipping()) return --skip_depth_, true;
    if (depth_ == 2) {
      depth_ = 1;
      object_ = Object::None;
      return true;
    }
    if (depth_ == 1) depth_ = 0;
    return true;
  }
  bool start_array(std::size_t) override {
    if (skipping()) return ++skip_depth_, true;
    if (depth_ != 1 || in_array_ != List::None) return refuse();
    if (key_ == "years") return in_array_ = List::Years, p_.years.clear(), true;
    if (std::vector<std::string>* list = string_list(key_)) {
      in_array_ = List::Strings;
      strings_ = list;
      strings_->clear();
      return true;
    }
    if (key_ == "evidence" || !known(key_)) return ++skip_depth_, true;
    return refuse();
  }
  bool end_array() override {
    if (skipping()) return --skip_depth_, true;
    in_array_ = List::None;
    return true;
  }
  bool key(json::string_t& k) override {
    if (skipping()) return true;
    if (depth_ == 1) {
      key_ = k;
    } else {
      inner_key_ = k;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return refuse(); }

  bool refused() const { return refused_; }
  std::map<std::string, std::string> fields_;

 private:
  enum class Scalar { Null, Integer, Unsigned, String };
  enum class Object { None, Source, Period, Fields };
  enum class List { None, Years, Strings };

  bool skipping() const { return skip_depth_ > 0; }
  bool refuse() {
    refused_ = true;
    return false;
  }
  template <typename Reset>
  bool open(Object o, Reset reset) {
    reset();
    object_ = o;
    depth_ = 2;
    return true;
  }
  static bool known(const std::string& k) {
    static const std::array<std::string_view, 19> keys = {
        "id",         "kind",     "title",    "text",    "display_text", "source", "funders",
        "regions",    "years",    "themes",   "budget_sek", "granted_sek", "owner", "contact",
        "email",      "period",   "partners", "fields",  "evidence"};
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  }
  std::vector<std::string>* string_list(const std::string& k) {
    if (k == "funders") return &p_.funders;
    if (k == "regions") return &p_.regions;
    if (k == "themes") return &p_.themes;
    if (k == "partners") return &p_.partners;
    return nullptr;
  }
  std::string* top_string(const std::string& k) {
    if (k == "id") return &p_.id;
    if (k == "title") return &p_.title;
    if (k == "text") return &p_.text;
    if (k == "display_text") return &p_.display_text;
    if (k == "owner") return &p_.owner;
    if (k == "contact") return &p_.contact;
    if (k == "email") return &p_.email;
    return nullptr;
  }

  bool scalar(Scalar kind, json::string_t& s, json::number_integer_t i, json::number_unsigned_t u) {
    if (skipping()) return true;
    if (depth_ == 1 && in_array_ == List::Years) {
      if (kind == Scalar::Integer) return p_.years.push_back(static_cast<int>(i)), true;
      if (kind == Scalar::Unsigned) return p_.years.push_back(static_cast<int>(u)), true;
      return refuse();
    }
    if (depth_ == 1 && in_array_ == List::Strings) {
      if (kind != Scalar::String) return refuse();
      strings_->push_back(std::move(s));
      return true;
    }
    if (depth_ == 2) return member(kind, s, u);
    if (depth_ != 1) return refuse();
    if (std::string* field = top_string(key_)) {
      if (kind != Scalar::String) return refuse();
      *field = std::move(s);
      return true;
    }
    if (key_ == "kind") {
      if (kind != Scalar::String) return refuse();
      p_.kind = kind_from_name(s);
      return true;
    }
    if (key_ == "budget_sek" || key_ == "granted_sek") {
      std::optional<std::int64_t>& money = key_ == "budget_sek" ? p_.budget_sek : p_.granted_sek;
      if (kind == Scalar::Null) return money.reset(), true;
      if (kind == Scalar::Integer) return money = i, true;
      if (kind == Scalar::Unsigned) return money = static_cast<std::int64_t>(u), true;
      return refuse();
    }
    if (key_ == "evidence" || !known(key_)) return true;  // ignored, as from_json() ignores it
    return refuse();
  }

  bool member(Scalar kind, json::string_t& s, json::number_unsigned_t u) {
    if (object_ == Object::Fields) {
      if (kind != Scalar::String) return refuse();
      fields_[inner_key_] = std::move(s);
      return true;
    }
    if (object_ == Object::Source) {
      SourceRef& src = p_.source;
      if (inner_key_ == "begin" || inner_key_ == "end") {
        if (kind != Scalar::Unsigned) return refuse();
        (inner_key_ == "begin" ? src.begin : src.end) = u;
        return true;
      }
      if (inner_key_ == "file" || inner_key_ == "format") {
        if (kind != Scalar::String) return refuse();
        (inner_key_ == "file" ? src.file : src.format) = std::move(s);
        return true;
      }
      return true;  // another member: from_json() ignores it
    }
    if (object_ == Object::Period) {
      if (inner_key_ == "start" || inner_key_ == "end") {
        if (kind != Scalar::String) return refuse();
        (inner_key_ == "start" ? p_.period.start : p_.period.end) = std::move(s);
      }
      return true;
    }
    return refuse();
  }

  Project& p_;
  int depth_ = 0;        ///< 1: in the record, 2: in source, period or fields
  int skip_depth_ = 0;   ///< > 0: inside a value that is not read (the evidence)
  Object object_ = Object::None;
  List in_array_ = List::None;
  std::vector<std::string>* strings_ = nullptr;
  bool refused_ = false;
  std::string key_;
  std::string inner_key_;
  std::string no_string_;  ///< the string argument of non-string scalars
};

/// A strict JSON reader for the fast path, feeding RecordReader's events: nlohmann's lexer
/// reads a byte at a time through an input adapter (~30 ns a byte); a record is ~3 KB.
/// Returns false on anything it does not read itself (a fraction or exponent, a number
/// out of range, a lone surrogate, malformed JSON): the caller then uses the tree, which
/// decodes the record or names what is wrong with it exactly as before.
class RecordScanner {
 public:
  RecordScanner(std::string_view in, RecordReader& reader) : in_(in), r_(reader) {}

  bool run() {
    if (!value(0)) return false;
    space();
    return pos_ == in_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;

  void space() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) ++pos_;
  }
  bool eat(char c) {
    space();
    if (pos_ < in_.size() && in_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(int depth) {
    if (depth > kMaxDepth) return false;
    space();
    if (pos_ >= in_.size()) return false;
    switch (in_[pos_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string(buffer_) && r_.string(buffer_);
      case 't': return literal("true") && r_.boolean(true);
      case 'f': return literal("false") && r_.boolean(false);
      case 'n': return literal("null") && r_.null();
      default: return number();
    }
  }

  bool object(int depth) {
    ++pos_;
    if (!r_.start_object(0)) return false;
    if (eat('}')) return r_.end_object();
    do {
      space();
      if (pos_ >= in_.size() || in_[pos_] != '"' || !string(key_) || !r_.key(key_) || !eat(':') || !value(depth + 1)) {
        return false;
      }
    } while (eat(','));
    return eat('}') && r_.end_object();
  }

  bool array(int depth) {
    ++pos_;
    if (!r_.start_array(0)) return false;
    if (eat(']')) return r_.end_array();
    do {
      if (!value(depth + 1)) return false;
    } while (eat(','));
    return eat(']') && r_.end_array();
  }

  /// An integer without fraction or exponent, in the range of int64 (negative) or uint64.
  bool number() {
    const std::size_t start = pos_;
    const bool negative = in_[pos_] == '-';
    if (negative) ++pos_;
    const std::size_t digits = pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
    const std::size_t n = pos_ - digits;
    if (n == 0 || (n > 1 && in_[digits] == '0')) return false;
    if (pos_ < in_.size() && (in_[pos_] == '.' || in_[pos_] == 'e' || in_[pos_] == 'E')) return false;
    if (negative) {
      std::int64_t v = 0;
      const auto res = std::from_chars(in_.data() + start, in_.data() + pos_, v);
      return res.ec == std::errc() && res.ptr == in_.data() + pos_ && r_.number_integer(v);
    }
    std::uint64_t v = 0;
    const auto res = std::from_chars(in_.data() + start, in_.data() + pos_, v);
    return res.ec == std::errc() && res.ptr == in_.data() + pos_ && r_.number_unsigned(v);
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > in_.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex(in_[pos_++]);
      if (h < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
  }
  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  /// A string at pos_ (its opening quote) into `out`, unescaped. The input was checked to
  /// be valid UTF-8 as a whole, so bytes of 0x80 and above are copied as they are.
  bool string(std::string& out) {
    out.clear();
    ++pos_;
    while (true) {
      std::size_t run = pos_;
      while (run < in_.size() && in_[run] != '"' && in_[run] != '\\' && static_cast<unsigned char>(in_[run]) >= 0x20) ++run;
      out.append(in_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= in_.size() || static_cast<unsigned char>(in_[pos_]) < 0x20) return false;
      if (in_[pos_++] == '"') return true;
      if (pos_ >= in_.size()) return false;
      const char e = in_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
  }

  std::string_view in_;
  RecordReader& r_;
  std::size_t pos_ = 0;
  std::string buffer_;
  std::string key_;
};

Project decode_through_tree(std::string_view data) {
  const json::parser_callback_t skip_evidence = [](int depth, json::parse_event_t event, json& parsed) {
    return !(depth == 1 && event == json::parse_event_t::key && parsed == "evidence");
  };
  try {
    return json::parse(data, skip_evidence).get<Project>();
  } catch (const json::exception& e) {
    throw IndexError(std::string("a stored project record is damaged: ") + e.what());
  }
}

}  // namespace

Project decode_hit_record(std::string_view data) {
  Project p;
  RecordReader reader(p);
  if (!text::is_valid_utf8(data) || !RecordScanner(data, reader).run() || reader.refused()) {
    return decode_through_tree(data);
  }
  p.fields.assign(std::make_move_iterator(reader.fields_.begin()), std::make_move_iterator(reader.fields_.end()));
  return p;
}

}  // namespace fynd
