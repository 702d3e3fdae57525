#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace fynd::test {

namespace {

/// The directories temp_dir() made in this process, each with the test that asked for it
/// (empty: outside a test, e.g. in SetUpTestSuite).
struct MadeDirs {
  std::mutex mutex;
  std::map<std::filesystem::path, std::string> owner;
};

MadeDirs& made_dirs() {
  static MadeDirs dirs;
  return dirs;
}

std::string full_name(const ::testing::TestInfo& info) {
  return std::string(info.test_suite_name()) + "." + info.name();
}

/// Removes the directories of tests that passed when the test program ends, so runs do not
/// pile up folders in the temp directory. A failed test's directory is kept (its path is
/// printed) for a look at what it left; FYND_KEEP_TEST_DIRS=1 keeps every directory.
class TempDirCleaner : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override {
    if (info.result() != nullptr && info.result()->Failed()) failed_.push_back(full_name(info));
  }

  void OnTestProgramEnd(const ::testing::UnitTest& unit) override {
    if (const char* keep = std::getenv("FYND_KEEP_TEST_DIRS"); keep != nullptr && *keep != '\0' && *keep != '0') return;
    MadeDirs& dirs = made_dirs();
    std::lock_guard lock(dirs.mutex);
    for (const auto& [dir, owner] : dirs.owner) {
      const bool failed = owner.empty() ? unit.Failed() : is_failed(owner);
      if (failed) {
        std::fprintf(stderr, "kept the test directory %s\n", dir.c_str());
        continue;
      }
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
    dirs.owner.clear();
  }

 private:
  bool is_failed(const std::string& name) const {
    for (const std::string& f : failed_) {
      if (f == name) return true;
    }
    return false;
  }

  std::vector<std::string> failed_;
};

/// Registers the cleaner once, before main() runs the tests (every test program that can
/// call temp_dir() links this file).
[[maybe_unused]] const bool kCleanerRegistered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new TempDirCleaner);
  return true;
}();

}  // namespace

std::filesystem::path temp_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "fynd";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  auto dir = std::filesystem::path(::testing::TempDir()) / ("fynd-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    MadeDirs& dirs = made_dirs();
    std::lock_guard lock(dirs.mutex);
    dirs.owner[dir] = info ? full_name(*info) : std::string();
  }
  return dir;
}

std::filesystem::path fixture(const std::string& rel) {
  return std::filesystem::path(FYND_SOURCE_DIR) / "tests" / "fixtures" / rel;
}

std::filesystem::path source_dir() { return std::filesystem::path(FYND_SOURCE_DIR); }

std::optional<std::filesystem::path> shared_dir() {
  if (const char* env = std::getenv("FYND_SHARED_DIR")) {
    if (std::filesystem::is_directory(env)) return std::filesystem::path(env);
  }
  std::filesystem::path p(FYND_SHARED_DIR);
  if (std::filesystem::is_directory(p / "seeds") || std::filesystem::is_directory(p / "corpus")) {
    return std::filesystem::weakly_canonical(p);
  }
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& content) {
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t c = s.find(',', start);
    if (c == std::string::npos) c = s.size();
    std::string v = s.substr(start, c - start);
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    if (!v.empty()) out.push_back(v);
    start = c + 1;
  }
  return out;
}

}  // namespace fynd::test
