// The values a property test of amounts tries: the edges of the product's
// range (0, one cent, kMaxCents), every power of ten and its neighbours, and
// 2,000 values drawn with a fixed seed (the same on every run), half of them
// below $100,000 where most amounts are; each with both signs.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "domain/money.hpp"

namespace construction::testing {

inline std::vector<std::int64_t> amounts_to_try() {
  const std::int64_t max = domain::kMaxCents;
  std::vector<std::int64_t> values = {0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, max, max - 1};
  for (std::int64_t p = 1; p < max; p *= 10) values.insert(values.end(), {p, p - 1, p + 1});
  std::mt19937_64 random(20261205);
  for (int i = 0; i < 1000; ++i) values.push_back(static_cast<std::int64_t>(random() % max));
  for (int i = 0; i < 1000; ++i) values.push_back(static_cast<std::int64_t>(random() % 100'000'00));
  std::size_t positives = values.size();
  for (std::size_t i = 0; i < positives; ++i) values.push_back(-values[i]);
  return values;
}

}  // namespace construction::testing
