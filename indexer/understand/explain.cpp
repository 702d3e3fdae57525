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

namespace {

/// "structured", "text", "page" or a mix ("structured, text"): where a field's values came from.
std::string origins_of(const Project& p, const std::string& field) {
  bool seen[3] = {false, false, false};
  for (const Evidence& e : p.evidence) {
    if (e.used && e.field == field) seen[static_cast<int>(e.origin)] = true;
  }
  std::string out;
  for (Origin o : {Origin::Structured, Origin::Page, Origin::Text}) {
    if (seen[static_cast<int>(o)]) out += (out.empty() ? "" : ", ") + std::string(origin_name(o));
  }
  return out.empty() ? std::string() : "  [" + out + "]";
}

}  // namespace

std::string explain_projects(const std::vector<Project>& projects) {
  std::ostringstream o;
  o << projects.size() << (projects.size() == 1 ? " unit" : " units") << "\n";
  std::size_t n = 0;
  for (const Project& p : projects) {
    o << "\n[" << ++n << "] " << kind_name(p.kind) << " " << p.id << "\n";
    o << "  title:    " << p.title << "\n";
    o << "  source:   " << p.source.file << " bytes " << p.source.begin << "-" << p.source.end << " ("
      << p.source.format << ")\n";
    auto list = [&](const char* name, const char* field, const std::vector<std::string>& values) {
      if (values.empty()) return;
      o << "  " << name;
      for (std::size_t i = 0; i < values.size(); ++i) o << (i ? "; " : "") << values[i];
      o << origins_of(p, field) << "\n";
    };
    list("funders:  ", "funders", p.funders);
    list("regions:  ", "regions", p.regions);
    if (!p.years.empty()) {
      o << "  years:    ";
      for (std::size_t i = 0; i < p.years.size(); ++i) o << (i ? " " : "") << p.years[i];
      if (!p.period.empty()) o << "  (period " << p.period.start << " .. " << p.period.end << ")";
      o << origins_of(p, "years") << "\n";
    }
    list("themes:   ", "themes", p.themes);
    if (p.budget_sek) o << "  budget:   " << *p.budget_sek << " SEK" << origins_of(p, "budget_sek") << "\n";
    if (p.granted_sek) o << "  granted:  " << *p.granted_sek << " SEK" << origins_of(p, "granted_sek") << "\n";
    if (!p.owner.empty()) o << "  owner:    " << p.owner << origins_of(p, "owner") << "\n";
    if (!p.contact.empty()) o << "  contact:  " << p.contact << origins_of(p, "contact") << "\n";
    if (!p.email.empty()) o << "  email:    " << p.email << origins_of(p, "email") << "\n";
    list("partners: ", "partners", p.partners);
    if (!p.display_text.empty()) o << "  text:     OCR-repaired (original kept for display)\n";
    if (!p.evidence.empty()) {
      o << "  evidence:\n";
      for (const Evidence& e : p.evidence) {
        o << "    " << e.field << " = " << e.value << "  <- \"" << e.text << "\"  (" << origin_name(e.origin);
        if (!e.used) o << (e.field == "themes" ? "; not assigned: too little support" : "; not indexed: the record's field wins");
        o << ")\n";
      }
    }
  }
  return o.str();
}

std::string explain_file(const std::filesystem::path& path) {
  return path.string() + ": " + explain_projects(understand_file(path));
}

}  // namespace fynd
