#include "domain/vendor_bill.hpp"

namespace construction::domain {
namespace {

using S = VendorBillStatus;
using A = VendorBillAction;

constexpr StateMachine kVendorBill{"a vendor bill",
                                   EnumNames{std::array{
                                       EnumName<S>{S::draft, "draft"},
                                       EnumName<S>{S::approved, "approved"},
                                       EnumName<S>{S::paid, "paid"},
                                       EnumName<S>{S::void_, "void"},
                                   }},
                                   EnumNames{std::array{
                                       EnumName<A>{A::approve, "approve"},
                                       EnumName<A>{A::pay, "pay"},
                                       EnumName<A>{A::void_, "void"},
                                   }},
                                   std::array{
                                       Edge<S, A>{S::draft, A::approve, S::approved},
                                       Edge<S, A>{S::approved, A::pay, S::paid},
                                       Edge<S, A>{S::draft, A::void_, S::void_},
                                       Edge<S, A>{S::approved, A::void_, S::void_},
                                   }};

}  // namespace

bool counts_as_cost(VendorBillStatus status) {
  return status == S::approved || status == S::paid;
}

std::string_view to_string(VendorBillStatus status) {
  return kVendorBill.name(status);
}
std::string_view to_string(VendorBillAction action) {
  return kVendorBill.name(action);
}
std::optional<VendorBillStatus> parse_vendor_bill_status(std::string_view name) {
  return kVendorBill.parse_status(name);
}

Result<VendorBillStatus, InvalidState> transition(VendorBillStatus from, VendorBillAction action) {
  return kVendorBill.apply(from, action);
}

std::optional<InvalidState> refuse_edit(VendorBillStatus status) {
  return kVendorBill.require(status, S::draft, "edit");
}

BillAmounts bill_amounts(Cents amount, BasisPoints retainage) {
  Cents withheld = *apply_rate(amount, retainage);
  return {amount, withheld, amount - withheld};
}

std::optional<FieldErrors> refuse_overbilling(const CommitmentCapacity& commitment,
                                              std::span<const Cents> lines) {
  Cents running = commitment.billed;
  for (std::size_t i = 0; i < lines.size(); ++i) running += lines[i];
  if (running <= commitment.amount) return std::nullopt;
  // Over on the whole: name the line at which the total first went past.
  running = commitment.billed;
  std::size_t culprit = lines.size() - 1;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    running += lines[i];
    if (running > commitment.amount) {
      culprit = i;
      break;
    }
  }
  Cents remaining = commitment.amount - commitment.billed;
  FieldErrors errors;
  errors.add("lines[" + std::to_string(culprit) + "].amount_cents",
             "takes commitment " + commitment.number + " past its amount of " +
                 format_cents(commitment.amount) + " (billed " + format_cents(commitment.billed) +
                 ", remaining " + format_cents(remaining) + ")");
  return errors;
}

}  // namespace construction::domain
