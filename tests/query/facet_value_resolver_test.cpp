#include "facet_value_resolver.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "schema.h"
#include "test_index.h"
#include "test_support.h"

namespace fynd {
namespace {

using Values = std::vector<std::string>;

Values sorted(Values v) {
  std::sort(v.begin(), v.end());
  return v;
}

/// Against the compiled-in gazetteers alone (no index).
Values select(Facet f, const std::string& typed) { return sorted(FacetValueResolver().select(f, typed)); }

TEST(FacetValueResolver, FunderAcronymsNamesAndCase) {
  for (const char* typed : {"ESF", "esf", "Socialfonden", "socialfonden", "Europeiska socialfonden",
                            "europeiska SOCIALFONDEN", "ESF-fonden"}) {
    EXPECT_EQ(select(Facet::Funder, typed), Values{"Europeiska socialfonden"}) << typed;
  }
  for (const char* typed : {"ERUF", "eruf", "ERDF", "Regionalfonden", "Europeiska regionala utvecklingsfonden"}) {
    EXPECT_EQ(select(Facet::Funder, typed), Values{"Europeiska regionala utvecklingsfonden"}) << typed;
  }
}

TEST(FacetValueResolver, RegionAliasesDiacriticsAndGenitives) {
  EXPECT_EQ(select(Facet::Region, "Värmland"), Values{"Värmlands län"});
  EXPECT_EQ(select(Facet::Region, "varmland"), Values{"Värmlands län"});
  EXPECT_EQ(select(Facet::Region, "Värmlands län"), Values{"Värmlands län"});
  EXPECT_EQ(select(Facet::Region, "Västra Götaland"), Values{"Västra Götalands län"});
  EXPECT_EQ(select(Facet::Region, "vastra gotaland"), Values{"Västra Götalands län"});
  EXPECT_EQ(select(Facet::Region, "Region Skåne"), Values{"Skåne län"});
  EXPECT_EQ(select(Facet::Region, "Växjö kommun"), Values{"Växjö"});
}

TEST(FacetValueResolver, AmbiguousRegionSelectsEveryReading) {
  // "Jönköping" is a value itself (the kommun) and means it alone, so that the facet value
  // selects itself. "Jönköpings" is no value: the kommun's genitive and "Jönköpings län"
  // are both readings, and both are selected (OR-ed).
  EXPECT_EQ(select(Facet::Region, "Jönköping"), Values{"Jönköping"});
  EXPECT_EQ(select(Facet::Region, "jonkoping"), Values{"Jönköping"});
  const Values both{"Jönköping", "Jönköpings län"};
  EXPECT_EQ(select(Facet::Region, "Jönköpings"), both);
  EXPECT_EQ(select(Facet::Region, "jonkopings"), both);
  // Stockholm names a kommun and a riksområde, one facet value; not also Stockholms län.
  EXPECT_EQ(select(Facet::Region, "Stockholm"), Values{"Stockholm"});
  EXPECT_EQ(select(Facet::Region, "Jönköpings län"), Values{"Jönköpings län"});
  EXPECT_EQ(select(Facet::Region, "Jönköpings kommun"), Values{"Jönköping"});
}

TEST(FacetValueResolver, ErdfThematicGoalsMapOntoThemes) {
  EXPECT_EQ(select(Facet::Theme, "IKT"), Values{"bredband och digitalisering"});
  EXPECT_EQ(select(Facet::Theme, "Digitalisering"), Values{"bredband och digitalisering"});
  EXPECT_EQ(select(Facet::Theme, "informations- och kommunikationsteknologi"), Values{"bredband och digitalisering"});
  EXPECT_EQ(select(Facet::Theme, "SMF"), Values{"näringsliv och företagande"});
  EXPECT_EQ(select(Facet::Theme, "FoU"), Values{"innovation och forskning"});
  EXPECT_EQ(select(Facet::Theme, "koldioxidsnål ekonomi"), (Values{"energi", "miljö och klimat"}));
  EXPECT_EQ(select(Facet::Theme, "energi"), Values{"energi"});
  // The ERDF file's own tematiskt mål and insatsområde texts, read as the indexer reads them.
  EXPECT_EQ(select(Facet::Theme, "Att öka tillgången till, användningen av och kvaliteten på IKT"),
            Values{"bredband och digitalisering"});
  EXPECT_EQ(select(Facet::Theme, "Att stärka forskning, teknisk utveckling och innovation"),
            Values{"innovation och forskning"});
  const Values smf = select(Facet::Theme, "Att öka konkurrenskraften hos SMF");
  EXPECT_NE(std::find(smf.begin(), smf.end(), "näringsliv och företagande"), smf.end());
}

TEST(FacetValueResolver, UnknownValueGetsNearestKnownValues) {
  const FacetResolution r = FacetValueResolver().resolve(Facet::Region, "Värmlnd");
  EXPECT_TRUE(r.values.empty());
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(r.suggestions.front(), "Värmlands län");
  EXPECT_LE(r.suggestions.size(), FacetValueResolver::kMaxSuggestions);
  const FacetResolution t = FacetValueResolver().resolve(Facet::Theme, "energy");
  EXPECT_TRUE(t.values.empty());
  ASSERT_FALSE(t.suggestions.empty());
  EXPECT_EQ(t.suggestions.front(), "energi");
  EXPECT_EQ(filter_message({Facet::Region, "Värmlnd", {"Värmlands län"}}),
            "no region matches 'Värmlnd'; did you mean: Värmlands län?");
  EXPECT_TRUE(FacetValueResolver().resolve(Facet::Funder, "xqzzy qqq").values.empty());
}

TEST(FacetValueResolver, IndexValuesResolveWithTheirDisplayForm) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, {test::make_project("a", "Ett", "text", {"Växjö kommun", "ERUF"}, {"Växjö"}, {2020}, {"energi"})});
  const Xapian::Database db(dir.string());
  const FacetValueResolver resolver(&db);
  EXPECT_EQ(resolver.select(Facet::Funder, "vaxjo kommun"), Values{"Växjö kommun"});
  // A value the index holds as it is typed means itself, not what the gazetteer reads into it.
  EXPECT_EQ(resolver.select(Facet::Funder, "eruf"), Values{"ERUF"});
  EXPECT_TRUE(FacetValueResolver().select(Facet::Funder, "vaxjo kommun").empty());
  const FacetResolution r = resolver.resolve(Facet::Funder, "Växjö kommn");
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(r.suggestions.front(), "Växjö kommun");
}

