#include "index_command.h"

#include <xapian.h>

#include <ostream>

#include "error.h"

namespace fynd {

std::string index_columns_help() {
  return "Spreadsheets (.csv, .tsv, .xlsx): one project per row, columns mapped by the built-in\n"
         "profile that fits the header (tillvaxtverket, art49-sv, art49-en, kohesio), or by\n"
         "--columns FILE, a UTF-8 text file of lines\n"
         "  HEADER<TAB>TARGET[<TAB>FIELD KEY]   e.g.  Projekttitel<TAB>title\n"
         "  @funder<TAB>NAME        a funder of every row\n"
         "  @id_prefix<TAB>PREFIX   prefixed to the id column's values\n"
         "  @sek_per_eur<TAB>RATE   converts budget_eur/granted_eur columns\n"
         "  @budget_from_granted<TAB>yes   the granted amount stands for a missing budget\n"
         "  @fund<TAB>VALUE<TAB>FUNDER   names the funder a fund cell means\n"
         "TARGET is one of id title text owner contact email start end budget granted\n"
         "budget_eur granted_eur funder lan kommun omrade region field ignore; '#' starts a\n"
         "comment. Headers compare case-folded, '_' as space. Columns the mapping does not\n"
         "name are kept as searchable text.\n";
}

std::string index_exit_codes_help() {
  return "Exit codes:\n"
         "  0   every file indexed, unchanged or skipped (empty, binary, no text)\n"
         "  1   finished, but some files failed (corrupt PDF, malformed JSON, unreadable)\n"
         "  2   bad command line\n"
         "  3   the --columns mapping file is malformed\n"
         "  6   index unavailable: locked by another fynd-index, damaged or not writable\n"
         "  70  internal error\n";
}

void print_summary(const IndexSummary& s, std::ostream& out) {
  out << "files read: " << s.files_read << ", projects indexed: " << s.projects_indexed
      << ", unchanged: " << s.unchanged << ", skipped: " << s.skipped.size() << ", failed: " << s.failed.size()
      << ", removed: " << s.files_removed << " files (" << s.projects_removed << " projects)"
      << ", warnings: " << s.warnings.size() << "; index holds " << s.total_projects << " projects";
  if (s.shards > 1) out << " in " << s.shards << " shards";
  out << '\n';
  for (const FileIssue& f : s.failed) out << "  failed " << one_line_name(f.file) << ": " << f.reason << '\n';
}

int run_index_command(const IndexOptions& options, std::ostream& out, std::ostream& err) {
  try {
    Pipeline pipeline(options, err);
    const IndexSummary summary = pipeline.run();
    if (!options.quiet) print_summary(summary, out);
    return summary.failed.empty() ? IndexExit::kOk : IndexExit::kSomeFailed;
  } catch (const Error& e) {
    err << "fynd-index: " << e.what() << '\n';
    return error_info(e.code()).exit_code;
  } catch (const Xapian::DatabaseLockError& e) {
    err << "fynd-index: index " << options.db.string() << " is locked: " << e.get_description() << '\n';
    return IndexExit::kIndexUnavailable;
  } catch (const Xapian::Error& e) {
    err << "fynd-index: index " << options.db.string() << ": " << e.get_description() << '\n';
    return IndexExit::kIndexUnavailable;
  } catch (const std::exception& e) {
    err << "fynd-index: internal error: " << e.what() << '\n';
    return IndexExit::kInternal;
  }
}

}  // namespace fynd
