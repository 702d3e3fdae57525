// StaticFiles: the compiled-in copy of web/, a page directory given by --web, and the
// installed page found relative to the binary.
#include <gtest/gtest.h>

#include <algorithm>

#include "static_files.h"
#include "test_support.h"

namespace fynd::test {
namespace {

namespace fs = std::filesystem;
using fynd::http::StaticFiles;

TEST(StaticFilesTest, CompiledInCopyHoldsEveryFileOfWebAsBuilt) {
  std::vector<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(source_dir() / "web")) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.front() != '.') on_disk.push_back(name);
  }
  ASSERT_FALSE(on_disk.empty());
  std::vector<std::string> compiled;
  for (auto n : StaticFiles::compiled_in_names()) compiled.emplace_back(n);
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(compiled.begin(), compiled.end());
  EXPECT_EQ(compiled, on_disk);

  StaticFiles page{fs::path()};
  auto index = page.load("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->content, read_file(source_dir() / "web" / "index.html"));
  EXPECT_EQ(index->mime_type, "text/html; charset=utf-8");
  auto api = page.load("openapi.json");
  ASSERT_TRUE(api.has_value());
  EXPECT_EQ(api->content, read_file(source_dir() / "web" / "openapi.json"));
  EXPECT_FALSE(page.load("no-such-file.js").has_value());
  EXPECT_FALSE(page.load("../CMakeLists.txt").has_value());
  EXPECT_FALSE(page.load("").has_value());
}

TEST(StaticFilesTest, DirectoryGivenServesOnlyItsOwnFiles) {
  const fs::path tmp = temp_dir();
  const fs::path dir = tmp / "page";
  write_file(dir / "index.html", "<p>own page</p>");
  write_file(dir / "notes.txt", "not a page type");
  write_file(tmp / "outside.html", "outside");
  StaticFiles page{dir};
  auto index = page.load("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->content, "<p>own page</p>");
  // Nothing falls back to the compiled-in copy when a directory is given.
  EXPECT_FALSE(page.load("app.js").has_value());
  EXPECT_FALSE(page.load("notes.txt").has_value());
  EXPECT_FALSE(page.load("..%2Foutside.html").has_value());
  EXPECT_FALSE(page.load(".index.html").has_value());
}

TEST(StaticFilesTest, InstalledDirIsShareFyndWebBesideBin) {
  fs::path prefix = temp_dir() / "prefix";
  fs::path exe = prefix / "bin" / "fynd-serve";
  write_file(exe, "");
  EXPECT_EQ(StaticFiles::installed_dir(exe), fs::path()) << "no page installed yet";
  write_file(prefix / "share" / "fynd" / "web" / "index.html", "<p>installed</p>");
  EXPECT_EQ(StaticFiles::installed_dir(exe), (prefix / "share" / "fynd" / "web").lexically_normal());
  EXPECT_EQ(StaticFiles::installed_dir(fs::path()), fs::path());
  // The test binary lives in the build tree, where no page is installed.
  EXPECT_EQ(StaticFiles::installed_dir(), fs::path());
}

}  // namespace
}  // namespace fynd::test
