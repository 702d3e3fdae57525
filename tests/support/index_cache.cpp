#include "index_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "pipeline.h"
#include "test_support.h"

namespace fynd::test {

namespace {

/// Sizes and modification times of the inputs (recursively) and of the libraries that index
/// them: a rebuilt indexer or a changed input file makes a new signature.
std::string input_signature(const std::vector<std::filesystem::path>& inputs) {
  std::ostringstream sig;
  auto add = [&](const std::filesystem::path& p) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(p, ec);
    const auto time = std::filesystem::last_write_time(p, ec).time_since_epoch().count();
    sig << p.string() << '\t' << size << '\t' << time << '\n';
  };
  add(FYND_INDEXER_LIBRARY);
  add(FYND_CORE_LIBRARY);
  for (const auto& in : inputs) {
    if (!std::filesystem::is_directory(in)) {
      add(in);
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(in)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add(f);
  }
  return sig.str();
}

}  // namespace

std::filesystem::path cached_pipeline_index(const std::string& name, const std::vector<std::filesystem::path>& inputs) {
  const auto root = std::filesystem::path(FYND_BINARY_DIR) / "test-indexes";
  std::filesystem::create_directories(root);
  const auto dir = root / name;
  const auto stamp = root / (name + ".signature");
  const std::string signature = input_signature(inputs);
  const int lock = ::open((root / (name + ".lock")).c_str(), O_RDWR | O_CREAT, 0644);
  if (lock < 0) throw std::runtime_error("cannot open the lock file of test index " + name);
  ::flock(lock, LOCK_EX);
  if (!std::filesystem::exists(dir) || read_file(stamp) != signature) {
    std::filesystem::remove(stamp);
    std::filesystem::remove_all(dir);
    IndexOptions options;
    options.db = dir;
    options.inputs = inputs;
    options.quiet = true;
    std::ostringstream log;
    Pipeline(options, log).run();
    write_file(stamp, signature);
  }
  ::flock(lock, LOCK_UN);
  ::close(lock);
  return dir;
}

std::filesystem::path erdf_corpus_dir() {
  const std::string file = "tillvaxtverket-eruf-2014-2020.json";
  const auto bundled = source_dir() / "data" / "erdf";
  if (std::filesystem::exists(bundled / file)) return bundled;
  const auto shared = shared_dir();
  if (shared && std::filesystem::exists(*shared / "corpus" / file)) return *shared / "corpus";
  return {};
}

std::filesystem::path sample_and_erdf_index() {
  const auto corpus = erdf_corpus_dir();
  if (corpus.empty()) return {};
  return cached_pipeline_index("sample-and-erdf", {source_dir() / "data" / "sample", corpus});
}

}  // namespace fynd::test
