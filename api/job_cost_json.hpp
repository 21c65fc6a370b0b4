// Commitments, vendor bills, their lines and budget transfers in JSON: the
// fields read from a body (every bad one named) and how each is written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/field_reader.hpp"
#include "api/json_writer.hpp"
#include "domain/amount_line.hpp"
#include "sql/amount_line_store.hpp"
#include "sql/budget_store.hpp"
#include "sql/commitment_store.hpp"
#include "sql/vendor_bill_store.hpp"

namespace construction::api {

// A line over `base` (the stored line, or an empty one), checked by the
// domain; errors under the reader's prefix. Nothing when refused.
std::optional<sql::AmountLineFields> read_amount_line(FieldReader& in, sql::AmountLineFields base,
                                                      bool creating, domain::AmountSign sign);
// "lines": [...] of a new document (errors under "lines[i].").
std::vector<sql::AmountLineFields> read_new_amount_lines(FieldReader& in, domain::AmountSign sign);
// `document_key`: "commitment_id" or "vendor_bill_id".
void write_amount_line(JsonWriter& w, const sql::AmountLineRecord& line,
                       std::string_view document_key);

// retainage_given: whether the body named retainage_bps.
void read_commitment_fields(FieldReader& in, sql::CommitmentFields& fields,
                            bool* retainage_given = nullptr);
void write_commitment_fields(JsonWriter& w, const sql::CommitmentRecord& commitment);

// `dated`: whether `fields` holds a bill date already (a stored bill's), to
// which a due date is compared when the body names none.
void read_vendor_bill_fields(FieldReader& in, sql::VendorBillFields& fields, bool dated);
void write_vendor_bill_fields(JsonWriter& w, const sql::VendorBillRecord& bill);

sql::BudgetTransferFields read_budget_transfer(FieldReader& in);
void write_budget_transfer(JsonWriter& w, const sql::BudgetTransferRecord& transfer);

}  // namespace construction::api
