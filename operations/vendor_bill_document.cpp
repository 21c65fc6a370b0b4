#include "operations/vendor_bill_document.hpp"

#include "domain/commitment.hpp"
#include "domain/vendor_bill.hpp"
#include "operations/payee.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

constexpr auto kLines = sql::AmountLineTable::vendor_bill_lines;

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
  else if (auto refused =
               domain::refuse_billing(*domain::parse_commitment_status(commitment->status)))
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

sql::VendorBillRecord lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                 std::optional<int> expected_version = std::nullopt) {
  auto bill = sql::find_vendor_bill(db, org_id, id, true);
  if (!bill) throw not_found();
  check_version(expected_version, bill->version);
  if (auto refusal = domain::refuse_edit(*domain::parse_vendor_bill_status(bill->status)))
    throw invalid_state(refusal->message);
  return *bill;
}

sql::AmountLineRecord find_line(sql::Connection& db, std::int64_t org_id, std::int64_t bill_id,
                                std::int64_t line_id) {
  auto line = sql::find_amount_line(db, kLines, org_id, bill_id, line_id);
  if (!line) throw not_found();
  return *line;
}

}  // namespace

sql::VendorBillRecord settle_vendor_bill(sql::Connection& db, std::int64_t org_id,
                                         const sql::VendorBillRecord& bill, bool new_version) {
  auto lines = sql::list_amount_lines(db, kLines, org_id, bill.id);
  domain::Cents amount{stored_lines_amount(lines)};
  domain::BasisPoints retainage{0};
  if (bill.fields.commitment_id) {
    auto commitment = sql::find_commitment(db, org_id, *bill.fields.commitment_id, true);
    retainage = domain::BasisPoints{commitment->fields.retainage_bps};
    std::vector<domain::Cents> amounts;
    for (const auto& line : lines) amounts.push_back(domain::Cents{line.fields.amount_cents});
    domain::CommitmentCapacity capacity{
        commitment->fields.number, domain::Cents{commitment->amount_cents},
        domain::Cents{sql::billed_against(db, org_id, commitment->id, bill.id)}};
    if (auto refused = domain::refuse_overbilling(capacity, amounts))
      throw invalid_fields(std::move(*refused));
  }
  domain::BillAmounts a = domain::bill_amounts(amount, retainage);
  return sql::set_vendor_bill_amounts(
      db, org_id, bill.id, {a.amount.value, a.retainage.value, a.payable.value}, new_version);
}

VendorBillDocument create_vendor_bill(sql::Connection& db, std::int64_t org_id,
                                      std::int64_t project_id,
                                      const std::function<NewVendorBill()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  NewVendorBill input = read();
  check_header(db, org_id, project->id, input.fields);
  VendorBillDocument document{sql::insert_vendor_bill(db, org_id, project->id, input.fields), {}};
  for (const auto& line : input.lines)
    document.lines.push_back(sql::insert_amount_line(db, kLines, org_id, document.bill.id, line));
  document.bill = settle_vendor_bill(db, org_id, document.bill, false);
  tx.commit();
  return document;
}

VendorBillDocument load_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto bill = sql::find_vendor_bill(db, org_id, id);
  if (!bill) throw not_found();
  return {*bill, sql::list_amount_lines(db, kLines, org_id, bill->id)};
}

VendorBillDocument change_vendor_bill(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::VendorBillFields(const sql::VendorBillFields&)>& edit) {
  sql::Transaction tx(db);
  sql::VendorBillRecord bill = lock_draft(db, org_id, id, expected_version);
  sql::VendorBillFields fields = edit(bill.fields);
  check_header(db, org_id, bill.project_id, fields);
  sql::VendorBillRecord saved =
      settle_vendor_bill(db, org_id, sql::update_vendor_bill(db, org_id, bill.id, fields), false);
  auto lines = sql::list_amount_lines(db, kLines, org_id, saved.id);
  tx.commit();
  return {saved, std::move(lines)};
}

void delete_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                        std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::VendorBillRecord bill = lock_draft(db, org_id, id, expected_version);
  sql::delete_vendor_bill(db, org_id, bill.id);
  tx.commit();
}

VendorBillLineChange add_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t bill_id, const AmountLineEdit& edit) {
  sql::Transaction tx(db);
  sql::VendorBillRecord bill = lock_draft(db, org_id, bill_id);
  sql::AmountLineRecord line =
      sql::insert_amount_line(db, kLines, org_id, bill.id, edit(sql::AmountLineFields{}));
  sql::VendorBillRecord saved = settle_vendor_bill(db, org_id, bill, true);
  tx.commit();
  return {line, saved};
}

VendorBillLineChange change_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                             std::int64_t bill_id, std::int64_t line_id,
                                             std::optional<int> expected_version,
                                             const AmountLineEdit& edit) {
  sql::Transaction tx(db);
  auto bill = sql::find_vendor_bill(db, org_id, bill_id, true);
  if (!bill) throw not_found();
  sql::AmountLineRecord line = find_line(db, org_id, bill->id, line_id);
  check_version(expected_version, line.version);
  lock_draft(db, org_id, bill->id);
  sql::AmountLineRecord saved =
      sql::update_amount_line(db, kLines, org_id, line.id, edit(line.fields));
  sql::VendorBillRecord after = settle_vendor_bill(db, org_id, *bill, true);
  tx.commit();
  return {saved, after};
}

sql::VendorBillRecord remove_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t bill_id, std::int64_t line_id) {
  sql::Transaction tx(db);
  auto bill = sql::find_vendor_bill(db, org_id, bill_id, true);
  if (!bill) throw not_found();
  sql::AmountLineRecord line = find_line(db, org_id, bill->id, line_id);
  lock_draft(db, org_id, bill->id);
  sql::delete_amount_line(db, kLines, org_id, line.id);
  sql::VendorBillRecord after = settle_vendor_bill(db, org_id, *bill, true);
  tx.commit();
  return after;
}

}  // namespace construction::operations
