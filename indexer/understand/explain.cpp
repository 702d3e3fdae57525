#include "explain.h"

#include <fstream>
#include <sstream>

#include "error.h"
#include "reader_registry.h"
#include "understander.h"

namespace fynd {

std::vector<Project> understand_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  static const ReaderRegistry registry;
  static const Understander understander;
  const Reader& reader =
      registry.reader_for(path, std::string_view(bytes).substr(0, std::min(bytes.size(), ReaderRegistry::kHeadBytes)));
  std::vector<Project> out;
  for (const RawDocument& doc : reader.read(path, bytes)) {
    for (Project& p : understander.projects(doc)) out.push_back(std::move(p));
  }
  return out;
}

std::string explain_projects(const std::vector<Project>& projects) {
  std::ostringstream o;
  o << projects.size() << (projects.size() == 1 ? " unit" : " units") << "\n";
  std::size_t n = 0;
  for (const Project& p : projects) {
    o << "\n[" << ++n << "] " << kind_name(p.kind) << " " << p.id << "\n";
    o << "  title:    " << p.title << "\n";
    o << "  source:   " << p.source.file << " bytes " << p.source.begin << "-" << p.source.end << " ("
      << p.source.format << ")\n";
    auto list = [&](const char* name, const std::vector<std::string>& values) {
      if (values.empty()) return;
      o << "  " << name;
      for (std::size_t i = 0; i < values.size(); ++i) o << (i ? "; " : "") << values[i];
      o << "\n";
    };
    list("funders:  ", p.funders);
    list("regions:  ", p.regions);
    if (!p.years.empty()) {
      o << "  years:    ";
      for (std::size_t i = 0; i < p.years.size(); ++i) o << (i ? " " : "") << p.years[i];
      if (!p.period.empty()) o << "  (period " << p.period.start << " .. " << p.period.end << ")";
      o << "\n";
    }
    list("themes:   ", p.themes);
    if (p.budget_sek) o << "  budget:   " << *p.budget_sek << " SEK\n";
    if (p.granted_sek) o << "  granted:  " << *p.granted_sek << " SEK\n";
    if (!p.owner.empty()) o << "  owner:    " << p.owner << "\n";
    if (!p.contact.empty()) o << "  contact:  " << p.contact << "\n";
    if (!p.email.empty()) o << "  email:    " << p.email << "\n";
    list("partners: ", p.partners);
    if (!p.display_text.empty()) o << "  text:     OCR-repaired (original kept for display)\n";
    if (!p.evidence.empty()) {
      o << "  evidence:\n";
      for (const Evidence& e : p.evidence) {
        o << "    " << e.field << " = " << e.value << "  <- \"" << e.text << "\"\n";
      }
    }
  }
  return o.str();
}

std::string explain_file(const std::filesystem::path& path) {
  return path.string() + ": " + explain_projects(understand_file(path));
}

}  // namespace fynd
