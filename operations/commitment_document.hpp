// A commitment (subcontract or purchase order) and its lines as one
// document, through the generic path of the documents that share a shape
// (operations/amount_document.hpp): create (optionally with lines), read,
// change and delete a draft, and add, change or remove a draft's lines.
// What is the commitment's own: its amount is the Σ of its stored lines
// (domain::document_amount); a new one without a number takes the project's
// next of its kind ("SC-001", "PO-001") and, without a retainage, its kind's
// default (domain::default_retainage); the party must be one of the
// organisation's subcontractors or vendors (422 party_id). Its transitions'
// rules are in operations/commitment_transitions.hpp.
#pragma once

#include <vector>

#include "domain/commitment.hpp"
#include "operations/amount_document.hpp"
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

// What a commitment brings to AmountDocuments (amount_document.hpp says what
// each member does).
struct CommitmentShape {
  using Record = sql::CommitmentRecord;
  using Document = CommitmentDocument;
  using New = NewCommitment;
  using Action = domain::CommitmentAction;
  static constexpr auto kLines = sql::AmountLineTable::commitment_lines;
  static const sql::DocumentStatements<Record>& statements() { return sql::kCommitments; }

  static Record insert(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                       New& input);
  static Record update(sql::Connection& db, std::int64_t org_id, const Record& stored,
                       const sql::CommitmentFields& fields);
  static Record save_amounts(sql::Connection& db, std::int64_t org_id, const Record& commitment,
                             bool new_version);
  // In operations/commitment_transitions.cpp.
  static void check_transition(sql::Connection& db, std::int64_t org_id, const Record& commitment,
                               Action action, const std::vector<sql::AmountLineRecord>& lines);
};

using Commitments = AmountDocuments<CommitmentShape>;
extern template class AmountDocuments<CommitmentShape>;

inline constexpr auto create_commitment = &Commitments::create;
inline constexpr auto load_commitment = &Commitments::load;
inline constexpr auto add_commitment_line = &Commitments::add_line;
inline constexpr auto change_commitment_line = &Commitments::change_line;
inline constexpr auto remove_commitment_line = &Commitments::remove_line;

}  // namespace construction::operations
