// fynd-index: parses the command line and hands over to run_index_command().
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <exception>
#include <iostream>

#include "error.h"
#include "index_command.h"
#include "understand/explain.h"

int main(int argc, char** argv) {
  try {
    fynd::IndexOptions options;
    CLI::App app{"fynd-index: index Swedish project documents (text, Markdown, HTML, PDF, project-bank "
                 "JSON/JSONL, ESF records, CSV/TSV and XLSX project lists) into a fynd search index.\nFolders "
                 "are read recursively; hidden files are skipped; unchanged files are not read again.",
                 "fynd-index"};
    app.footer(fynd::index_columns_help() + "\n" + fynd::index_exit_codes_help());
    app.set_version_flag("--version", std::string("fynd-index ") + FYND_VERSION);
    app.add_option("--db", options.db, "index directory, created if missing")->default_str("./fynd-db");
    app.add_flag("-q,--quiet", options.quiet, "print only failed files, no progress or summary (progress: a line kept up to date on "
                 "a terminal, else a line every 10 s: files, projects and projects/s, share of a JSON Lines file)");
    app.add_option("--batch", options.batch_size, "projects per commit when updating an index")->default_val(500)->check(CLI::PositiveNumber);
    bool no_bulk = false;
    app.add_flag("--no-bulk", no_bulk, "write a new index as an existing one is updated, a commit every --batch "
                 "projects, so that a first run killed half-way keeps the files it finished (slower). By default a "
                 "new index is written on every core in segments, merged at the end: a killed first run leaves it "
                 "empty");
    app.add_option("--shards", options.shards, "write the index as N shard databases (DIR/shard-0 ... and the stub "
                   "DIR/XAPIANDB that the query tools open); a project goes to the shard of its id. Default: the "
                   "index's layout, one database for a new one")->type_name("N")->check(CLI::Range(1, 256));
    app.add_option("--threads", options.threads, "threads that prepare documents for the index (understanding, "
                   "analysis); 0 = one per core. The result is the same for any number")->default_val(0);
    app.add_option("--columns", options.columns, "column mapping for CSV/XLSX files whose header no built-in "
                   "profile fits (format below)")->check(CLI::ExistingFile);
    bool no_isolation = false;
    double reader_memory_mb = static_cast<double>(options.reader_limits.memory_bytes >> 20);
    app.add_flag("--no-isolation", no_isolation, "run the readers in this process instead of a worker process "
                 "(for debugging: a reader that crashes or hangs then ends or stalls the run)");
    app.add_option("--reader-timeout", options.reader_limits.timeout_seconds, "seconds a reader may spend on one "
                   "file before it is stopped and the file fails; for a file read record by record (JSON Lines), "
                   "seconds without a new record, however long the whole file takes (0 = no limit)")
        ->default_val(options.reader_limits.timeout_seconds)->check(CLI::NonNegativeNumber)->type_name("SECONDS");
    app.add_option("--reader-memory", reader_memory_mb, "MB of memory a reader may take for one file above its "
                   "worker's own before it is stopped and the file fails (0 = no limit; off by default in "
                   "AddressSanitizer builds)")
        ->default_val(reader_memory_mb)->check(CLI::NonNegativeNumber)->type_name("MB");
    std::vector<std::filesystem::path> explain;
    auto* paths = app.add_option("paths", options.inputs, "files and folders to index");
    app.add_option("--explain", explain, "print the projects found in FILE, their fields and the evidence for "
                   "each, and exit (indexes nothing)")->type_name("FILE")->excludes(paths);
    // Further modes are added here and call into indexer/.
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e);  // prints help, version or the error
      return code == 0 ? 0 : fynd::IndexExit::kUsage;
    }
    options.bulk = !no_bulk;
    if (!explain.empty()) {
      try {
        for (const auto& file : explain) std::cout << fynd::explain_file(file);
      } catch (const fynd::Error& e) {
        std::cerr << "fynd-index: " << e.what() << '\n';
        return fynd::IndexExit::kSomeFailed;
      }
      return 0;
    }
    if (options.inputs.empty()) {
      std::cerr << "fynd-index: paths are required (see --help)\n";
      return fynd::IndexExit::kUsage;
    }
    // Progress on stderr: a line kept up to date on a terminal, else a plain line every 10 s.
    options.progress = true;
    options.progress_lines = ::isatty(STDERR_FILENO) == 0;
    options.isolation = !no_isolation;
    options.reader_limits.memory_bytes = static_cast<std::size_t>(reader_memory_mb * 1024 * 1024);
    return fynd::run_index_command(options, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "fynd-index: internal error: " << e.what() << '\n';
    return fynd::IndexExit::kInternal;
  } catch (...) {
    std::cerr << "fynd-index: internal error\n";
    return fynd::IndexExit::kInternal;
  }
}
