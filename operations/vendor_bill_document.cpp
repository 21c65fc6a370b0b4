#include "operations/vendor_bill_document.hpp"

#include "domain/commitment.hpp"
#include "operations/payee.hpp"
#include "sql/commitment_store.hpp"

namespace construction::operations {

namespace {

// The commitment a bill names, locked, checked against the bill's project
// and party; errors under commitment_id.
std::optional<sql::CommitmentRecord> lock_commitment(sql::Connection& db, std::int64_t org_id,
                                                     std::int64_t project_id,
                                                     const sql::VendorBillFields& fields,
                                                     domain::FieldErrors& errors) {
  if (!fields.commitment_id) return std::nullopt;
  auto commitment = sql::find_commitment(db, org_id, *fields.commitment_id, true);
  if (!commitment || commitment->project_id != project_id) {
    errors.add("commitment_id", "is not a commitment of this project");
    return std::nullopt;
  }
  if (commitment->fields.party_id != fields.party_id)
    errors.add("commitment_id", "is a commitment with another party than the bill's");
  else if (auto refused = domain::refuse_billing(commitment->status))
    errors.add("commitment_id", refused->message);
  return commitment;
}

void check_header(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                  const sql::VendorBillFields& fields) {
  domain::FieldErrors errors;
  check_payee(db, org_id, fields.party_id, errors);
  lock_commitment(db, org_id, project_id, fields, errors);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

}  // namespace

sql::VendorBillRecord VendorBillShape::insert(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t project_id, NewVendorBill& input) {
  check_header(db, org_id, project_id, input.fields);
  return sql::insert_vendor_bill(db, org_id, project_id, input.fields);
}

sql::VendorBillRecord VendorBillShape::update(sql::Connection& db, std::int64_t org_id,
                                              const sql::VendorBillRecord& stored,
                                              const sql::VendorBillFields& fields) {
  check_header(db, org_id, stored.project_id, fields);
  return save_amounts(db, org_id, sql::update_vendor_bill(db, org_id, stored.id, fields), false);
}

sql::VendorBillRecord VendorBillShape::save_amounts(sql::Connection& db, std::int64_t org_id,
                                                    const sql::VendorBillRecord& bill,
                                                    bool new_version) {
  auto lines = sql::list_amount_lines(db, kLines, org_id, bill.id);
  domain::Cents amount = stored_lines_amount(lines);
  domain::BasisPoints retainage{0};
  if (bill.fields.commitment_id) {
    auto commitment = sql::find_commitment(db, org_id, *bill.fields.commitment_id, true);
    retainage = domain::BasisPoints{commitment->fields.retainage_bps};
    std::vector<domain::Cents> amounts;
    for (const auto& line : lines) amounts.push_back(line.fields.amount_cents);
    domain::CommitmentCapacity capacity{commitment->fields.number, commitment->amount_cents,
                                        sql::billed_against(db, org_id, commitment->id, bill.id)};
    if (auto refused = domain::refuse_overbilling(capacity, amounts))
      throw invalid_fields(std::move(*refused));
  }
  domain::BillAmounts a = domain::bill_amounts(amount, retainage);
  return sql::set_vendor_bill_amounts(db, org_id, bill.id, {a.amount, a.retainage, a.payable},
                                      new_version);
}

template class AmountDocuments<VendorBillShape>;

}  // namespace construction::operations
