// An estimate's life after drafting: send, accept, decline, revise. Each runs
// in one transaction with the estimate's row locked, after the state machine
// (domain/estimate.hpp) agreed:
//   send     refuses an estimate without lines (invalid_state);
//   accept   also locks the project, refuses a second accepted estimate
//            (conflict; a unique index is the last word on a race), builds
//            the schedule of values from the stored lines and sets the
//            project's original contract sum to the estimate's total;
//   revise   makes the next revision in draft with copies of the lines (the
//            revised estimate stays as it was, pointing at its revision).
// An estimate that was revised is replaced by its revision: acting on it is
// invalid_state.
#pragma once

#include <optional>

#include "domain/estimate.hpp"
#include "operations/estimate_document.hpp"

namespace construction::operations {

EstimateDocument transition_estimate(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                     domain::EstimateAction action);

}  // namespace construction::operations
