// Golden tests: the projects each seed document yields, compared with tests/golden/<seed>.json.
// Regenerate with FYND_UPDATE_GOLDEN=1 (then read the diff against the seed text).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_support.h"
#include "understand/explain.h"

namespace fynd {
namespace {

nlohmann::json summary(const Project& p) {
  nlohmann::json j = {{"id", p.id},           {"kind", kind_name(p.kind)}, {"title", p.title},
                      {"funders", p.funders}, {"regions", p.regions},     {"years", p.years},
                      {"themes", p.themes},   {"owner", p.owner},         {"contact", p.contact},
                      {"partners", p.partners}};
  j["budget_sek"] = p.budget_sek ? nlohmann::json(*p.budget_sek) : nlohmann::json(nullptr);
  j["granted_sek"] = p.granted_sek ? nlohmann::json(*p.granted_sek) : nlohmann::json(nullptr);
  return j;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, SeedYieldsItsProjects) {
  const std::filesystem::path src = test::source_dir();
  const std::string seed = GetParam();
  const std::filesystem::path input = src / "data/sample" / (seed + ".txt");
  const std::filesystem::path golden = src / "tests/golden" / (seed + ".json");
  nlohmann::json actual = nlohmann::json::array();
  for (const Project& p : understand_file(input)) actual.push_back(summary(p));
  if (std::getenv("FYND_UPDATE_GOLDEN") != nullptr) {
    test::write_file(golden, actual.dump(2) + "\n");
    GTEST_SKIP() << "golden file rewritten: " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " missing: run with FYND_UPDATE_GOLDEN=1";
  const nlohmann::json expected = nlohmann::json::parse(test::read_file(golden));
  ASSERT_EQ(actual.size(), expected.size()) << actual.dump(2);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i], expected[i]) << "unit " << i << " of " << seed << "\nexpected: " << expected[i].dump(2)
                                      << "\nactual: " << actual[i].dump(2);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, Golden,
                         ::testing::Values("000_79f8c2e6c2d96664", "001_41be4b390312eb67", "002_952621497cb41b84",
                                           "003_977300a302e15011", "004_f61de3e20533f019"),
                         [](const auto& param_info) { return "seed" + param_info.param.substr(0, 3); });

}  // namespace
}  // namespace fynd
