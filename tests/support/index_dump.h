/** A whole Xapian index as text, for tests that compare two indexes document by document. */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace fynd::test {

/// Every document in docid order: its docid, data, values, and terms with wdf and positions.
inline std::string dump_index(const std::filesystem::path& db) {
  Xapian::Database x(db.string());
  std::ostringstream out;
  for (auto d = x.postlist_begin(""); d != x.postlist_end(""); ++d) {
    const Xapian::Document doc = x.get_document(*d);
    out << "doc " << *d << '\n' << doc.get_data() << '\n';
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out << "value " << v.get_valueno() << ' ' << *v << '\n';
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out << *t << ' ' << t.get_wdf();
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ' ' << *p;
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace fynd::test
