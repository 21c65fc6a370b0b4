#include "operations/pay_application_transitions.hpp"

#include "operations/invoice_document.hpp"
#include "operations/refusal.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::PayApplicationAction;

domain::Cents certificate(const sql::PayApplicationRecord& application,
                          const std::function<std::int64_t()>& read_certified) {
  auto amount = domain::validate_certified_amount(read_certified(),
                                                  application.g702.current_payment_due_cents);
  if (!amount) throw invalid_fields(amount.error());
  return amount.value();
}

}  // namespace

PayApplicationDocument transition_pay_application(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, PayApplicationAction action,
    std::optional<int> expected_version, const std::function<std::int64_t()>& read_certified) {
  sql::Transaction tx(db);
  auto application = sql::find_pay_application(db, org_id, id, true);
  if (!application) throw not_found();
  check_version(expected_version, application->version);
  auto next = domain::transition(application->status, action);
  if (!next) throw invalid_state(next.error().message);
  std::optional<domain::Cents> certified;
  if (action == PayApplicationAction::certify)
    certified = certificate(*application, read_certified);
  sql::PayApplicationRecord saved =
      sql::set_pay_application_status(db, org_id, application->id, next.value(), certified);
  if (action == PayApplicationAction::certify) {
    auto previous =
        sql::find_pay_application_by_number(db, org_id, saved.project_id, saved.number - 1);
    invoice_certificate(db, org_id, saved,
                        previous ? previous->g702.retainage_cents : domain::Cents{});
  }
  if (action == PayApplicationAction::return_) {
    refresh_draft_pay_application(db, org_id, saved.project_id);
    saved = *sql::find_pay_application(db, org_id, saved.id);
  }
  auto lines = sql::list_pay_application_lines(db, org_id, saved.id);
  tx.commit();
  return {saved, lines};
}

}  // namespace construction::operations
