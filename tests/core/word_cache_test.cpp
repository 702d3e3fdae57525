#include "word_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace fynd {
namespace {

TEST(WordCache, GivesBackWhatWasPut) {
  WordCache<std::string> cache;
  EXPECT_FALSE(cache.get("projektet").has_value());
  cache.put("projektet", "projekt");
  cache.put("insatsen", "insats");
  EXPECT_EQ(cache.get("projektet"), std::optional<std::string>("projekt"));
  EXPECT_EQ(cache.get("insatsen"), std::optional<std::string>("insats"));
  cache.put("projektet", "projekt2");  // a second put replaces
  EXPECT_EQ(cache.get("projektet"), std::optional<std::string>("projekt2"));
  EXPECT_EQ(cache.size(), 2U);
}

TEST(WordCache, StaysWithinItsBound) {
  const std::size_t bound = 4 * WordCache<int>::kShards;
  WordCache<int> cache(bound);
  for (int i = 0; i < 10000; ++i) {
    cache.put("ord" + std::to_string(i), i);
    ASSERT_LE(cache.size(), bound);
  }
  // What it still holds is right.
  std::size_t held = 0;
  for (int i = 0; i < 10000; ++i) {
    if (auto v = cache.get("ord" + std::to_string(i))) {
      EXPECT_EQ(*v, i);
      ++held;
    }
  }
  EXPECT_GT(held, 0U);
  EXPECT_EQ(held, cache.size());
}

TEST(WordCache, ThreadsSharingItSeeOnlyRightValues) {
  WordCache<std::string> cache(256);  // small: tables start over while others read
  auto work = [&cache](int seed) {
    for (int round = 0; round < 20000; ++round) {
      const std::string word = "w" + std::to_string((round * 7 + seed) % 500);
      if (auto v = cache.get(word)) {
        ASSERT_EQ(*v, word + "-value");
      } else {
        cache.put(word, word + "-value");
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(work, t);
  for (std::thread& t : threads) t.join();
  EXPECT_LE(cache.size(), 256U);
}

}  // namespace
}  // namespace fynd
