/** Helpers shared by the test suites: temp dirs, paths to fixtures and ../shared. */
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fynd::test {

/// A fresh, empty directory under ::testing::TempDir(), unique to the running test.
std::filesystem::path temp_dir();
/// tests/fixtures/<rel>
std::filesystem::path fixture(const std::string& rel);
/// The project's source tree (for data/ and stopwords/).
std::filesystem::path source_dir();
/// ../shared next to the checkout, if present. Tests that need it GTEST_SKIP() when not.
std::optional<std::filesystem::path> shared_dir();
/// The whole content of a file.
std::string read_file(const std::filesystem::path& p);
/// Writes a file, creating parent directories.
void write_file(const std::filesystem::path& p, const std::string& content);
/// The non-empty, trimmed items of a comma-separated field ("Luleå, Boden").
std::vector<std::string> split_commas(const std::string& s);

}  // namespace fynd::test

/// Skips the current test with a clear message when ../shared is absent.
#define FYND_REQUIRE_SHARED(var)                                                        \
  auto var##_opt = ::fynd::test::shared_dir();                                          \
  if (!var##_opt) GTEST_SKIP() << "../shared is absent: skipping test on shared data"; \
  const std::filesystem::path var = *var##_opt
