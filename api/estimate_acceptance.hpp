// Accepting an estimate, as POST /estimates/{id}/accept and `construction
// seed-demo` both do it, in the caller's transaction: lock the project,
// refuse a second accepted estimate, build the schedule of values from the
// stored lines (domain::schedule_from_estimate), set the project's original
// contract sum to the estimate's total, mark the estimate accepted. The
// caller has locked the estimate and had the state machine agree.
#pragma once

#include <cstdint>
#include <optional>

#include "api/estimate_document.hpp"
#include "sql/connection.hpp"

namespace construction::api {

// Nothing when the project already has an accepted estimate (409 conflict
// over HTTP; the estimates_one_accepted index settles a race).
std::optional<EstimateDocument> accept_estimate(sql::Connection& db, std::int64_t org_id,
                                                const sql::EstimateRecord& estimate);

}  // namespace construction::api
