#include "domain/change_order.hpp"

namespace construction::domain {
namespace {

using S = ChangeOrderStatus;
using A = ChangeOrderAction;

constexpr StateMachine kChangeOrder{"a change order",
                                    EnumNames{std::array{
                                        EnumName<S>{S::draft, "draft"},
                                        EnumName<S>{S::pending, "pending"},
                                        EnumName<S>{S::approved, "approved"},
                                        EnumName<S>{S::rejected, "rejected"},
                                        EnumName<S>{S::void_, "void"},
                                    }},
                                    EnumNames{std::array{
                                        EnumName<A>{A::submit, "submit"},
                                        EnumName<A>{A::approve, "approve"},
                                        EnumName<A>{A::reject, "reject"},
                                        EnumName<A>{A::void_, "void"},
                                    }},
                                    std::array{
                                        Edge<S, A>{S::draft, A::submit, S::pending},
                                        Edge<S, A>{S::pending, A::approve, S::approved},
                                        Edge<S, A>{S::pending, A::reject, S::rejected},
                                        Edge<S, A>{S::draft, A::void_, S::void_},
                                        Edge<S, A>{S::pending, A::void_, S::void_},
                                    }};

}  // namespace

std::string_view to_string(ChangeOrderStatus status) {
  return kChangeOrder.name(status);
}
std::string_view to_string(ChangeOrderAction action) {
  return kChangeOrder.name(action);
}
std::optional<ChangeOrderStatus> parse_change_order_status(std::string_view name) {
  return kChangeOrder.parse_status(name);
}

Result<ChangeOrderStatus, InvalidState> transition(ChangeOrderStatus from,
                                                   ChangeOrderAction action) {
  return kChangeOrder.apply(from, action);
}

bool is_editable(ChangeOrderStatus status) {
  return status == S::draft;
}

std::optional<InvalidState> refuse_edit(ChangeOrderStatus status) {
  return kChangeOrder.require(status, S::draft, "edit");
}

Validated<PricedLine> price_change_order_line(const CostLineInput& input) {
  return price_line_input(input, UnitCostSign::credit_allowed);
}

Validated<Cents> change_order_amount(std::span<const PricedLine> lines) {
  CentsSum sum;
  for (const PricedLine& priced : lines) sum.add(priced.amounts.price);
  if (auto amount = sum.total()) return *amount;
  FieldErrors errors;
  errors.add("lines", "the change order's amount " + too_large_message());
  return errors;
}

Validated<Cents> contract_sum_after_approval(Cents contract_sum, Cents amount) {
  auto after = CentsSum{}.add(contract_sum).add(amount).total();
  FieldErrors errors;
  if (!after) {
    errors.add("amount_cents", "the contract sum " + too_large_message());
  } else if (*after < Cents{0}) {
    errors.add("amount_cents",
               "would bring the contract sum below zero, to " + format_cents(*after));
  }
  if (!errors.empty()) return errors;
  return *after;
}

}  // namespace construction::domain
