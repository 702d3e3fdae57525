#include <cstdlib>
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>
#include <sstream>

namespace fynd::test {

std::filesystem::path temp_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "fynd";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  auto dir = std::filesystem::path(::testing::TempDir()) / ("fynd-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
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
