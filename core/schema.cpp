#include "schema.h"

#include "text.h"

namespace fynd {

std::string_view Schema::facet_prefix(Facet f) {
  switch (f) {
    case Facet::Funder: return kFunder;
    case Facet::Region: return kRegion;
    case Facet::Year: return kYear;
    case Facet::Theme: return kTheme;
  }
  return kFunder;
}

Xapian::valueno Schema::facet_slot(Facet f) {
  switch (f) {
    case Facet::Funder: return kSlotFunders;
    case Facet::Region: return kSlotRegions;
    case Facet::Year: return kSlotYears;
    case Facet::Theme: return kSlotThemes;
  }
  return kSlotFunders;
}

std::string_view Schema::facet_name(Facet f) {
  switch (f) {
    case Facet::Funder: return "funder";
    case Facet::Region: return "region";
    case Facet::Year: return "year";
    case Facet::Theme: return "theme";
  }
  return "funder";
}

std::optional<Facet> Schema::facet_from_name(std::string_view name) {
  for (Facet f : kAllFacets) {
    if (facet_name(f) == name) return f;
  }
  return std::nullopt;
}

std::string Schema::clamp_term(std::string term) {
  constexpr std::size_t kMax = 240;
  if (term.size() <= kMax) return term;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
  term.resize(cut);
  return term;
}

std::string Schema::facet_term(Facet f, std::string_view value) {
  return clamp_term(std::string(facet_prefix(f)) + text::fold_case(text::trim(value)));
}

std::string Schema::id_term(std::string_view id) { return clamp_term(std::string(kId) + std::string(id)); }

std::string Schema::source_term(std::string_view path) {
  return clamp_term(std::string(kSource) + std::string(path));
}

}  // namespace fynd
