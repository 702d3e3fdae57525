// Reader isolation: the worker process, its budgets, the document codec, and whole runs
// in which readers crash, hang or run out of memory on some files (FYND_TEST_FAULT).
#include <gtest/gtest.h>
#include <xapian.h>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <sstream>
#include <thread>

#include "isolated_reader.h"
#include "isolated_worker.h"
#include "pipeline.h"
#include "schema.h"
#include "test_support.h"
#include "worker_codec.h"

namespace fynd {
namespace {

namespace fs = std::filesystem;

IsolationLimits limits(double seconds, std::size_t megabytes) {
  IsolationLimits l;
  l.timeout_seconds = seconds;
  l.memory_bytes = megabytes << 20;
  return l;
}

/// A job whose request says what to do: "echo N" emits N numbered items, "slow N" emits
/// N items 0.15 s apart, "crash", "hang", "alloc" (allocates until stopped), "throw".
void test_job(std::string_view request, const IsolatedWorker::Emit& emit) {
  if (request.rfind("echo ", 0) == 0) {
    const int n = std::atoi(std::string(request.substr(5)).c_str());
    const std::string pad(1000, 'x');
    for (int i = 0; i < n; ++i) emit(std::to_string(i) + ':' + pad);
  } else if (request.rfind("slow ", 0) == 0) {
    const int n = std::atoi(std::string(request.substr(5)).c_str());
    for (int i = 0; i < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      emit(std::to_string(i));
    }
  } else if (request == "crash") {
    emit("before");
    ::signal(SIGSEGV, SIG_DFL);
    ::raise(SIGSEGV);
  } else if (request == "hang") {
    for (;;) ::pause();
  } else if (request == "alloc") {
    std::vector<std::unique_ptr<char[]>> held;
    for (;;) {
      held.emplace_back(new char[4 << 20]);
      std::memset(held.back().get(), 1, 4 << 20);
    }
  } else if (request == "throw") {
    throw std::runtime_error("no such thing");
  }
}

std::vector<std::string> run_items(IsolatedWorker& w, std::string_view request, WorkerOutcome* outcome = nullptr) {
  std::vector<std::string> items;
  const WorkerOutcome o = w.run(request, [&](std::string_view item) { items.emplace_back(item); });
  if (outcome) *outcome = o;
  return items;
}

TEST(IsolatedWorker, StreamsItemsInOrderAndReusesTheWorker) {
  IsolatedWorker w(test_job, limits(10, 0));
  WorkerOutcome o;
  const auto items = run_items(w, "echo 3", &o);
  EXPECT_EQ(o.status, WorkerStatus::Finished);
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0].substr(0, 2), "0:");
  EXPECT_EQ(items[2].substr(0, 2), "2:");
  EXPECT_EQ(items[2].size(), 1002U);
  EXPECT_EQ(run_items(w, "echo 0", &o).size(), 0U);
  EXPECT_EQ(o.status, WorkerStatus::Finished);
  EXPECT_EQ(w.workers_started(), 1U);
}

TEST(IsolatedWorker, ManyItemsStreamWithinASmallMemoryBudget) {
  // 40,000 items of 1 KB: 40 MB in all, more than the budget; the worker sends them as
  // they come instead of holding them. (Under AddressSanitizer the freed items sit in its
  // quarantine and count as resident: no budget there.)
  IsolatedWorker w(test_job, limits(60, kAddressSanitizer ? 0 : 24));
  std::size_t count = 0;
  std::size_t bytes = 0;
  const WorkerOutcome o = w.run("echo 40000", [&](std::string_view item) {
    ++count;
    bytes += item.size();
  });
  EXPECT_EQ(o.status, WorkerStatus::Finished);
  EXPECT_EQ(count, 40000U);
  EXPECT_GT(bytes, std::size_t{38} << 20);
  if (!kAddressSanitizer) {
    EXPECT_LT(o.peak_bytes, std::size_t{24} << 20);
  }
}

