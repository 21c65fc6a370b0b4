// A vendor bill's life after entry: approve, pay, void
// (VendorBills::transition, operations/amount_document.hpp). Each runs in one
// transaction with the bill's row locked (FOR UPDATE), so of twenty
// approvals of one bill at the same moment one approves it and the others
// wait, then find it approved and are refused (invalid_state). Beyond the
// table of edges (domain/vendor_bill.hpp), VendorBillShape::check_transition
// here:
//   approve  refuses a bill without lines; of a bill against a commitment it
//            also locks the commitment (so approvals of two bills against it
//            take turns), refuses when the commitment is no longer approved
//            (invalid_state: it was closed or voided since the bill was
//            entered), and refuses a bill that would take the commitment's
//            billed total past its amount (422 naming the line): the billed
//            total then never passes it.
#pragma once

#include "domain/vendor_bill.hpp"
#include "operations/vendor_bill_document.hpp"

namespace construction::operations {

inline constexpr auto transition_vendor_bill = &VendorBills::transition;

}  // namespace construction::operations
