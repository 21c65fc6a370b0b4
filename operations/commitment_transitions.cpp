#include "operations/commitment_transitions.hpp"

#include "operations/refusal.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

CommitmentDocument transition_commitment(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                         domain::CommitmentAction action) {
  using domain::CommitmentAction;
  sql::Transaction tx(db);
  auto commitment = sql::find_commitment(db, org_id, id, true);
  if (!commitment) throw not_found();
  auto status = *domain::parse_commitment_status(commitment->status);
  auto next = domain::transition(status, action);
  if (!next) throw invalid_state(next.error().message);
  auto lines = sql::list_amount_lines(db, sql::AmountLineTable::commitment_lines, org_id, id);
  std::optional<domain::InvalidState> refused;
  if (action == CommitmentAction::approve)
    refused = domain::refuse_approval(static_cast<int>(lines.size()));
  if (action == CommitmentAction::void_)
    refused = domain::refuse_void(status, sql::count_bills_against(db, org_id, id));
  if (refused) throw invalid_state(refused->message);
  sql::CommitmentRecord saved =
      sql::set_commitment_status(db, org_id, id, std::string(to_string(next.value())));
  tx.commit();
  return {saved, std::move(lines)};
}

}  // namespace construction::operations
