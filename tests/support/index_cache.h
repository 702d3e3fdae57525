/** Test helper: indexes built through the real pipeline once per build, shared by every test program. */
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace fynd::test {

/// An index of `inputs` built through the real pipeline (as fynd-index does), shared by
/// every test process and program of one build: it lives under the build directory as
/// test-indexes/<name> and is rebuilt only when an input file or the indexing libraries
/// (fynd_indexer, fynd_core) changed. Processes running at the same time wait for one
/// another on a lock file. `name` must always be given the same inputs.
std::filesystem::path cached_pipeline_index(const std::string& name, const std::vector<std::filesystem::path>& inputs);

/// The folder holding the ERDF records (tillvaxtverket-eruf-2014-2020.json): data/erdf in the
/// source tree, else ../shared/corpus; empty if neither holds them.
std::filesystem::path erdf_corpus_dir();

/// data/sample and the ERDF records of erdf_corpus_dir(), through cached_pipeline_index;
/// empty if the records are absent.
std::filesystem::path sample_and_erdf_index();

}  // namespace fynd::test
