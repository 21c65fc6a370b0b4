// Vendor bills: the document, its stored amounts (amount = Σ lines,
// retainage and payable from the commitment's rate, recomputed by
// operations/ in the transaction of every change) and its status. The reads
// and writes it shares with commitments go through sql/document_store.hpp
// with kVendorBills.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/money.hpp"
#include "domain/vendor_bill.hpp"
#include "sql/connection.hpp"
#include "sql/document_store.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct VendorBillFields {
  std::string number;
  std::int64_t party_id = 0;
  std::optional<std::int64_t> commitment_id;
  domain::Date bill_date;
  std::optional<domain::Date> due_date;
};

struct VendorBillAmounts {
  domain::Cents amount_cents;
  domain::Cents retainage_cents;
  domain::Cents payable_cents;
};

struct VendorBillRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  VendorBillFields fields;
  domain::VendorBillStatus status = domain::VendorBillStatus::draft;
  VendorBillAmounts amounts;
  std::optional<domain::Timestamp> approved_at;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

// find, list, set_status and delete (sql/document_store.hpp).
extern const DocumentStatements<VendorBillRecord> kVendorBills;

VendorBillRecord insert_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                    const VendorBillFields& fields);
std::optional<VendorBillRecord> find_vendor_bill(Connection& db, std::int64_t org_id,
                                                 std::int64_t id, bool for_update = false);
Query<PageOf<VendorBillRecord>> vendor_bills_query(std::int64_t org_id, std::int64_t project_id,
                                                   const Page& page);
VendorBillRecord update_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t id,
                                    const VendorBillFields& fields);
// `new_version`: false when the amounts follow a change already counted.
VendorBillRecord set_vendor_bill_amounts(Connection& db, std::int64_t org_id, std::int64_t id,
                                         const VendorBillAmounts& amounts, bool new_version);
// Σ amount of the commitment's approved and paid bills, `except` excluded.
domain::Cents billed_against(Connection& db, std::int64_t org_id, std::int64_t commitment_id,
                             std::int64_t except);

}  // namespace construction::sql
