// ChangeOrder: a priced change to the contract after the estimate was
// accepted; its lines may be credits (negative unit cost), and so may its
// amount. No tax: the amount is the sum of the lines' prices.
//
//   draft -submit-> pending -approve-> approved   (final; adds an SOV line)
//                   pending -reject-> rejected
//   draft | pending -void-> void
//
// Only a draft may be edited: a pending order is what the owner is deciding on.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class ChangeOrderStatus { draft, pending, approved, rejected, void_ };
enum class ChangeOrderAction { submit, approve, reject, void_ };

std::string_view to_string(ChangeOrderStatus status);
std::string_view to_string(ChangeOrderAction action);
std::optional<ChangeOrderStatus> parse_change_order_status(std::string_view name);

Result<ChangeOrderStatus, InvalidState> transition(ChangeOrderStatus from,
                                                   ChangeOrderAction action);

bool is_editable(ChangeOrderStatus status);
std::optional<InvalidState> refuse_edit(ChangeOrderStatus status);

// Change order lines: a negative unit cost is a credit.
Validated<PricedLine> price_change_order_line(const CostLineInput& input);

// Sum of the lines' prices; refused (field "lines") beyond kMaxCents.
Validated<Cents> change_order_amount(std::span<const PricedLine> lines);

// The contract sum once an order of `amount` is approved. Refused (field
// "amount_cents") when it would pass kMaxCents or fall below zero: a credit
// cannot take back more than the contract is worth.
Validated<Cents> contract_sum_after_approval(Cents contract_sum, Cents amount);

}  // namespace construction::domain
