// VendorBill: a bill received from a vendor or a subcontractor, directly or
// against one of its commitments. Its amount is the sum of its lines, which
// may be credits; against a commitment the commitment's retainage is
// withheld: retainage = round(amount x retainage_bps / 10000), payable =
// amount - retainage (a credit withholds a negative retainage: it gives back
// what its amount had withheld).
//
//   draft -approve-> approved -pay-> paid
//   draft | approved -void-> void
//
// Only a draft may be edited. Approved and paid bills are actual cost. A
// bill against a commitment may not take the commitment's billed total (its
// approved and paid bills, and this one) past its amount: the refusal names
// the bill's line at which the total goes past.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/state_machine.hpp"
#include "domain/validation.hpp"

namespace construction::domain {

enum class VendorBillStatus { draft, approved, paid, void_ };
enum class VendorBillAction { approve, pay, void_ };

std::string_view to_string(VendorBillStatus status);
std::string_view to_string(VendorBillAction action);
std::optional<VendorBillStatus> parse_vendor_bill_status(std::string_view name);

Result<VendorBillStatus, InvalidState> transition(VendorBillStatus from, VendorBillAction action);
std::optional<InvalidState> refuse_edit(VendorBillStatus status);

// Approved and paid bills are actual cost: they count against their
// commitment's amount and in the budget's actual column; a draft and a void
// bill do not. The stores' queries say it as SQL_COUNTED_VENDOR_BILL
// (sql/counted_vendor_bills.hpp).
bool counts_as_cost(VendorBillStatus status);

struct BillAmounts {
  Cents amount;
  Cents retainage;
  Cents payable;
  friend bool operator==(const BillAmounts&, const BillAmounts&) = default;
};

// `amount` is within kMaxCents already (document_amount), so neither the
// retainage nor the payable can pass it.
BillAmounts bill_amounts(Cents amount, BasisPoints retainage);

// What the commitment can still take: its amount less its billed total.
struct CommitmentCapacity {
  std::string number;  // "SC-001", for the message
  Cents amount;        // Σ of the commitment's lines
  Cents billed;        // Σ of its approved and paid bills, this one excluded
};

// The bill's lines, in order, added to the commitment's billed total: the
// first line after which the total is past the amount is refused, as
// "lines[i].amount_cents". Credits lower the running total, so a bill whose
// credit comes after its overrun is judged on its whole.
std::optional<FieldErrors> refuse_overbilling(const CommitmentCapacity& commitment,
                                              std::span<const Cents> lines);

}  // namespace construction::domain
