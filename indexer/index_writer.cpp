#include "index_writer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

#include "error.h"
#include "facet_values.h"
#include "place_words.h"
#include "schema.h"
#include "stored_record.h"
#include "text.h"
#include "word_map.h"

namespace fynd {
namespace {

/// Metadata keys are limited in length: long paths are keyed by their hash.
std::string meta_key(const std::string& path) {
  std::string key = std::string(Schema::kMetaFilePrefix) + path;
  if (key.size() > 200) key = std::string(Schema::kMetaFilePrefix) + "#" + content_hash(path);
  return key;
}

std::string now_iso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A path that is not UTF-8 (a Latin-1 file name) cannot be a JSON string: it is kept as hex.
std::string to_hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

FileSignature parse_signature(const std::string& value) {
  FileSignature s;
  try {
    const auto j = nlohmann::json::parse(value);
    s.path = j.value("path", "");
    if (j.contains("path_hex")) s.path = from_hex(j.value("path_hex", ""));
    s.size = j.value("size", std::uint64_t{0});
    s.mtime = j.value("mtime", std::int64_t{0});
    s.hash = j.value("hash", "");
  } catch (const std::exception&) {
    // A damaged signature reads as "changed": the file is indexed again.
  }
  return s;
}

void add_facet(Xapian::Document& doc, Facet facet, const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    if (v.empty()) continue;
    // Region terms also find a place by its words (PlaceWords): they weigh as a word of
    // the metadata. The other facet terms only filter.
    if (facet == Facet::Region) {
      doc.add_term(Schema::facet_term(facet, v), Schema::kMetadataWdf);
    } else {
      doc.add_boolean_term(Schema::facet_term(facet, v));
    }
  }
  if (!values.empty()) doc.add_value(Schema::facet_slot(facet), encode_facet_values(values));
}

}  // namespace

void ContentHash::update(std::string_view bytes) {
  std::uint64_t h = h_;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h_ = h;
}

std::string ContentHash::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

std::string content_hash(std::string_view bytes) {
  ContentHash h;
  h.update(bytes);
  return h.hex();
}

namespace {

/// Creates a new, empty database at `dir` so that it appears whole or not at all: it is
/// made in a hidden sibling folder and renamed into place, so a kill while Xapian writes
/// its first files never leaves a folder that is not yet an index.
void create_atomically(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec)) return;
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  const fs::path staging = parent / ("." + dir.filename().string() + ".new-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  {
    Xapian::WritableDatabase fresh(staging.string(), Xapian::DB_CREATE);
    fresh.commit();
    fresh.close();
  }
  fs::rename(staging, dir, ec);  // another run created it first: use theirs
  if (ec) fs::remove_all(staging, ec);
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& dir, std::size_t batch_size)
    : batch_size_(batch_size == 0 ? kDefaultBatch : batch_size) {
  try {
    create_atomically(dir);
    db_ = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    started_empty_ = db_.get_doccount() == 0;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("index " + dir.string() + " is locked: another fynd-index is writing to it");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + dir.string() + ": " + e.get_description());
  }
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (...) {
    // Nothing to do: the last commit stays readable.
  }
}

void IndexWriter::begin() {
  if (!in_transaction_) {
    db_.begin_transaction(true);
    in_transaction_ = true;
  }
}

void IndexWriter::changed() {
  if (++pending_ >= batch_size_) commit();
}

namespace {

/// The funders, themes and owner as one text, each value its own sentence so that
/// phrases never run from one value into the next.
std::string metadata_text(const Project& p) {
  std::string out;
  auto add = [&out](const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ". ";
    out += value;
  };
  for (const auto& v : p.funders) add(v);
  for (const auto& v : p.themes) add(v);
  add(p.owner);
  return out;
}

/// The words of the region names that are not places of the gazetteer, so that a query
/// word naming one finds the project: their stem, folded and joined terms
/// (PlaceWords::name_terms()), each distinct term once, without positions, at the
/// metadata weight. A gazetteer place's words are searched through its region term
/// (PlaceWords), not written into every document that lists the place.
/// Such names repeat from project to project: each preparing thread analyses a name once
/// per analyzer and keeps its terms (valid until the next call on the thread).
const std::vector<std::string>& cached_region_terms(const std::string& region, const Analyzer& analyzer) {
  constexpr std::size_t kMaxNames = 4096;  // names from free-form input are not a closed set
  thread_local OwnedWordMemo<std::vector<std::string>> memo;
  WordMap<std::vector<std::string>>& names = memo.of(analyzer.fingerprint(), kMaxNames);
  if (const std::vector<std::string>* terms = names.find(region)) return *terms;
  return names.insert(region, PlaceWords::name_terms(region, analyzer));
}

void add_region_words(Xapian::Document& doc, const std::vector<std::string>& regions, const Analyzer& analyzer) {
  thread_local std::uint64_t options = 0;
  thread_local const PlaceWords* places = nullptr;
  if (places == nullptr || options != analyzer.fingerprint()) {
    places = &PlaceWords::shared(analyzer);
    options = analyzer.fingerprint();
  }
  std::unordered_set<std::string> seen;
  for (const std::string& region : regions) {
    if (places->is_place(region)) continue;
    for (const std::string& term : cached_region_terms(region, analyzer)) {
      if (seen.insert(term).second) doc.add_term(term, Schema::kMetadataWdf);
    }
  }
}

}  // namespace

