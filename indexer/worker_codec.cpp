#include "worker_codec.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace fynd {

namespace {

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

void put_string(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

/// Reads the fields back in the order they were put; throws when the bytes run out.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}

  std::uint64_t u64() {
    need(sizeof(std::uint64_t));
    std::uint64_t v = 0;
    std::memcpy(&v, rest_.data(), sizeof v);
    rest_.remove_prefix(sizeof v);
    return v;
  }
  std::string_view bytes(std::uint64_t n) {
    need(n);
    const std::string_view s = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return s;
  }
  std::string string() { return std::string(bytes(u64())); }
  /// A count of items that take at least one byte each: never more than what is left.
  std::uint64_t count() {
    const std::uint64_t n = u64();
    if (n > rest_.size()) throw InputError("reader worker: a malformed document arrived");
    return n;
  }
  bool empty() const { return rest_.empty(); }

 private:
  void need(std::uint64_t n) const {
    if (rest_.size() < n) throw InputError("reader worker: a document arrived cut short");
  }
  std::string_view rest_;
};

void put_strings(std::string& out, const std::vector<std::string>& list) {
  put_u64(out, list.size());
  for (const std::string& s : list) put_string(out, s);
}

std::vector<std::string> get_strings(Cursor& in) {
  std::vector<std::string> list(in.count());
  for (std::string& s : list) s = in.string();
  return list;
}

void put_optional(std::string& out, const std::optional<std::int64_t>& v) {
  put_u64(out, v ? 1 : 0);
  if (v) put_u64(out, static_cast<std::uint64_t>(*v));
}

std::optional<std::int64_t> get_optional(Cursor& in) {
  if (in.u64() == 0) return std::nullopt;
  return static_cast<std::int64_t>(in.u64());
}

// A record goes field by field, not through its JSON: the reader worker sends every
// project of a file this way, and JSON (built, packed, parsed, read back) cost as much
// as reading the record in the first place. A field added to Project must be added to
// both functions (and to the WorkerCodec test); the size check below is a reminder.
static_assert(sizeof(void*) != 8 || sizeof(Project) == 576, "Project changed: send and receive its new fields in worker_codec.cpp");

void put_project(std::string& out, const Project& p) {
  put_string(out, p.id);
  put_u64(out, static_cast<std::uint64_t>(p.kind));
  put_string(out, p.title);
  put_string(out, p.text);
  put_string(out, p.display_text);
  put_string(out, p.source.file);
  put_u64(out, p.source.begin);
  put_u64(out, p.source.end);
  put_string(out, p.source.format);
  put_strings(out, p.funders);
  put_strings(out, p.regions);
  put_u64(out, p.years.size());
  for (int y : p.years) put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(y)));
  put_strings(out, p.themes);
  put_optional(out, p.budget_sek);
  put_optional(out, p.granted_sek);
  put_string(out, p.owner);
  put_string(out, p.contact);
  put_string(out, p.email);
  put_string(out, p.period.start);
  put_string(out, p.period.end);
  put_strings(out, p.partners);
  put_u64(out, p.fields.size());
  for (const auto& [k, v] : p.fields) {
    put_string(out, k);
    put_string(out, v);
  }
  put_u64(out, p.evidence.size());
  for (const Evidence& e : p.evidence) {
    put_string(out, e.field);
    put_string(out, e.value);
    put_string(out, e.text);
    put_u64(out, static_cast<std::uint64_t>(e.origin));
    put_u64(out, e.used ? 1 : 0);
  }
}

Project get_project(Cursor& in) {
  auto kind = [](std::uint64_t v) {
    if (v > static_cast<std::uint64_t>(ProjectKind::Article)) throw InputError("reader worker: a malformed document arrived");
    return static_cast<ProjectKind>(v);
  };
  auto origin = [](std::uint64_t v) {
    if (v > static_cast<std::uint64_t>(Origin::Page)) throw InputError("reader worker: a malformed document arrived");
    return static_cast<Origin>(v);
  };
  Project p;
  p.id = in.string();
  p.kind = kind(in.u64());
  p.title = in.string();
  p.text = in.string();
  p.display_text = in.string();
  p.source.file = in.string();
  p.source.begin = in.u64();
  p.source.end = in.u64();
  p.source.format = in.string();
  p.funders = get_strings(in);
  p.regions = get_strings(in);
  p.years.resize(in.count());
  for (int& y : p.years) y = static_cast<int>(static_cast<std::int64_t>(in.u64()));
  p.themes = get_strings(in);
  p.budget_sek = get_optional(in);
  p.granted_sek = get_optional(in);
  p.owner = in.string();
  p.contact = in.string();
  p.email = in.string();
  p.period.start = in.string();
  p.period.end = in.string();
  p.partners = get_strings(in);
  p.fields.resize(in.count());
  for (auto& [k, v] : p.fields) {
    k = in.string();
    v = in.string();
  }
  p.evidence.resize(in.count());
  for (Evidence& e : p.evidence) {
    e.field = in.string();
    e.value = in.string();
    e.text = in.string();
    e.origin = origin(in.u64());
    e.used = in.u64() != 0;
  }
  return p;
}

}  // namespace

void encode_document(const RawDocument& doc, std::string& out) {
  put_string(out, doc.text);
  put_u64(out, doc.blocks.size());
  for (const Block& b : doc.blocks) {
    put_u64(out, static_cast<std::uint64_t>(b.type));
    put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(b.level)));
    put_u64(out, b.begin);
    put_u64(out, b.end);
    put_string(out, b.text);
  }
  put_string(out, doc.title);
  put_string(out, doc.source.file);
  put_u64(out, doc.source.begin);
  put_u64(out, doc.source.end);
  put_string(out, doc.source.format);
  put_string(out, doc.encoding);
  put_u64(out, doc.warnings.size());
  for (const std::string& w : doc.warnings) put_string(out, w);
  put_u64(out, doc.record ? 1 : 0);
  if (doc.record) put_project(out, *doc.record);
}

RawDocument decode_document(std::string_view bytes) {
  Cursor in(bytes);
  RawDocument doc;
  doc.text = in.string();
  const std::uint64_t blocks = in.count();
  doc.blocks.reserve(blocks);
  for (std::uint64_t i = 0; i < blocks; ++i) {
    Block b;
    b.type = static_cast<BlockType>(in.u64());
    b.level = static_cast<int>(static_cast<std::int64_t>(in.u64()));
    b.begin = in.u64();
    b.end = in.u64();
    b.text = in.string();
    doc.blocks.push_back(std::move(b));
  }
  doc.title = in.string();
  doc.source.file = in.string();
  doc.source.begin = in.u64();
  doc.source.end = in.u64();
  doc.source.format = in.string();
  doc.encoding = in.string();
  const std::uint64_t warnings = in.count();
  for (std::uint64_t i = 0; i < warnings; ++i) doc.warnings.push_back(in.string());
  if (in.u64() != 0) doc.record = get_project(in);
  if (!in.empty()) throw InputError("reader worker: a malformed document arrived");
  return doc;
}

}  // namespace fynd
