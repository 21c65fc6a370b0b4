#include "operations/change_order_transitions.hpp"

#include "domain/schedule_of_values.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/schedule_of_values_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::ChangeOrderAction;

void approve(sql::Connection& db, std::int64_t org_id, const sql::ChangeOrderRecord& order) {
  auto project = sql::find_project(db, org_id, order.project_id, true);
  domain::Cents contract_sum = project->original_contract_sum_cents +
                               sql::approved_change_orders_cents(db, org_id, project->id);
  auto after = domain::contract_sum_after_approval(contract_sum, order.amount_cents);
  if (!after) throw invalid_fields(after.error());
  domain::SovLine line = domain::schedule_line_for_change_order(
      sql::next_sov_item_no(db, org_id, project->id), order.id, order.fields.number,
      order.fields.title, order.amount_cents);
  sql::insert_change_order_sov_line(db, org_id, project->id, order.id, line.item_no,
                                    line.description, line.scheduled_value);
}

}  // namespace

ChangeOrderDocument transition_change_order(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t id, ChangeOrderAction action) {
  sql::Transaction tx(db);
  auto order = sql::find_change_order(db, org_id, id, true);
  if (!order) throw not_found();
  auto next = domain::transition(order->status, action);
  if (!next) throw invalid_state(next.error().message);
  auto lines = sql::list_change_order_lines(db, org_id, order->id);
  if (action == ChangeOrderAction::submit && lines.empty())
    throw invalid_state("A change order without lines cannot be submitted");
  if (action == ChangeOrderAction::approve) approve(db, org_id, *order);
  sql::ChangeOrderRecord saved = sql::set_change_order_status(db, org_id, order->id, next.value());
  // After the status: the draft's summary sums the approved orders, this one now among them.
  if (action == ChangeOrderAction::approve)
    refresh_draft_pay_application(db, org_id, saved.project_id);
  tx.commit();
  return {saved, std::move(lines)};
}

}  // namespace construction::operations
