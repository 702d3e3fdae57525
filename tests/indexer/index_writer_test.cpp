// Index a project, then read it back with a plain Xapian::Database.
#include "index_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "error.h"
#include "facet_values.h"
#include "schema.h"
#include "test_support.h"

namespace fynd {
namespace {

Project sample_project() {
  Project p;
  p.id = "esf-2019-00503";
  p.title = "Räkna med mig!";
  p.text = "Projektet rustar deltagarna med kunskap om arbetsmarknaden i Jönköpings län.";
  p.source.file = "data/esf.txt";
  p.source.format = "esf";
  p.funders = {"Europeiska socialfonden"};
  p.regions = {"Småland & Öarna", "Jönköpings län"};
  p.years = {2020, 2021, 2022};
  p.themes = {"Arbetsmarknad"};
  p.budget_sek = 11444103;
  p.granted_sek = 5380349;
  p.owner = "Region Jönköpings län";
  p.fields = {{"Specifikt mål", "2.3"}};
  return p;
}

bool has_term(const Xapian::Database& db, Xapian::docid did, const std::string& term) {
  Xapian::TermIterator t = db.termlist_begin(did);
  t.skip_to(term);
  return t != db.termlist_end(did) && *t == term;
}

TEST(IndexWriter, DocumentReadsBack) {
  const auto dir = test::temp_dir() / "db";
  {
    IndexWriter writer(dir);
    writer.add(sample_project());
    writer.commit();
  }
  Xapian::Database db(dir.string());
  ASSERT_EQ(db.get_doccount(), 1U);
  Xapian::PostingIterator it = db.postlist_begin(Schema::id_term("esf-2019-00503"));
  ASSERT_NE(it, db.postlist_end(Schema::id_term("esf-2019-00503")));
  const Xapian::docid did = *it;

  EXPECT_TRUE(has_term(db, did, "räkna"));
  EXPECT_TRUE(has_term(db, did, std::string(Schema::kTitle) + "räkna"));
  EXPECT_TRUE(has_term(db, did, "arbetsmarknaden"));
  EXPECT_TRUE(has_term(db, did, Schema::facet_term(Facet::Funder, "Europeiska socialfonden")));
  EXPECT_TRUE(has_term(db, did, "XFUNDER:europeiska socialfonden"));
  EXPECT_TRUE(has_term(db, did, Schema::facet_term(Facet::Region, "Jönköpings län")));
  EXPECT_TRUE(has_term(db, did, Schema::facet_term(Facet::Year, "2021")));
  EXPECT_TRUE(has_term(db, did, Schema::facet_term(Facet::Theme, "Arbetsmarknad")));
  EXPECT_TRUE(has_term(db, did, std::string(Schema::kKind) + "project"));
  EXPECT_TRUE(has_term(db, did, Schema::source_term("data/esf.txt")));

  const Xapian::Document doc = db.get_document(did);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(Schema::kSlotStartYear)), 2020);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(Schema::kSlotEndYear)), 2022);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(Schema::kSlotBudget)), 11444103);
  EXPECT_EQ(decode_facet_values(doc.get_value(Schema::facet_slot(Facet::Region))),
            (std::vector<std::string>{"Småland & Öarna", "Jönköpings län"}));
  EXPECT_EQ(decode_facet_values(doc.get_value(Schema::facet_slot(Facet::Year))),
            (std::vector<std::string>{"2020", "2021", "2022"}));

  const Project back = nlohmann::json::parse(doc.get_data()).get<Project>();
  EXPECT_EQ(back.id, "esf-2019-00503");
  EXPECT_EQ(back.title, "Räkna med mig!");
  EXPECT_EQ(back.granted_sek, 5380349);
  EXPECT_EQ(back.years, (std::vector<int>{2020, 2021, 2022}));
  ASSERT_EQ(back.fields.size(), 1U);
  EXPECT_EQ(back.fields[0].second, "2.3");
  EXPECT_FALSE(db.get_metadata(std::string(Schema::kMetaIndexedAt)).empty());
}

TEST(IndexWriter, ReplaceByIdAndRemoveSource) {
  const auto dir = test::temp_dir() / "db";
  IndexWriter writer(dir);
  Project a = sample_project();
  writer.add(a);
  a.title = "Räkna med mig! 2020";
  writer.add(a);
  Project b = sample_project();
  b.id = "eruf-1";
  b.source.file = "data/other.json";
  writer.add(b);
  writer.commit();
  EXPECT_EQ(writer.doc_count(), 2U);
  EXPECT_EQ(writer.remove_source("data/esf.txt"), 1U);
  writer.commit();
  EXPECT_EQ(writer.doc_count(), 1U);
  EXPECT_EQ(writer.remove_source("data/none.txt"), 0U);
}