Xapian::Document IndexWriter::build_document(const Project& p, const Analyzer& analyzer) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  if (!p.title.empty()) analyzer.index_text(doc, p.title, Field::Title, pos);
  if (!p.text.empty()) analyzer.index_text(doc, p.text, Field::Body, pos);
  const std::string metadata = metadata_text(p);
  if (!metadata.empty()) analyzer.index_text(doc, metadata, Field::Metadata, pos);
  add_region_words(doc, p.regions, analyzer);

  doc.add_boolean_term(Schema::id_term(p.id));
  doc.add_boolean_term(std::string(Schema::kKind) + std::string(kind_name(p.kind)));
  if (!p.source.file.empty()) doc.add_boolean_term(Schema::source_term(p.source.file));

  add_facet(doc, Facet::Funder, p.funders);
  add_facet(doc, Facet::Region, p.regions);
  add_facet(doc, Facet::Theme, p.themes);
  std::vector<std::string> years;
  for (int y : p.years) years.push_back(std::to_string(y));
  add_facet(doc, Facet::Year, years);

  if (!p.years.empty()) {
    doc.add_value(Schema::kSlotStartYear, Xapian::sortable_serialise(p.years.front()));
    doc.add_value(Schema::kSlotEndYear, Xapian::sortable_serialise(p.years.back()));
  }
  const std::optional<std::int64_t> budget = p.budget_sek ? p.budget_sek : p.granted_sek;
  if (budget) doc.add_value(Schema::kSlotBudget, Xapian::sortable_serialise(static_cast<double>(*budget)));

  doc.set_data(stored_record(p));
  return doc;
}

void IndexWriter::add(const Project& project) {
  if (project.id.empty()) throw InputError("project without id from " + project.source.file);
  add_document(project.id, project.source.file, build_document(project, analyzer_));
}

void IndexWriter::add_document(const std::string& id, const std::string& file, const Xapian::Document& doc) {
  if (id.empty()) throw InputError("project without id from " + file);
  begin();
  const std::string id_term = Schema::id_term(id);
  if (started_empty_ && added_.insert(id).second) {
    // Not in the index: replace_document() would look the id term up to find nothing and
    // add the document under the next docid, as add_document() does.
    db_.add_document(doc);
  } else {
    db_.replace_document(id_term, doc);
  }
  changed();
}

Xapian::doccount IndexWriter::remove_source(const std::string& file) {
  const std::string term = Schema::source_term(file);
  const Xapian::doccount n = db_.get_termfreq(term);
  if (n == 0) return 0;
  begin();
  db_.delete_document(term);
  changed();
  return n;
}

std::optional<FileSignature> IndexWriter::file_signature(const std::string& path) const {
  const std::string value = db_.get_metadata(meta_key(path));
  if (value.empty()) return std::nullopt;
  FileSignature s = parse_signature(value);
  if (s.path != path) return std::nullopt;
  return s;
}

void IndexWriter::set_file_signature(const FileSignature& s) {
  nlohmann::json j = {{"size", s.size}, {"mtime", s.mtime}, {"hash", s.hash}};
  if (text::is_valid_utf8(s.path)) {
    j["path"] = s.path;
  } else {
    j["path_hex"] = to_hex(s.path);
  }
  begin();
  db_.set_metadata(meta_key(s.path), j.dump());
}

void IndexWriter::erase_file_signature(const std::string& path) {
  begin();
  db_.set_metadata(meta_key(path), std::string());
}

std::map<std::string, FileSignature> IndexWriter::indexed_files() const {
  std::map<std::string, FileSignature> files;
  const std::string prefix(Schema::kMetaFilePrefix);
  for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
    FileSignature s = parse_signature(db_.get_metadata(*it));
    if (!s.path.empty()) files.emplace(s.path, std::move(s));
  }
  return files;
}

void IndexWriter::commit() {
  if (!in_transaction_) return;
  db_.set_metadata(std::string(Schema::kMetaIndexedAt), now_iso8601());
  db_.commit_transaction();
  in_transaction_ = false;
  pending_ = 0;
}

void IndexWriter::stamp() {
  begin();
  commit();
}

void IndexWriter::keep_latest(const std::string& id) {
  const std::string term = Schema::id_term(id);
  std::vector<Xapian::docid> docs;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) docs.push_back(*it);
  if (docs.size() < 2) return;
  docs.pop_back();  // postings are in docid order: the last is the latest
  begin();
  for (Xapian::docid d : docs) db_.delete_document(d);
  changed();
}

Xapian::doccount IndexWriter::doc_count() const { return db_.get_doccount(); }

}  // namespace fynd
