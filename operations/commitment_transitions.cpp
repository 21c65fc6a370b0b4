#include "operations/commitment_transitions.hpp"

namespace construction::operations {

void CommitmentShape::check_transition(sql::Connection& db, std::int64_t org_id,
                                       const sql::CommitmentRecord& commitment,
                                       domain::CommitmentAction action,
                                       const std::vector<sql::AmountLineRecord>& lines) {
  using domain::CommitmentAction;
  std::optional<domain::InvalidState> refused;
  if (action == CommitmentAction::approve)
    refused = domain::refuse_approval(static_cast<int>(lines.size()));
  if (action == CommitmentAction::void_)
    refused =
        domain::refuse_void(commitment.status, sql::count_bills_against(db, org_id, commitment.id));
  if (refused) throw invalid_state(refused->message);
}

}  // namespace construction::operations
