#include "operations/vendor_bill_transitions.hpp"

#include "domain/commitment.hpp"
#include "sql/commitment_store.hpp"

namespace construction::operations {

void VendorBillShape::check_transition(sql::Connection& db, std::int64_t org_id,
                                       const sql::VendorBillRecord& bill,
                                       domain::VendorBillAction action,
                                       const std::vector<sql::AmountLineRecord>& lines) {
  if (action != domain::VendorBillAction::approve) return;
  if (lines.empty()) throw invalid_state("a vendor bill without lines cannot be approved");
  if (bill.fields.commitment_id) {
    auto commitment = sql::find_commitment(db, org_id, *bill.fields.commitment_id, true);
    if (auto refused = domain::refuse_billing(commitment->status))
      throw invalid_state(refused->message);
  }
  save_amounts(db, org_id, bill, false);
}

}  // namespace construction::operations
