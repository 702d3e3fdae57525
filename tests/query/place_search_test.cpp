// A query word naming a place finds the projects of that place through their region terms
// (PlaceWords), though the place's words are not written into the documents.
#include <gtest/gtest.h>

#include <algorithm>

#include "place_words.h"
#include "schema.h"
#include "searcher.h"
#include "test_index.h"
#include "test_support.h"
#include "word_forms.h"

namespace fynd {
namespace {

class PlaceSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() / "db";
    test::build_index(
        dir_, {test::make_project("in-umea", "Bredband till byarna", "Fiber dras ut till byarna.", {},
                                  {"Umeå", "Västerbottens län", "Övre Norrland"}),
               test::make_project("about-umea", "Resor", "Resor till Umeå och tillbaka.", {},
                                  {"Luleå", "Norrbottens län", "Övre Norrland"}),
               test::make_project("in-lund", "Skolor", "Nya skolor byggs.", {}, {"Lund", "Skåne län", "Sydsverige"}),
               test::make_project("unknown-place", "Hamnen", "En ny hamn.", {}, {"Påhittsby"}),
               test::make_project("nowhere", "Hamnar", "Fler hamnar byggs.")});
    searcher_ = std::make_unique<Searcher>(dir_);
  }
  std::vector<std::string> ids(const std::string& q) const {
    SearchRequest r;
    r.query = q;
    std::vector<std::string> out;
    for (const Hit& h : searcher_->search(r).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(PlaceSearchTest, PlaceWordFindsTheProjectsOfThePlace) {
  // Through the region term, and through the text.
  EXPECT_EQ(ids("umeå"), (std::vector<std::string>{"about-umea", "in-umea"}));
  // Typed without diacritics.
  EXPECT_EQ(ids("umea"), (std::vector<std::string>{"about-umea", "in-umea"}));
  // A county by its name's word, a region of the riksområde level.
  EXPECT_EQ(ids("västerbottens"), (std::vector<std::string>{"in-umea"}));
  EXPECT_EQ(ids("norrland"), (std::vector<std::string>{"about-umea", "in-umea"}));
  EXPECT_EQ(ids("lund"), (std::vector<std::string>{"in-lund"}));
  // With other words: the place is one of them (the project with both comes first).
  SearchRequest r;
  r.query = "bredband umeå";
  const SearchResult both = searcher_->search(r);
  ASSERT_FALSE(both.hits.empty());
  EXPECT_EQ(both.hits.front().id, "in-umea");
}

TEST_F(PlaceSearchTest, RegionThatIsNoPlaceIsFoundByItsIndexedWords) {
  EXPECT_EQ(ids("påhittsby"), (std::vector<std::string>{"unknown-place"}));
  const Xapian::Database db(dir_.string());
  const Analyzer analyzer;
  EXPECT_FALSE(PlaceWords::shared(analyzer).is_place("Påhittsby"));
  // A place's words are not in the documents; a name that is not a place has its stem term.
  EXPECT_EQ(db.get_termfreq(std::string(Schema::kStem) + analyzer.tokenize("Lund").front().stem), 0U);
  EXPECT_EQ(db.get_termfreq(std::string(Schema::kStem) + analyzer.tokenize("Påhittsby").front().stem), 1U);
}

TEST(PlaceWords, NamesTheirPlacesButNotWordsOfManyPlaces) {
  const Analyzer analyzer;
  const PlaceWords& words = PlaceWords::shared(analyzer);
  const std::vector<std::string> terms = PlaceWords::name_terms("Umeå", analyzer);
  ASSERT_FALSE(terms.empty());
  const std::vector<std::string>* places = words.places(terms.front());
  ASSERT_NE(places, nullptr) << terms.front();
  EXPECT_NE(std::find(places->begin(), places->end(), "Umeå"), places->end());
  // "län" is in every county's name: a word of place names, not a place.
  const std::string lan = std::string(Schema::kStem) + analyzer.tokenize("län").front().stem;
  EXPECT_EQ(words.places(lan), nullptr);
  EXPECT_TRUE(words.is_place("Västerbottens län"));
  EXPECT_FALSE(words.is_place("västerbottens län"));  // as the region list spells it
}

TEST(PlaceWords, QueryWordExpandsToTheRegionTerms) {
  const Analyzer analyzer;
  const WordForms forms(analyzer, nullptr);
  const std::vector<WordExpansion> e = forms.expansions(analyzer.tokenize("Skellefteå").front());
  const std::string region = Schema::facet_term(Facet::Region, "Skellefteå");
  auto it = std::find_if(e.begin(), e.end(), [&](const WordExpansion& w) { return w.term == region; });
  ASSERT_NE(it, e.end());
  EXPECT_DOUBLE_EQ(it->weight, 1.0);
  EXPECT_TRUE(it->adds_matches);
  // A word that names no place has none.
  for (const WordExpansion& w : forms.expansions(analyzer.tokenize("bredband").front())) {
    EXPECT_NE(w.term.rfind(Schema::kRegion, 0), 0U) << w.term;
  }
}

}  // namespace
}  // namespace fynd
