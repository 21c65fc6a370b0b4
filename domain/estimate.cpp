#include "domain/estimate.hpp"

namespace construction::domain {
namespace {

using S = EstimateStatus;
using A = EstimateAction;

constexpr StateMachine kEstimate{"an estimate",
                                 EnumNames{std::array{
                                     EnumName<S>{S::draft, "draft"},
                                     EnumName<S>{S::sent, "sent"},
                                     EnumName<S>{S::accepted, "accepted"},
                                     EnumName<S>{S::declined, "declined"},
                                 }},
                                 EnumNames{std::array{
                                     EnumName<A>{A::send, "send"},
                                     EnumName<A>{A::accept, "accept"},
                                     EnumName<A>{A::decline, "decline"},
                                     EnumName<A>{A::revise, "revise"},
                                 }},
                                 std::array{
                                     Edge<S, A>{S::draft, A::send, S::sent},
                                     Edge<S, A>{S::sent, A::accept, S::accepted},
                                     Edge<S, A>{S::sent, A::decline, S::declined},
                                     Edge<S, A>{S::sent, A::revise, S::draft},
                                     Edge<S, A>{S::declined, A::revise, S::draft},
                                 }};

FieldErrors too_large(std::string_view what) {
  FieldErrors errors;
  errors.add("lines", "the estimate's " + std::string(what) + " " + too_large_message());
  return errors;
}

}  // namespace

std::string_view to_string(EstimateStatus status) {
  return kEstimate.name(status);
}
std::string_view to_string(EstimateAction action) {
  return kEstimate.name(action);
}
std::optional<EstimateStatus> parse_estimate_status(std::string_view name) {
  return kEstimate.parse_status(name);
}

Result<EstimateStatus, InvalidState> transition(EstimateStatus from, EstimateAction action) {
  return kEstimate.apply(from, action);
}

bool is_editable(EstimateStatus status) {
  return status == S::draft;
}

std::optional<InvalidState> refuse_edit(EstimateStatus status) {
  return kEstimate.require(status, S::draft, "edit");
}

Validated<PricedLine> price_estimate_line(const CostLineInput& input) {
  return price_line_input(input, UnitCostSign::non_negative);
}

FieldErrors validate_tax_rate(std::int64_t tax_bps) {
  FieldErrors errors;
  if (tax_bps < 0 || tax_bps > kMaxTaxBps) errors.add("tax_bps", "must be between 0 and 10000");
  return errors;
}

Validated<EstimateTotals> total_estimate(std::span<const PricedLine> lines, BasisPoints tax_rate) {
  CentsSum cost_sum, price_sum, taxable_sum;
  for (const PricedLine& priced : lines) {
    cost_sum.add(priced.amounts.cost);
    price_sum.add(priced.amounts.price);
    if (priced.line.taxable) taxable_sum.add(priced.amounts.price);
  }
  auto cost = cost_sum.total();
  auto subtotal = price_sum.total();
  if (!cost || !subtotal) return too_large("subtotal");
  auto taxable = taxable_sum.total();
  auto tax = taxable ? apply_rate(*taxable, tax_rate) : std::nullopt;
  if (!tax) return too_large("tax");
  auto total = CentsSum{}.add(*subtotal).add(*tax).total();
  if (!total) return too_large("total");

  // Margin is a share of the subtotal. With a subtotal of 0 there is nothing
  // to take a share of; and since an estimate's prices are never below their
  // costs, its cost is 0 too: nothing earned on nothing, so 0 %, not an
  // error, for an estimate with no lines yet or only zero-quantity lines.
  BasisPoints margin = ratio_bps(*subtotal - *cost, *subtotal);
  return EstimateTotals{*cost, *subtotal, *tax, *total, margin};
}

}  // namespace construction::domain
