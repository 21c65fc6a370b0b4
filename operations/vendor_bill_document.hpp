// A vendor bill and its lines as one document, through the generic path of
// the documents that share a shape (operations/amount_document.hpp), as
// commitment_document.hpp is for commitments. What is the bill's own: every
// change recomputes its amount, retainage and payable from the stored lines
// and the commitment's retainage rate (domain::bill_amounts), with the bill
// locked, then its commitment, in that order everywhere. The party must be
// one of the organisation's subcontractors or vendors (422 party_id); a
// commitment named must be an approved one of the same project and party
// (422 commitment_id); and the bill may not take the commitment's billed
// total (its approved and paid bills) past its amount (422 naming the
// line). Its transitions' rules are in operations/vendor_bill_transitions.hpp.
#pragma once

#include <vector>

#include "domain/vendor_bill.hpp"
#include "operations/amount_document.hpp"
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

// What a vendor bill brings to AmountDocuments (amount_document.hpp says
// what each member does).
struct VendorBillShape {
  using Record = sql::VendorBillRecord;
  using Document = VendorBillDocument;
  using New = NewVendorBill;
  using Action = domain::VendorBillAction;
  static constexpr auto kLines = sql::AmountLineTable::vendor_bill_lines;
  static const sql::DocumentStatements<Record>& statements() { return sql::kVendorBills; }

  static Record insert(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                       New& input);
  static Record update(sql::Connection& db, std::int64_t org_id, const Record& stored,
                       const sql::VendorBillFields& fields);
  // The bill's amounts from its stored lines and its commitment (locked
  // when named), saved; refuses overbilling as above. Approval runs it
  // again, with the commitment locked, as the last word.
  static Record save_amounts(sql::Connection& db, std::int64_t org_id, const Record& bill,
                             bool new_version);
  // In operations/vendor_bill_transitions.cpp.
  static void check_transition(sql::Connection& db, std::int64_t org_id, const Record& bill,
                               Action action, const std::vector<sql::AmountLineRecord>& lines);
};

using VendorBills = AmountDocuments<VendorBillShape>;
extern template class AmountDocuments<VendorBillShape>;

inline constexpr auto create_vendor_bill = &VendorBills::create;
inline constexpr auto load_vendor_bill = &VendorBills::load;
inline constexpr auto add_vendor_bill_line = &VendorBills::add_line;
inline constexpr auto change_vendor_bill_line = &VendorBills::change_line;
inline constexpr auto remove_vendor_bill_line = &VendorBills::remove_line;

}  // namespace construction::operations
