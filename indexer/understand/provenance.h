/** Provenance: a record's structured fields win; what free text says is merged in beneath them. */
#pragma once

#include <functional>
#include <string>

#include "project.h"

namespace fynd {

/// The fields a project holds from its structured record (reader fields, normalised)
/// before any free-text extraction. Free text fills only the fields that are empty here.
struct StructuredFields {
  bool regions = false;  ///< län, kommuner, område, region
  bool funders = false;
  bool years = false;    ///< the period (projekt_starttid/sluttid, Projektperiod)
  bool budget = false;
  bool granted = false;
  bool owner = false;
  bool contact = false;
  bool email = false;

  static StructuredFields of(const Project& p);
};

/// Adds Origin::Structured evidence for the values a reader set without any (period and
/// years, budget, granted amount, owner, contact, e-mail), so --explain names every source.
void note_record_values(Project& p);

/// Whether a region found in free text refines a record's regions rather than contradicts
/// them: it lies inside one of them, at a level the record leaves empty (an ESF record that
/// names only its riksområde, a text that names the län).
using RegionRefines = std::function<bool(const std::string& region)>;

/// Moves what free-text extraction found (`found`, extracted from the same title and text
/// as `p`) into `p`. A field `p` holds from its record keeps its values: the text's values
/// for it stay in `p.evidence` with used = false (regions that `refines` accepts excepted).
/// Other fields take the text's values. Themes and partners are added to the record's.
/// `found`'s evidence is Origin::Text.
void merge_text_values(Project& p, Project found, const StructuredFields& structured,
                       const RegionRefines& refines = {});

}  // namespace fynd