TEST(IndexWriter, NewAndRepeatedIdsGetTheDocidsOfAReplaceById) {
  const auto dir = test::temp_dir() / "db";
  auto docid_of = [](const Xapian::Database& db, const std::string& id) {
    Xapian::PostingIterator it = db.postlist_begin(Schema::id_term(id));
    return it == db.postlist_end(Schema::id_term(id)) ? Xapian::docid{0} : *it;
  };
  auto project = [](const std::string& id, const std::string& title) {
    Project p = sample_project();
    p.id = id;
    p.title = title;
    return p;
  };
  {
    IndexWriter writer(dir);  // an empty index: new ids are added, a repeated one replaced
    writer.add(project("a", "Första"));
    writer.add(project("b", "Andra"));
    writer.add(project("a", "Första igen"));
    writer.add(project("c", "Tredje"));
    writer.commit();
  }
  {
    IndexWriter writer(dir);  // not empty: every id is replaced by its term
    writer.add(project("b", "Andra igen"));
    writer.add(project("d", "Fjärde"));
    writer.commit();
  }
  Xapian::Database db(dir.string());
  EXPECT_EQ(db.get_doccount(), 4U);
  EXPECT_EQ(docid_of(db, "a"), 1U);
  EXPECT_EQ(docid_of(db, "b"), 2U);
  EXPECT_EQ(docid_of(db, "c"), 3U);
  EXPECT_EQ(docid_of(db, "d"), 4U);
  EXPECT_EQ(db.get_termfreq(Schema::id_term("a")), 1U);
  EXPECT_EQ(db.get_termfreq(Schema::id_term("b")), 1U);
  EXPECT_EQ(nlohmann::json::parse(db.get_document(1).get_data()).at("title"), "Första igen");
  EXPECT_EQ(nlohmann::json::parse(db.get_document(2).get_data()).at("title"), "Andra igen");
}

TEST(IndexWriter, StoredRecordIsTheProjectWithoutItsEvidence) {
  const auto dir = test::temp_dir() / "db";
  Project p = sample_project();
  p.evidence.push_back({"funders", "Europeiska socialfonden", "Projektet finansieras av ESF", Origin::Text, true});
  {
    IndexWriter writer(dir);
    writer.add(p);
    writer.commit();
  }
  Xapian::Database db(dir.string());
  const nlohmann::json stored = nlohmann::json::parse(db.get_document(1).get_data());
  EXPECT_FALSE(stored.contains("evidence"));
  nlohmann::json expected = p;  // the whole project, evidence erased, empty fields dropped
  expected.erase("evidence");
  for (auto it = expected.begin(); it != expected.end();) {
    const nlohmann::json& v = it.value();
    const bool empty = v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                       ((v.is_array() || v.is_object()) && v.empty()) ||
                       (it.key() == "period" && v.value("start", "").empty() && v.value("end", "").empty());
    it = empty ? expected.erase(it) : std::next(it);
  }
  EXPECT_EQ(stored, expected);
  EXPECT_TRUE(stored.contains("fields") && stored.contains("granted_sek"));
  EXPECT_FALSE(stored.contains("email"));  // an empty string is an empty field
}

TEST(IndexWriter, FileSignaturesPersist) {
  const auto dir = test::temp_dir() / "db";
  {
    IndexWriter writer(dir);
    writer.set_file_signature({"data/a.txt", 12, 34, content_hash("hej")});
    writer.commit();
  }
  IndexWriter writer(dir);
  const auto sig = writer.file_signature("data/a.txt");
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(sig->size, 12U);
  EXPECT_EQ(sig->mtime, 34);
  EXPECT_EQ(sig->hash, content_hash("hej"));
  EXPECT_NE(content_hash("hej"), content_hash("hej!"));
  EXPECT_EQ(writer.indexed_files().size(), 1U);
  writer.erase_file_signature("data/a.txt");
  writer.commit();
  EXPECT_FALSE(writer.file_signature("data/a.txt").has_value());
  EXPECT_TRUE(writer.indexed_files().empty());
}

TEST(IndexWriter, BatchesCommitAlongTheWay) {
  const auto dir = test::temp_dir() / "db";
  IndexWriter writer(dir, 2);
  for (int i = 0; i < 5; ++i) {
    Project p = sample_project();
    p.id = "p" + std::to_string(i);
    writer.add(p);
  }
  // Two batches of two are committed; a reader sees them before the final commit.
  Xapian::Database reader(dir.string());
  EXPECT_EQ(reader.get_doccount(), 4U);
  writer.commit();
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 5U);
}

TEST(IndexWriter, LockedIndexIsAnIndexError) {
  const auto dir = test::temp_dir() / "db";
  IndexWriter first(dir);
  EXPECT_THROW(IndexWriter second(dir), IndexError);
}

}  // namespace
}  // namespace fynd
