#include "operations/commitment_document.hpp"

#include "operations/payee.hpp"

namespace construction::operations {

namespace {

void check_party(sql::Connection& db, std::int64_t org_id, const sql::CommitmentFields& fields) {
  domain::FieldErrors errors;
  check_payee(db, org_id, fields.party_id, errors);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

}  // namespace

sql::CommitmentRecord CommitmentShape::insert(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t project_id, NewCommitment& input) {
  check_party(db, org_id, input.fields);
  if (!input.retainage_given)
    input.fields.retainage_bps = domain::default_retainage(input.fields.kind).value;
  if (input.fields.number.empty())
    input.fields.number = sql::next_commitment_number(db, org_id, project_id, input.fields.kind);
  return sql::insert_commitment(db, org_id, project_id, input.fields);
}

sql::CommitmentRecord CommitmentShape::update(sql::Connection& db, std::int64_t org_id,
                                              const sql::CommitmentRecord& stored,
                                              const sql::CommitmentFields& fields) {
  if (fields.party_id != stored.fields.party_id) check_party(db, org_id, fields);
  return sql::update_commitment(db, org_id, stored.id, fields);
}

sql::CommitmentRecord CommitmentShape::save_amounts(sql::Connection& db, std::int64_t org_id,
                                                    const sql::CommitmentRecord& commitment,
                                                    bool new_version) {
  auto amount = stored_lines_amount(sql::list_amount_lines(db, kLines, org_id, commitment.id));
  return sql::set_commitment_amount(db, org_id, commitment.id, amount, new_version);
}

template class AmountDocuments<CommitmentShape>;

}  // namespace construction::operations
