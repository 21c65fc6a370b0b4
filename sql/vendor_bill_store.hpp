// Vendor bills: the document, its stored amounts (amount = Σ lines,
// retainage and payable from the commitment's rate, recomputed by
// operations/ in the transaction of every change) and its status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sql/connection.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct VendorBillFields {
  std::string number;
  std::int64_t party_id = 0;
  std::optional<std::int64_t> commitment_id;
  std::string bill_date;                // YYYY-MM-DD
  std::optional<std::string> due_date;  // YYYY-MM-DD
};

struct VendorBillAmounts {
  std::int64_t amount_cents = 0;
  std::int64_t retainage_cents = 0;
  std::int64_t payable_cents = 0;
};

struct VendorBillRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  VendorBillFields fields;
  std::string status;
  VendorBillAmounts amounts;
  std::optional<std::string> approved_at;
  int version = 1;
  std::string created_at;
  std::string updated_at;
};

VendorBillRecord insert_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                    const VendorBillFields& fields);
std::optional<VendorBillRecord> find_vendor_bill(Connection& db, std::int64_t org_id,
                                                 std::int64_t id, bool for_update = false);
Query<PageOf<VendorBillRecord>> vendor_bills_query(std::int64_t org_id, std::int64_t project_id,
                                                   const Page& page);
PageOf<VendorBillRecord> list_vendor_bills(Connection& db, std::int64_t org_id,
                                           std::int64_t project_id, const Page& page);
VendorBillRecord update_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t id,
                                    const VendorBillFields& fields);
// `new_version`: false when the amounts follow a change already counted.
VendorBillRecord set_vendor_bill_amounts(Connection& db, std::int64_t org_id, std::int64_t id,
                                         const VendorBillAmounts& amounts, bool new_version);
VendorBillRecord set_vendor_bill_status(Connection& db, std::int64_t org_id, std::int64_t id,
                                        const std::string& status);
void delete_vendor_bill(Connection& db, std::int64_t org_id, std::int64_t id);
// Σ amount of the commitment's approved and paid bills, `except` excluded.
std::int64_t billed_against(Connection& db, std::int64_t org_id, std::int64_t commitment_id,
                            std::int64_t except);

}  // namespace construction::sql
