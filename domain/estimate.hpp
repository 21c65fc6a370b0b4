// Estimate: its lifecycle and its totals.
//
//   draft -send-> sent -accept-> accepted
//                 sent -decline-> declined
//   sent | declined -revise-> draft
//
// `revise` is the only way back to draft: the store makes a new version of
// the estimate in draft with copies of the lines (their stored amounts
// unchanged) and keeps the old one as it was, so what the client saw stays on
// record. Only a draft may be edited. Accepted and declined-and-not-revised
// are where an estimate ends.
//
//   subtotal = sum of prices          tax   = round(sum of taxable prices x tax_bps / 10000)
//   total    = subtotal + tax         margin_bps = round((subtotal - sum of costs) x 10000 /
//   subtotal)
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

enum class EstimateStatus { draft, sent, accepted, declined };
enum class EstimateAction { send, accept, decline, revise };

std::string_view to_string(EstimateStatus status);
std::string_view to_string(EstimateAction action);
std::optional<EstimateStatus> parse_estimate_status(std::string_view name);

// The status after `action`, or why the action is refused (409 invalid_state).
Result<EstimateStatus, InvalidState> transition(EstimateStatus from, EstimateAction action);

bool is_editable(EstimateStatus status);
// Nothing when lines and fields may change; else the 409 to answer.
std::optional<InvalidState> refuse_edit(EstimateStatus status);

// Estimate lines: never a negative unit cost (credits belong to change orders).
Validated<PricedLine> price_estimate_line(const CostLineInput& input);

inline constexpr std::int64_t kMaxTaxBps = 10'000;  // 100 %
// "tax_bps" between 0 and 100 %; empty when fine.
FieldErrors validate_tax_rate(std::int64_t tax_bps);

struct EstimateTotals {
  Cents cost;
  Cents subtotal;
  Cents tax;
  Cents total;
  BasisPoints margin;
  friend bool operator==(const EstimateTotals&, const EstimateTotals&) = default;
};

// From the stored lines. Refused (field "lines") only when a total would
// exceed kMaxCents. Margin is 0 when the subtotal is 0 (see estimate.cpp).
Validated<EstimateTotals> total_estimate(std::span<const PricedLine> lines, BasisPoints tax_rate);

}  // namespace construction::domain