TEST(IsolatedWorker, ACrashCostsOneRequestAndTheNextGetsANewWorker) {
  IsolatedWorker w(test_job, limits(10, 0));
  WorkerOutcome o;
  const auto items = run_items(w, "crash", &o);
  EXPECT_EQ(o.status, WorkerStatus::Crashed);
  if (!kAddressSanitizer) {
    EXPECT_EQ(o.signal, SIGSEGV);
  }
  EXPECT_LE(items.size(), 1U);  // buffered items may die with the worker: the request fails whole
  EXPECT_EQ(run_items(w, "echo 2", &o).size(), 2U);
  EXPECT_EQ(o.status, WorkerStatus::Finished);
  EXPECT_EQ(w.workers_started(), 2U);
}

TEST(IsolatedWorker, AHangIsStoppedAtTheTimeBudget) {
  IsolatedWorker w(test_job, limits(0.3, 0));
  WorkerOutcome o;
  run_items(w, "hang", &o);
  EXPECT_EQ(o.status, WorkerStatus::TimedOut);
  EXPECT_GE(o.seconds, 0.3);
  EXPECT_LT(o.seconds, 5.0);
  EXPECT_EQ(run_items(w, "echo 1", &o).size(), 1U);
  EXPECT_EQ(o.status, WorkerStatus::Finished);
}

TEST(IsolatedWorker, APerItemBudgetLetsASteadyStreamRunPastIt) {
  // Six items 0.15 s apart: 0.9 s in all, never 0.5 s without an item.
  IsolatedWorker w(test_job, limits(0.5, 0));
  std::vector<std::string> items;
  auto collect = [&](std::string_view item) { items.emplace_back(item); };
  const WorkerOutcome per_item = w.run({"slow 6"}, collect, IsolatedWorker::Budget::PerItem);
  EXPECT_EQ(per_item.status, WorkerStatus::Finished);
  EXPECT_EQ(items.size(), 6U);
  EXPECT_GE(per_item.seconds, 0.5);  // the whole request, not the last wait

  items.clear();
  const WorkerOutcome whole = w.run({"slow 6"}, collect);
  EXPECT_EQ(whole.status, WorkerStatus::TimedOut);
  EXPECT_LT(items.size(), 6U);
}

TEST(IsolatedWorker, APerItemBudgetStillStopsAStall) {
  IsolatedWorker w(test_job, limits(0.3, 0));
  const WorkerOutcome o = w.run({"hang"}, [](std::string_view) {}, IsolatedWorker::Budget::PerItem);
  EXPECT_EQ(o.status, WorkerStatus::TimedOut);
  EXPECT_GE(o.seconds, 0.3);
  EXPECT_LT(o.seconds, 5.0);
}

TEST(IsolatedWorker, TimeInTheCallersCallbackDoesNotCount) {
  IsolatedWorker w(test_job, limits(0.5, 0));
  WorkerOutcome o;
  int seen = 0;
  o = w.run("echo 4", [&](std::string_view) {
    ++seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  });
  EXPECT_EQ(o.status, WorkerStatus::Finished);
  EXPECT_EQ(seen, 4);
}

TEST(IsolatedWorker, AllocatingWithoutEndIsStoppedAtTheMemoryBudget) {
  IsolatedWorker w(test_job, limits(60, 64));
  WorkerOutcome o;
  run_items(w, "alloc", &o);
  EXPECT_EQ(o.status, WorkerStatus::OverMemory);
  EXPECT_EQ(run_items(w, "echo 1", &o).size(), 1U);
  EXPECT_EQ(o.status, WorkerStatus::Finished);
}

TEST(IsolatedWorker, AnExceptionOfTheJobIsReportedAndTheWorkerStays) {
  IsolatedWorker w(test_job, limits(10, 0));
  WorkerOutcome o;
  run_items(w, "throw", &o);
  EXPECT_EQ(o.status, WorkerStatus::Failed);
  EXPECT_EQ(o.message, "no such thing");
  run_items(w, "echo 1", &o);
  EXPECT_EQ(w.workers_started(), 1U);
}

