// DemoEstimate: the kitchen remodel `construction seed-demo` prices, accepts
// and bills. Twelve lines, cost codes 01-100 to 09-900, at the markups of a
// typical remodel (35 % labour, 20-25 % materials, 15 % subcontracts and
// other): cost $31,150.00, price $37,297.00, margin 16.48 %. No sales tax on
// the bill: the contractor pays it when buying the materials, as a remodeler
// usually does.
#pragma once

#include <string_view>
#include <vector>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"

namespace construction::domain {

inline constexpr std::string_view kDemoEstimateTitle = "Kitchen remodel";
inline constexpr BasisPoints kDemoEstimateTaxRate{0};

// The lines as a client would send them, so the seed goes through the same
// validation and pricing as the API.
std::vector<CostLineInput> demo_estimate_lines();

}  // namespace construction::domain
