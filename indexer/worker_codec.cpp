#include "worker_codec.h"

#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

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
  bool empty() const { return rest_.empty(); }

 private:
  void need(std::uint64_t n) const {
    if (rest_.size() < n) throw InputError("reader worker: a document arrived cut short");
  }
  std::string_view rest_;
};

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
  if (doc.record) {
    nlohmann::json j = *doc.record;
    // Project's JSON keeps fields as an object (sorted, one value a key); here they go
    // as a list of pairs so that order and repeated keys survive.
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& [k, v] : doc.record->fields) fields.push_back({k, v});
    j["fields"] = std::move(fields);
    const std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(j);
    put_u64(out, packed.size());
    out.append(reinterpret_cast<const char*>(packed.data()), packed.size());
  }
}

RawDocument decode_document(std::string_view bytes) {
  Cursor in(bytes);
  RawDocument doc;
  doc.text = in.string();
  const std::uint64_t blocks = in.u64();
  if (blocks > bytes.size()) throw InputError("reader worker: a malformed document arrived");
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
  const std::uint64_t warnings = in.u64();
  if (warnings > bytes.size()) throw InputError("reader worker: a malformed document arrived");
  for (std::uint64_t i = 0; i < warnings; ++i) doc.warnings.push_back(in.string());
  if (in.u64() != 0) {
    const std::string_view packed = in.bytes(in.u64());
    nlohmann::json j = nlohmann::json::from_msgpack(packed.begin(), packed.end());
    nlohmann::json fields = std::move(j["fields"]);
    j.erase("fields");
    Project p = j.get<Project>();
    for (const auto& kv : fields) p.fields.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
    doc.record = std::move(p);
  }
  if (!in.empty()) throw InputError("reader worker: a malformed document arrived");
  return doc;
}

}  // namespace fynd