TEST(IsolatedWorker, AnExceptionOfTheCallbackPropagatesAndKillsTheWorker) {
  IsolatedWorker w(test_job, limits(10, 0));
  EXPECT_THROW(w.run("echo 100", [](std::string_view) { throw std::runtime_error("stop"); }),
               std::runtime_error);
  WorkerOutcome o;
  EXPECT_EQ(run_items(w, "echo 5", &o).size(), 5U);
  EXPECT_EQ(w.workers_started(), 2U);
}

TEST(WorkerCodec, DocumentsSurviveTheTripWithRecordFieldsInOrder) {
  RawDocument doc;
  append_block(doc, BlockType::Heading, "Hållbar turism i Växjö", 1);
  append_block(doc, BlockType::Paragraph, "Ett projekt om cykelleder.");
  append_block(doc, BlockType::PageBreak, "");
  doc.title = "Hållbar turism";
  doc.source = {"in/a.json", 10, 250, "json"};
  doc.encoding = "windows-1252";
  doc.warnings = {"in/a.json: 3 undecodable bytes replaced"};
  Project p;
  p.id = "eruf-20201234";
  p.title = "Hållbar turism";
  p.budget_sek = 1200000;
  p.years = {2019, 2020};
  p.fields = {{"tematiskt_mål", "4"}, {"insatsområde", "B"}, {"tematiskt_mål", "6"}};
  p.evidence.push_back({"budget_sek", "1200000", "1,2 Mkr", Origin::Structured, false});
  doc.record = p;

  std::string bytes;
  encode_document(doc, bytes);
  const RawDocument back = decode_document(bytes);
  EXPECT_EQ(back.text, doc.text);
  ASSERT_EQ(back.blocks.size(), 3U);
  EXPECT_EQ(back.blocks[0].type, BlockType::Heading);
  EXPECT_EQ(back.blocks[0].level, 1);
  EXPECT_EQ(back.blocks[1].text, "Ett projekt om cykelleder.");
  EXPECT_EQ(back.blocks[1].begin, doc.blocks[1].begin);
  EXPECT_EQ(back.blocks[2].type, BlockType::PageBreak);
  EXPECT_EQ(back.title, doc.title);
  EXPECT_EQ(back.source.end, 250U);
  EXPECT_EQ(back.source.format, "json");
  EXPECT_EQ(back.encoding, "windows-1252");
  EXPECT_EQ(back.warnings, doc.warnings);
  ASSERT_TRUE(back.record.has_value());
  EXPECT_EQ(back.record->id, "eruf-20201234");
  EXPECT_EQ(back.record->budget_sek, 1200000);
  EXPECT_EQ(back.record->years, (std::vector<int>{2019, 2020}));
  EXPECT_EQ(back.record->fields, p.fields);
  ASSERT_EQ(back.record->evidence.size(), 1U);
  EXPECT_FALSE(back.record->evidence[0].used);

  EXPECT_THROW(decode_document(std::string_view(bytes).substr(0, bytes.size() - 3)), InputError);
}

