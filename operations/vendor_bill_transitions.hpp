// A vendor bill's life after entry: approve, pay, void. Each runs in one
// transaction with the bill's row locked (FOR UPDATE), so of twenty
// approvals of one bill at the same moment one approves it and the others
// wait, then find it approved and are refused (invalid_state).
//   approve  of a bill against a commitment also locks the commitment (so
//            approvals of two bills against it take turns), refuses when the
//            commitment is no longer approved (invalid_state: it was closed
//            or voided since the bill was entered), and refuses a bill that
//            would take the commitment's billed total past its amount (422
//            naming the line): the billed total then never passes it.
#pragma once

#include "domain/vendor_bill.hpp"
#include "operations/vendor_bill_document.hpp"

namespace construction::operations {

VendorBillDocument transition_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::VendorBillAction action);

}  // namespace construction::operations
