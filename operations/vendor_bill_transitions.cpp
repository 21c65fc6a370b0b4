#include "operations/vendor_bill_transitions.hpp"

#include "domain/commitment.hpp"
#include "operations/refusal.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

void approve(sql::Connection& db, std::int64_t org_id, const sql::VendorBillRecord& bill) {
  if (bill.fields.commitment_id) {
    auto commitment = sql::find_commitment(db, org_id, *bill.fields.commitment_id, true);
    if (auto refused = domain::refuse_billing(*domain::parse_commitment_status(commitment->status)))
      throw invalid_state(refused->message);
  }
  settle_vendor_bill(db, org_id, bill, false);
}

}  // namespace

VendorBillDocument transition_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                          domain::VendorBillAction action) {
  sql::Transaction tx(db);
  auto bill = sql::find_vendor_bill(db, org_id, id, true);
  if (!bill) throw not_found();
  auto next = domain::transition(*domain::parse_vendor_bill_status(bill->status), action);
  if (!next) throw invalid_state(next.error().message);
  auto lines = sql::list_amount_lines(db, sql::AmountLineTable::vendor_bill_lines, org_id, id);
  if (action == domain::VendorBillAction::approve) {
    if (lines.empty()) throw invalid_state("a vendor bill without lines cannot be approved");
    approve(db, org_id, *bill);
  }
  sql::VendorBillRecord saved =
      sql::set_vendor_bill_status(db, org_id, id, std::string(to_string(next.value())));
  tx.commit();
  return {saved, std::move(lines)};
}

}  // namespace construction::operations