TEST(WorkerCodec, EveryFieldOfARecordSurvivesTheTrip) {
  Project p;
  p.id = "esf-2020-17";
  p.kind = ProjectKind::Article;
  p.title = "Unga i arbete";
  p.text = "Ett projekt i Ljusdal.";
  p.display_text = "Ett projekt i Ljusdal!";
  p.source = {"a.jsonl", 7, 99, "json"};
  p.funders = {"Europeiska socialfonden", "Region Gävleborg"};
  p.regions = {"Ljusdal", "Gävleborgs län"};
  p.years = {2018, 2019, -1};
  p.themes = {"arbetsmarknad"};
  p.budget_sek = -5;
  p.granted_sek = 4000000000LL;
  p.owner = "Ljusdals kommun";
  p.contact = "Åsa Öberg";
  p.email = "asa@ljusdal.se";
  p.period = {"2018-01-01", "2019-12-31"};
  p.partners = {"Arbetsförmedlingen"};
  p.fields = {{"b", "2"}, {"a", "1"}, {"b", "3"}};
  p.evidence.push_back({"owner", "Ljusdals kommun", "Projektägare: Ljusdals kommun", Origin::Page, true});
  p.evidence.push_back({"years", "2018", "2018", Origin::Structured, false});
  RawDocument doc;
  doc.record = p;
  std::string bytes;
  encode_document(doc, bytes);
  const RawDocument back = decode_document(bytes);
  ASSERT_TRUE(back.record.has_value());
  EXPECT_EQ(nlohmann::json(*back.record), nlohmann::json(p));
  EXPECT_EQ(back.record->fields, p.fields);  // order and repeated keys, which the JSON folds
  EXPECT_EQ(back.record->display_text, p.display_text);
  EXPECT_EQ(back.record->evidence[0].origin, Origin::Page);
  EXPECT_EQ(back.record->evidence[1].origin, Origin::Structured);
  EXPECT_FALSE(back.record->evidence[1].used);
  // A record without an optional amount keeps it empty.
  doc.record->budget_sek.reset();
  bytes.clear();
  encode_document(doc, bytes);
  EXPECT_FALSE(decode_document(bytes).record->budget_sek.has_value());
  // Bytes that are not a document: an error, not a crash or a huge allocation.
  std::string junk = bytes;
  for (std::size_t i = 0; i + 8 <= junk.size(); i += 64) junk.replace(i, 8, "\xff\xff\xff\xff\xff\xff\xff\x7f");
  EXPECT_THROW(decode_document(junk), InputError);
}

TEST(IsolatedReader, ReaderErrorsKeepTheirKind) {
  const auto dir = test::temp_dir();
  ReaderRegistry registry;
  IsolatedReader isolated(registry, limits(10, 0));
  const Reader& json = *registry.find("json");
  std::vector<RawDocument> docs;
  auto each = [&](RawDocument&& d) { docs.push_back(std::move(d)); };
  EXPECT_THROW(isolated.read(json, dir / "trasig.json", "[{\"projektnamn\": ]", each), InputError);
  EXPECT_THROW(isolated.read(json, dir / "package.json", "{\"name\": \"x\"}", each), NotIndexable);
  const std::string good = test::read_file(test::fixture("json/eruf_sample.json"));
  isolated.read(json, dir / "bra.json", good, each);
  std::vector<RawDocument> direct = json.read(dir / "bra.json", good);
  ASSERT_EQ(docs.size(), direct.size());
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].record->id, direct[0].record->id);
  EXPECT_EQ(docs[0].text, direct[0].text);
  EXPECT_EQ(isolated.workers_started(), 1U);  // errors do not cost the worker
}

TEST(IsolatedReader, FailureReasonsAreOneLine) {
  const IsolationLimits l = limits(30, 200);
  WorkerOutcome o;
  o.status = WorkerStatus::Crashed;
  o.signal = 11;
  EXPECT_EQ(failure_reason(o, l, "html"), "crashed while parsing HTML (signal 11)");
  o.signal = 0;
  o.exit_code = 1;
  EXPECT_EQ(failure_reason(o, l, "pdf"), "crashed while parsing PDF (exit code 1)");
  o.status = WorkerStatus::TimedOut;
  EXPECT_EQ(failure_reason(o, l, "text"), "timed out after 30 s");
  EXPECT_EQ(failure_reason(o, limits(0.5, 0), "text"), "timed out after 0.5 s");
  o.status = WorkerStatus::OverMemory;
  EXPECT_EQ(failure_reason(o, l, "json"), "over 200 MB of memory while reading");
}

/// Sets an environment variable for the scope of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

