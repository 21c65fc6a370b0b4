// A vendor bill and its lines as one document, as commitment_document.hpp is
// for commitments. Every change runs in one transaction with the bill locked
// (then its commitment, in that order everywhere) and recomputes the bill's
// amount, retainage and payable from the stored lines and the commitment's
// retainage rate (domain::bill_amounts). The party must be one of the
// organisation's subcontractors or vendors (422 party_id); a commitment
// named must be an approved one of the same project and party (422
// commitment_id); and the bill may not take the commitment's billed total
// (its approved and paid bills) past its amount (422 naming the line).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "operations/commitment_document.hpp"
#include "sql/vendor_bill_store.hpp"

namespace construction::operations {

struct VendorBillDocument {
  sql::VendorBillRecord bill;
  std::vector<sql::AmountLineRecord> lines;
};

struct NewVendorBill {
  sql::VendorBillFields fields;
  std::vector<sql::AmountLineFields> lines;  // checked already
};

VendorBillDocument create_vendor_bill(sql::Connection& db, std::int64_t org_id,
                                      std::int64_t project_id,
                                      const std::function<NewVendorBill()>& read);
VendorBillDocument load_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id);
VendorBillDocument change_vendor_bill(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::VendorBillFields(const sql::VendorBillFields&)>& edit);
void delete_vendor_bill(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                        std::optional<int> expected_version);

struct VendorBillLineChange {
  sql::AmountLineRecord line;
  sql::VendorBillRecord bill;
};
VendorBillLineChange add_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                          std::int64_t bill_id, const AmountLineEdit& edit);
VendorBillLineChange change_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                             std::int64_t bill_id, std::int64_t line_id,
                                             std::optional<int> expected_version,
                                             const AmountLineEdit& edit);
sql::VendorBillRecord remove_vendor_bill_line(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t bill_id, std::int64_t line_id);

// The bill's amounts from its stored lines and its commitment (locked when
// named), saved; refuses overbilling as above. Approval runs it again, with
// the commitment locked, as the last word.
sql::VendorBillRecord settle_vendor_bill(sql::Connection& db, std::int64_t org_id,
                                         const sql::VendorBillRecord& bill, bool new_version);

}  // namespace construction::operations