TEST(FacetValueResolver, IndexValuesAreSharedPerRevisionAndFollowACommit) {
  const auto dir = test::temp_dir() / "db";
  test::build_index(dir, {test::make_project("a", "Ett", "text", {"Växjö kommun"}, {"Växjö"}, {2020}, {"energi"})});
  {
    const Xapian::Database db(dir.string());
    EXPECT_EQ(FacetValueResolver(&db).select(Facet::Funder, "vaxjo kommun"), Values{"Växjö kommun"});
    EXPECT_TRUE(FacetValueResolver(&db).select(Facet::Funder, "almi invest").empty());  // the shared map, read once
  }
  test::add_to_index(dir, {test::make_project("b", "Två", "text", {"Almi Invest"}, {"Växjö"}, {2021}, {"energi"})});
  const Xapian::Database db(dir.string());
  const FacetValueResolver resolver(&db);
  EXPECT_EQ(resolver.select(Facet::Funder, "almi invest"), Values{"Almi Invest"});
  EXPECT_EQ(resolver.select(Facet::Funder, "vaxjo kommun"), Values{"Växjö kommun"});
  // Changes not yet committed are seen too: a WritableDatabase is read, not the shared map.
  Xapian::WritableDatabase w(dir.string());
  Xapian::Document doc;
  doc.add_boolean_term(Schema::facet_term(Facet::Funder, "nyföretagarcentrum"));
  w.add_document(doc);
  EXPECT_EQ(FacetValueResolver(&w).select(Facet::Funder, "nyforetagarcentrum").size(), 1u);
}

TEST(FacetValueResolver, ResolveFiltersRewritesToCanonicalAndReportsTheRest) {
  SearchRequest r;
  r.filters[Facet::Funder] = {"ESF", "Socialfonden", "ERDF"};
  r.filters[Facet::Region] = {"Värmlnd"};
  r.filters[Facet::Year] = {"2020"};
  const std::vector<FilterSuggestion> unmatched = FacetValueResolver().resolve_filters(r);
  EXPECT_EQ(r.filters[Facet::Funder], (Values{"Europeiska socialfonden", "Europeiska regionala utvecklingsfonden"}));
  EXPECT_EQ(r.filters[Facet::Region], Values{"Värmlnd"});
  EXPECT_EQ(r.filters[Facet::Year], Values{"2020"});
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_EQ(unmatched[0].facet, Facet::Region);
  EXPECT_EQ(unmatched[0].value, "Värmlnd");
}

}  // namespace
}  // namespace fynd
