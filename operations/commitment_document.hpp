// A commitment (subcontract or purchase order) and its lines as one
// document: create (optionally with lines), read, change and delete a draft,
// and add, change or remove a draft's lines. Every change runs in one
// transaction with the commitment locked and recomputes its amount from the
// stored lines (domain::document_amount); a line change makes a new version
// of the commitment. Only a draft changes (Refusal invalid_state). The party
// must be one of the organisation's subcontractors or vendors (422
// party_id).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sql/amount_line_store.hpp"
#include "sql/commitment_store.hpp"

namespace construction::operations {

struct CommitmentDocument {
  sql::CommitmentRecord commitment;
  std::vector<sql::AmountLineRecord> lines;
};

struct NewCommitment {
  sql::CommitmentFields fields;              // number "" for the project's next of its kind
  bool retainage_given = false;              // else the kind's default (domain::default_retainage)
  std::vector<sql::AmountLineFields> lines;  // checked already
};

// `read` runs once the project is found (404 before 422).
CommitmentDocument create_commitment(sql::Connection& db, std::int64_t org_id,
                                     std::int64_t project_id,
                                     const std::function<NewCommitment()>& read);
CommitmentDocument load_commitment(sql::Connection& db, std::int64_t org_id, std::int64_t id);
CommitmentDocument change_commitment(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::CommitmentFields(const sql::CommitmentFields&)>& edit);
void delete_commitment(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                       std::optional<int> expected_version);

// `edit` gets the stored line (or an empty one) and gives the checked
// fields, or throws a Refusal.
using AmountLineEdit = std::function<sql::AmountLineFields(const sql::AmountLineFields&)>;
struct CommitmentLineChange {
  sql::AmountLineRecord line;
  sql::CommitmentRecord commitment;
};
CommitmentLineChange add_commitment_line(sql::Connection& db, std::int64_t org_id,
                                         std::int64_t commitment_id, const AmountLineEdit& edit);
CommitmentLineChange change_commitment_line(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t commitment_id, std::int64_t line_id,
                                            std::optional<int> expected_version,
                                            const AmountLineEdit& edit);
sql::CommitmentRecord remove_commitment_line(sql::Connection& db, std::int64_t org_id,
                                             std::int64_t commitment_id, std::int64_t line_id);

// The Σ of stored lines' amounts, refused (field "lines") beyond kMaxCents:
// what both commitments and vendor bills store as their amount.
std::int64_t stored_lines_amount(const std::vector<sql::AmountLineRecord>& lines);

}  // namespace construction::operations
