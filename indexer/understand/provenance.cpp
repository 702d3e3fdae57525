#include "provenance.h"

#include <algorithm>
#include <string>

namespace fynd {

namespace {

void add_record_evidence(Project& p, std::string field, std::string value, std::string text) {
  Evidence e{std::move(field), std::move(value), std::move(text)};
  e.origin = Origin::Structured;
  p.evidence.push_back(std::move(e));
}

std::string years_text(const std::vector<int>& years) {
  std::string ys;
  for (int y : years) ys += (ys.empty() ? "" : " ") + std::to_string(y);
  return ys;
}

/// Whether `p.evidence` already explains `field` = `value` (any value when `value` is empty).
bool explained(const Project& p, const std::string& field, const std::string& value) {
  return std::any_of(p.evidence.begin(), p.evidence.end(), [&](const Evidence& e) {
    return e.field == field && (value.empty() || e.value == value);
  });
}

}  // namespace

StructuredFields StructuredFields::of(const Project& p) {
  StructuredFields s;
  s.regions = !p.regions.empty();
  s.funders = !p.funders.empty();
  s.years = !p.years.empty();
  s.budget = p.budget_sek.has_value();
  s.granted = p.granted_sek.has_value();
  s.owner = !p.owner.empty();
  s.contact = !p.contact.empty();
  s.email = !p.email.empty();
  return s;
}

void note_record_values(Project& p) {
  if (!p.years.empty() && !explained(p, "years", "")) {
    const std::string period = p.period.empty() ? std::string("record years")
                                                : "period: " + p.period.start + " .. " + p.period.end;
    add_record_evidence(p, "years", years_text(p.years), period);
  }
  if (p.budget_sek && !explained(p, "budget_sek", "")) {
    add_record_evidence(p, "budget_sek", std::to_string(*p.budget_sek), "record budget");
  }
  if (p.granted_sek && !explained(p, "granted_sek", "")) {
    add_record_evidence(p, "granted_sek", std::to_string(*p.granted_sek), "record granted amount");
  }
  if (!p.owner.empty() && !explained(p, "owner", "")) add_record_evidence(p, "owner", p.owner, "record owner");
  if (!p.contact.empty() && !explained(p, "contact", "")) add_record_evidence(p, "contact", p.contact, "record contact");
  if (!p.email.empty() && !explained(p, "email", "")) add_record_evidence(p, "email", p.email, "record e-mail");
}

void merge_text_values(Project& p, Project found, const StructuredFields& structured,
                       const RegionRefines& refines) {
  auto wins = [&](const std::string& field) {
    if (field == "regions") return structured.regions;
    if (field == "funders") return structured.funders;
    if (field == "years") return structured.years;
    if (field == "budget_sek") return structured.budget;
    if (field == "granted_sek") return structured.granted;
    if (field == "owner") return structured.owner;
    if (field == "contact") return structured.contact;
    if (field == "email") return structured.email;
    return false;
  };
  for (Evidence& e : found.evidence) {
    e.origin = Origin::Text;
    if (wins(e.field)) e.used = false;
  }
  if (!structured.regions) {
    for (const std::string& r : found.regions) Project::add_unique(p.regions, r);
  } else if (refines) {
    for (const std::string& r : found.regions) {
      if (!refines(r)) continue;
      Project::add_unique(p.regions, r);
      for (Evidence& e : found.evidence) {
        if (e.field == "regions" && e.value == r) e.used = true;
      }
    }
  }
  if (!structured.funders) {
    for (const std::string& f : found.funders) Project::add_unique(p.funders, f);
  }
  if (!structured.years) {
    p.years.insert(p.years.end(), found.years.begin(), found.years.end());
    p.normalise_years();
    if (p.period.empty()) p.period = found.period;
  }
  if (!structured.budget && found.budget_sek) p.budget_sek = found.budget_sek;
  if (!structured.granted && found.granted_sek) p.granted_sek = found.granted_sek;
  if (!structured.owner && !found.owner.empty()) p.owner = found.owner;
  if (!structured.contact && !found.contact.empty()) p.contact = found.contact;
  if (!structured.email && !found.email.empty()) p.email = found.email;
  // A text value the record has too corroborates it: it is on the project.
  for (Evidence& e : found.evidence) {
    if (e.used) continue;
    const std::vector<std::string>* list = e.field == "regions" ? &p.regions : e.field == "funders" ? &p.funders : nullptr;
    if (list != nullptr && std::find(list->begin(), list->end(), e.value) != list->end()) e.used = true;
  }
  for (const std::string& t : found.themes) Project::add_unique(p.themes, t);
  for (const std::string& x : found.partners) Project::add_unique(p.partners, x);
  p.evidence.insert(p.evidence.end(), std::make_move_iterator(found.evidence.begin()),
                    std::make_move_iterator(found.evidence.end()));
}

}  // namespace fynd
