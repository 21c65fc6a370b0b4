// Commitments (subcontracts and purchase orders): the document, its stored
// amount (the sum of its lines, recomputed by operations/ in the transaction
// of every line change) and its status. approved_at is set once, by the
// database, when the status becomes approved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/commitment.hpp"
#include "domain/money.hpp"
#include "sql/connection.hpp"
#include "sql/document_store.hpp"
#include "sql/page.hpp"
#include "sql/query.hpp"

namespace construction::sql {

struct CommitmentFields {
  std::string number;
  domain::CommitmentKind kind = domain::CommitmentKind::subcontract;
  std::int64_t party_id = 0;
  std::string title;
  std::int64_t retainage_bps = 0;
};

struct CommitmentRecord {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  CommitmentFields fields;
  domain::CommitmentStatus status = domain::CommitmentStatus::draft;
  domain::Cents amount_cents;
  domain::Cents billed_cents;  // Σ its approved and paid bills
  std::optional<domain::Timestamp> approved_at;
  int version = 1;
  domain::Timestamp created_at;
  domain::Timestamp updated_at;
};

// find, list, set_status and delete (sql/document_store.hpp).
extern const DocumentStatements<CommitmentRecord> kCommitments;

CommitmentRecord insert_commitment(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                   const CommitmentFields& fields);
std::optional<CommitmentRecord> find_commitment(Connection& db, std::int64_t org_id,
                                                std::int64_t id, bool for_update = false);
Query<PageOf<CommitmentRecord>> commitments_query(std::int64_t org_id, std::int64_t project_id,
                                                  const Page& page);
CommitmentRecord update_commitment(Connection& db, std::int64_t org_id, std::int64_t id,
                                   const CommitmentFields& fields);
// `new_version`: false when the amount follows a change already counted.
CommitmentRecord set_commitment_amount(Connection& db, std::int64_t org_id, std::int64_t id,
                                       domain::Cents amount, bool new_version);
// "SC-001" for a subcontract, "PO-001" for a purchase order: one more than
// the project's commitments of that kind so far.
std::string next_commitment_number(Connection& db, std::int64_t org_id, std::int64_t project_id,
                                   domain::CommitmentKind kind);
// Bills against the commitment that are not void (draft ones included).
int count_bills_against(Connection& db, std::int64_t org_id, std::int64_t commitment_id);

}  // namespace construction::sql
