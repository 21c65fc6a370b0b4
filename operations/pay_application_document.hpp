// Pay applications: the next one made from the schedule of values and the
// last one, a draft's lines edited, and the summary kept equal to what
// domain/pay_application makes of the stored lines. Each use case runs in
// one transaction.
//
//   create    locks the project, so two requests at once make one
//             application; refuses while the last one is not certified
//             (invalid_state; a partial unique index is the last word) and
//             on a project without a schedule of values. Copies the
//             project's retainage rates; one line per SOV line, D and F
//             carried from the last application (domain next_entry), a line
//             the schedule gained since starting at 0.
//   edit      a draft's line: E and F (422 naming the field past 100 %).
//   refresh   a draft gains the SOV lines it lacks (a change order approved
//             since it was made) and its summary follows the contract sum.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/pay_application.hpp"
#include "sql/pay_application_store.hpp"

namespace construction::operations {

struct PayApplicationDocument {
  sql::PayApplicationRecord application;
  std::vector<sql::PayApplicationLineRecord> lines;
};

// `read` gives period_to once the project is found and may be billed (404
// and 409 before 422), or throws.
PayApplicationDocument create_pay_application(sql::Connection& db, std::int64_t org_id,
                                              std::int64_t project_id,
                                              const std::function<domain::Date()>& read);
PayApplicationDocument load_pay_application(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t id);

// What a client changes on a line: work this period (E), materials stored (F).
struct LineAmounts {
  std::int64_t this_period_cents = 0;
  std::int64_t stored_cents = 0;
};
struct PayApplicationLineChange {
  sql::PayApplicationLineRecord line;
  sql::PayApplicationRecord application;
};
// `edit` gets the stored amounts and gives the new ones (or throws).
PayApplicationLineChange change_pay_application_line(
    sql::Connection& db, std::int64_t org_id, std::int64_t pay_application_id, std::int64_t line_id,
    std::optional<int> expected_version,
    const std::function<LineAmounts(const LineAmounts&)>& edit);

// In the caller's transaction, with the project locked: the project's draft
// application, if any, brought up to date with the schedule of values.
void refresh_draft_pay_application(sql::Connection& db, std::int64_t org_id,
                                   std::int64_t project_id);

// A stored G703 line as domain/pay_application computes and shows it.
domain::G703Line g703_line_of(const sql::G703Record& figures);

// In the caller's transaction: the application's summary recomputed from its
// stored lines, the project's contract sum and the earlier certificates.
sql::PayApplicationRecord save_g702(sql::Connection& db, std::int64_t org_id,
                                    const sql::PayApplicationRecord& application);

}  // namespace construction::operations
