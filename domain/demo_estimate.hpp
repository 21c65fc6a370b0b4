// DemoEstimate: the two estimates `construction seed-demo` prices and
// accepts. No sales tax on either bill: the contractor pays it when buying
// the materials, as a remodeler or fit-out contractor usually does.
//
// The kitchen remodel, billed on invoices: twelve lines, cost codes 01-100 to
// 09-900, at the markups of a typical remodel (35 % labour, 20-25 %
// materials, 15 % subcontracts and other): cost $31,150.00, price
// $37,297.00, margin 16.48 %.
//
// The office fit-out, billed on pay applications with 10 % retainage: eight
// lines for a 4,800 sf tenant improvement, CSI cost codes 01-310 to 26-050,
// at a commercial contractor's markups (25 % own labour, 15 % materials, 10 %
// subcontracts and other): cost $151,750.00, price $168,826.50, margin 10.11 %.
#pragma once

#include <string_view>
#include <vector>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"

namespace construction::domain {

inline constexpr std::string_view kDemoEstimateTitle = "Kitchen remodel";
inline constexpr BasisPoints kDemoEstimateTaxRate{0};

inline constexpr std::string_view kDemoFitOutTitle = "Office fit-out";
inline constexpr BasisPoints kDemoFitOutTaxRate{0};

// The lines as a client would send them, so the seed goes through the same
// validation and pricing as the API.
std::vector<CostLineInput> demo_estimate_lines();
std::vector<CostLineInput> demo_fit_out_lines();

}  // namespace construction::domain
