// WordMap holds what std::unordered_map would: every word inserted is found with its
// value, across growth and after clear(); words not inserted are not found.
#include "word_map.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace fynd {
namespace {

TEST(WordMap, FindsWhatWasInsertedAsAnUnorderedMapDoes) {
  WordMap<int> map;
  std::unordered_map<std::string, int> ref;
  std::mt19937 rng(3);
  const std::string letters = "abcdeåäö";
  for (int i = 0; i < 50000; ++i) {
    std::string w;
    for (int k = 1 + static_cast<int>(rng() % 6); k > 0; --k) w += letters[rng() % letters.size()];
    if (rng() % 3 == 0) w += std::string(20, 'x');  // keys beyond the short-string buffer
    const int v = static_cast<int>(rng() % 1000);
    if (rng() % 2 == 0) {
      map.assign(w, v);
      ref[w] = v;
    } else if (map.find(w) == nullptr) {
      map[w] = v;
      ref.emplace(w, v);
    }
    const int* got = map.find(w);
    ASSERT_NE(got, nullptr) << w;
    ASSERT_EQ(*got, ref.at(w)) << w;
  }
  EXPECT_EQ(map.size(), ref.size());
  for (const auto& [w, v] : ref) {
    const auto* e = map.find_entry(w);
    ASSERT_NE(e, nullptr) << w;
    EXPECT_EQ(e->first, w);
    EXPECT_EQ(e->second, v);
  }
  EXPECT_EQ(map.find("not a key"), nullptr);
  EXPECT_EQ(map.find(""), nullptr);  // every word above has a letter
  map.clear();
  EXPECT_EQ(map.size(), 0u);
  for (const auto& [w, v] : ref) ASSERT_EQ(map.find(w), nullptr) << w;
  map.insert("växjö", 7);
  ASSERT_NE(map.find("växjö"), nullptr);
  EXPECT_EQ(*map.find("växjö"), 7);
}

TEST(WordMap, ReserveKeepsEntriesAndFindsThem) {
  WordMap<std::string> map;
  map.insert("a", "1");
  map.reserve(10000);
  for (int i = 0; i < 10000; ++i) map.insert("w" + std::to_string(i), std::to_string(i));
  const std::string* a = map.find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(*a, "1");
  for (int i = 0; i < 10000; i += 97) {
    const std::string* v = map.find("w" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, std::to_string(i));
  }
}

}  // namespace
}  // namespace fynd
