// Replays fuzz inputs without libFuzzer: every regular file under each argument (a file or
// a directory, walked recursively, in name order; names starting with '.' and README.md are
// skipped) is passed once to LLVMFuzzerTestOneInput. A missing regressions directory is
// fine; a missing corpus (the first argument) is an error. A crash fails the run.
// LLVMFuzzerInitialize, when the target defines it, runs first.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Optional, as in libFuzzer: targets with costly set-up define it.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

namespace {

bool skipped(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.empty() || name[0] == '.' || name == "README.md";
}

std::vector<fs::path> inputs(const fs::path& root) {
  std::vector<fs::path> out;
  if (fs::is_regular_file(root)) {
    out.push_back(root);
    return out;
  }
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && !skipped(e.path())) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [REGRESSIONS_DIR|FILE...]\n", argv[0]);
    return 2;
  }
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::size_t total = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 1; i < argc; ++i) {
    const fs::path root = argv[i];
    if (!fs::exists(root)) {
      if (i == 1) {
        std::fprintf(stderr, "%s: corpus '%s' does not exist\n", argv[0], argv[i]);
        return 2;
      }
      continue;
    }
    for (const fs::path& p : inputs(root)) {
      std::ifstream in(p, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "%s: cannot read '%s'\n", argv[0], p.c_str());
        return 2;
      }
      std::ostringstream content;
      content << in.rdbuf();
      const std::string bytes = content.str();
      std::fprintf(stderr, "replay %s (%zu bytes)\n", p.c_str(), bytes.size());
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++total;
    }
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "%s: %zu inputs replayed in %lld ms\n", argv[0], total, static_cast<long long>(ms));
  if (total == 0) {
    std::fprintf(stderr, "%s: no inputs found\n", argv[0]);
    return 1;
  }
  return 0;
}