TEST(ReaderIsolation, FaultyFilesFailAloneAndEveryOtherFileIsIndexed) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  const auto db = dir / "db";
  test::write_file(in / "a_gröna.txt", "Gröna städer i Växjö kommun.\nProjektet pågår 2019-2021.\n");
  test::write_file(in / "b_krasch.html", test::read_file(test::fixture("html/internationella_projekt.html")));
  test::write_file(in / "c_blå.md", "# Blå vägen\n\nEtt samarbete mellan Umeå och Vasa om hållbar turism.\n");
  test::write_file(in / "d_häng.txt", "Kalmar kommun bygger bredband.\n");
  test::write_file(in / "e_bra.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "f_minne.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "g_sist.txt", "Luleå tekniska universitet leder ett projekt om vätgas.\n");

  const ScopedEnv fault("FYND_TEST_FAULT", "crash:b_*,hang:d_*,oom:f_*");
  IndexOptions options;
  options.db = db;
  options.inputs = {in};
  options.reader_limits = limits(1, 64);
  std::ostringstream log;
  const IndexSummary s = Pipeline(options, log).run();

  ASSERT_EQ(s.failed.size(), 3U) << log.str();
  const std::string crash_line = "failed " + (in / "b_krasch.html").string() + ": crashed while parsing HTML (";
  EXPECT_NE(log.str().find(crash_line + (kAddressSanitizer ? "" : "signal 11)\n")), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("failed " + (in / "d_häng.txt").string() + ": timed out after 1 s\n"), std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("failed " + (in / "f_minne.json").string() + ": over 64 MB of memory while reading\n"),
            std::string::npos)
      << log.str();
  EXPECT_EQ(s.files_read, 4U) << log.str();
  // The good files' projects, those after the faults too, are in the index.
  Xapian::Database index(db.string());
  for (const char* name : {"a_gröna.txt", "c_blå.md", "e_bra.json", "g_sist.txt"}) {
    EXPECT_GE(index.get_termfreq(Schema::source_term((in / name).string())), 1U) << name;
  }
  for (const char* name : {"b_krasch.html", "d_häng.txt", "f_minne.json"}) {
    EXPECT_EQ(index.get_termfreq(Schema::source_term((in / name).string())), 0U) << name;
  }
  EXPECT_GE(index.get_termfreq("vätgas"), 1U);
  EXPECT_EQ(index.get_termfreq(Schema::id_term("eruf-20205678")), 1U);
}

TEST(ReaderIsolation, WithoutIsolationTheSameRunGivesTheSameIndex) {
  const auto dir = test::temp_dir();
  const auto in = dir / "in";
  test::write_file(in / "a.txt", "Gröna städer i Växjö kommun.\nProjektet pågår 2019-2021.\n");
  test::write_file(in / "b.html", test::read_file(test::fixture("html/internationella_projekt.html")));
  test::write_file(in / "c.json", test::read_file(test::fixture("json/eruf_sample.json")));
  test::write_file(in / "d.json", "[{\"projektnamn\": ]");
  IndexSummary runs[2];
  for (int isolated = 0; isolated < 2; ++isolated) {
    IndexOptions options;
    options.db = dir / ("db" + std::to_string(isolated));
    options.inputs = {in};
    options.isolation = isolated == 1;
    std::ostringstream log;
    runs[isolated] = Pipeline(options, log).run();
  }
  EXPECT_EQ(runs[0].projects_indexed, runs[1].projects_indexed);
  EXPECT_EQ(runs[0].files_read, runs[1].files_read);
  ASSERT_EQ(runs[1].failed.size(), 1U);
  EXPECT_EQ(runs[0].failed[0].reason, runs[1].failed[0].reason);
  Xapian::Database a((dir / "db0").string());
  Xapian::Database b((dir / "db1").string());
  EXPECT_EQ(a.get_doccount(), b.get_doccount());
  for (auto t = a.allterms_begin(); t != a.allterms_end(); ++t) {
    EXPECT_EQ(a.get_termfreq(*t), b.get_termfreq(*t)) << *t;
  }
}

}  // namespace
}  // namespace fynd
