#include "operations/commitment_document.hpp"

#include "domain/amount_line.hpp"
#include "domain/commitment.hpp"
#include "operations/payee.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

constexpr auto kLines = sql::AmountLineTable::commitment_lines;

sql::CommitmentRecord save_amount(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                  bool new_version) {
  auto amount = stored_lines_amount(sql::list_amount_lines(db, kLines, org_id, id));
  return sql::set_commitment_amount(db, org_id, id, amount, new_version);
}

// The commitment, locked, at the expected version, when it may be edited.
sql::CommitmentRecord lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                 std::optional<int> expected_version = std::nullopt) {
  auto commitment = sql::find_commitment(db, org_id, id, true);
  if (!commitment) throw not_found();
  check_version(expected_version, commitment->version);
  if (auto refusal = domain::refuse_edit(*domain::parse_commitment_status(commitment->status)))
    throw invalid_state(refusal->message);
  return *commitment;
}

void check_party(sql::Connection& db, std::int64_t org_id, const sql::CommitmentFields& fields) {
  domain::FieldErrors errors;
  check_payee(db, org_id, fields.party_id, errors);
  if (!errors.empty()) throw invalid_fields(std::move(errors));
}

sql::AmountLineRecord find_line(sql::Connection& db, std::int64_t org_id,
                                std::int64_t commitment_id, std::int64_t line_id) {
  auto line = sql::find_amount_line(db, kLines, org_id, commitment_id, line_id);
  if (!line) throw not_found();
  return *line;
}

}  // namespace

std::int64_t stored_lines_amount(const std::vector<sql::AmountLineRecord>& lines) {
  std::vector<domain::Cents> amounts;
  for (const auto& line : lines) amounts.push_back(domain::Cents{line.fields.amount_cents});
  auto amount = domain::document_amount(amounts);
  if (!amount) throw invalid_fields(amount.error());
  return amount.value().value;
}

CommitmentDocument create_commitment(sql::Connection& db, std::int64_t org_id,
                                     std::int64_t project_id,
                                     const std::function<NewCommitment()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  NewCommitment input = read();
  check_party(db, org_id, input.fields);
  auto kind = *domain::parse_commitment_kind(input.fields.kind);
  if (!input.retainage_given) input.fields.retainage_bps = domain::default_retainage(kind).value;
  if (input.fields.number.empty())
    input.fields.number = sql::next_commitment_number(db, org_id, project->id, input.fields.kind);
  CommitmentDocument document{sql::insert_commitment(db, org_id, project->id, input.fields), {}};
  for (const auto& line : input.lines)
    document.lines.push_back(
        sql::insert_amount_line(db, kLines, org_id, document.commitment.id, line));
  if (!document.lines.empty())
    document.commitment = save_amount(db, org_id, document.commitment.id, false);
  tx.commit();
  return document;
}

CommitmentDocument load_commitment(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto commitment = sql::find_commitment(db, org_id, id);
  if (!commitment) throw not_found();
  return {*commitment, sql::list_amount_lines(db, kLines, org_id, commitment->id)};
}

CommitmentDocument change_commitment(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::CommitmentFields(const sql::CommitmentFields&)>& edit) {
  sql::Transaction tx(db);
  sql::CommitmentRecord commitment = lock_draft(db, org_id, id, expected_version);
  sql::CommitmentFields fields = edit(commitment.fields);
  if (fields.party_id != commitment.fields.party_id) check_party(db, org_id, fields);
  sql::CommitmentRecord saved = sql::update_commitment(db, org_id, commitment.id, fields);
  auto lines = sql::list_amount_lines(db, kLines, org_id, saved.id);
  tx.commit();
  return {saved, std::move(lines)};
}

void delete_commitment(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                       std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::CommitmentRecord commitment = lock_draft(db, org_id, id, expected_version);
  // No bill names a draft: bills need an approved commitment, and approval
  // is never undone.
  sql::delete_commitment(db, org_id, commitment.id);
  tx.commit();
}

CommitmentLineChange add_commitment_line(sql::Connection& db, std::int64_t org_id,
                                         std::int64_t commitment_id, const AmountLineEdit& edit) {
  sql::Transaction tx(db);
  sql::CommitmentRecord commitment = lock_draft(db, org_id, commitment_id);
  sql::AmountLineRecord line =
      sql::insert_amount_line(db, kLines, org_id, commitment.id, edit(sql::AmountLineFields{}));
  sql::CommitmentRecord saved = save_amount(db, org_id, commitment.id, true);
  tx.commit();
  return {line, saved};
}

CommitmentLineChange change_commitment_line(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t commitment_id, std::int64_t line_id,
                                            std::optional<int> expected_version,
                                            const AmountLineEdit& edit) {
  sql::Transaction tx(db);
  auto commitment = sql::find_commitment(db, org_id, commitment_id, true);
  if (!commitment) throw not_found();
  sql::AmountLineRecord line = find_line(db, org_id, commitment->id, line_id);
  check_version(expected_version, line.version);
  lock_draft(db, org_id, commitment->id);
  sql::AmountLineRecord saved =
      sql::update_amount_line(db, kLines, org_id, line.id, edit(line.fields));
  sql::CommitmentRecord after = save_amount(db, org_id, commitment->id, true);
  tx.commit();
  return {saved, after};
}

sql::CommitmentRecord remove_commitment_line(sql::Connection& db, std::int64_t org_id,
                                             std::int64_t commitment_id, std::int64_t line_id) {
  sql::Transaction tx(db);
  auto commitment = sql::find_commitment(db, org_id, commitment_id, true);
  if (!commitment) throw not_found();
  sql::AmountLineRecord line = find_line(db, org_id, commitment->id, line_id);
  lock_draft(db, org_id, commitment->id);
  sql::delete_amount_line(db, kLines, org_id, line.id);
  sql::CommitmentRecord after = save_amount(db, org_id, commitment->id, true);
  tx.commit();
  return after;
}

}  // namespace construction::operations
