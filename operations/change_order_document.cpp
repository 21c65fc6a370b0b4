#include "operations/change_order_document.hpp"

#include "domain/change_order.hpp"
#include "operations/estimate_document.hpp"
#include "operations/refusal.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"

namespace construction::operations {

namespace {

using domain::UnitCostSign;

// The order's amount from its stored lines, saved.
sql::ChangeOrderRecord save_amount(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                   bool new_version) {
  std::vector<domain::PricedLine> priced;
  for (const auto& line : sql::list_change_order_lines(db, org_id, id))
    priced.push_back(stored_priced_line(line.fields, line.id, UnitCostSign::credit_allowed));
  auto amount = domain::change_order_amount(priced);
  if (!amount) throw invalid_fields(amount.error());
  return sql::set_change_order_amount(db, org_id, id, amount.value(), new_version);
}

// The order, locked, at the expected version, when it may be edited.
sql::ChangeOrderRecord lock_draft(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                                  std::optional<int> expected_version = std::nullopt) {
  auto order = sql::find_change_order(db, org_id, id, true);
  if (!order) throw not_found();
  check_version(expected_version, order->version);
  if (auto refusal = domain::refuse_edit(order->status)) throw invalid_state(refusal->message);
  return *order;
}

// The order, locked, and its line; either missing is not found.
sql::ChangeOrderLineRecord find_locked_line(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t change_order_id, std::int64_t line_id) {
  auto order = sql::find_change_order(db, org_id, change_order_id, true);
  auto line = order ? sql::find_change_order_line(db, org_id, order->id, line_id) : std::nullopt;
  if (!line) throw not_found();
  return *line;
}

}  // namespace

ChangeOrderDocument create_change_order(sql::Connection& db, std::int64_t org_id,
                                        std::int64_t project_id,
                                        const std::function<NewChangeOrder()>& read) {
  sql::Transaction tx(db);
  auto project = sql::find_project(db, org_id, project_id);
  if (!project) throw not_found();
  NewChangeOrder input = read();
  if (input.fields.number.empty())
    input.fields.number = sql::next_change_order_number(db, org_id, project->id);
  ChangeOrderDocument document{sql::insert_change_order(db, org_id, project->id, input.fields), {}};
  for (const auto& line : input.lines)
    document.lines.push_back(sql::insert_change_order_line(db, org_id, document.order.id, line));
  if (!document.lines.empty()) document.order = save_amount(db, org_id, document.order.id, false);
  tx.commit();
  return document;
}

ChangeOrderDocument load_change_order(sql::Connection& db, std::int64_t org_id, std::int64_t id) {
  auto found = sql::find_change_order_with_lines(db, org_id, id);
  if (!found) throw not_found();
  return {std::move(found->order), std::move(found->lines)};
}

ChangeOrderDocument change_change_order(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, std::optional<int> expected_version,
    const std::function<sql::ChangeOrderFields(const sql::ChangeOrderFields&)>& edit) {
  sql::Transaction tx(db);
  sql::ChangeOrderRecord order = lock_draft(db, org_id, id, expected_version);
  sql::ChangeOrderRecord saved = sql::update_change_order(db, org_id, order.id, edit(order.fields));
  auto lines = sql::list_change_order_lines(db, org_id, saved.id);
  tx.commit();
  return {saved, lines};
}

void delete_change_order(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                         std::optional<int> expected_version) {
  sql::Transaction tx(db);
  sql::ChangeOrderRecord order = lock_draft(db, org_id, id, expected_version);
  sql::delete_change_order(db, org_id, order.id);
  tx.commit();
}

ChangeOrderLineChange add_change_order_line(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t change_order_id,
                                            const ChangeOrderLineEdit& edit) {
  sql::Transaction tx(db);
  sql::ChangeOrderRecord order = lock_draft(db, org_id, change_order_id);
  sql::LineFields base;
  base.position = sql::next_change_order_line_position(db, org_id, order.id);
  sql::ChangeOrderLineRecord line = sql::insert_change_order_line(db, org_id, order.id, edit(base));
  sql::ChangeOrderRecord saved = save_amount(db, org_id, order.id, true);
  tx.commit();
  return {line, saved};
}

ChangeOrderLineChange change_change_order_line(sql::Connection& db, std::int64_t org_id,
                                               std::int64_t change_order_id, std::int64_t line_id,
                                               std::optional<int> expected_version,
                                               const ChangeOrderLineEdit& edit) {
  sql::Transaction tx(db);
  sql::ChangeOrderLineRecord line = find_locked_line(db, org_id, change_order_id, line_id);
  check_version(expected_version, line.version);
  lock_draft(db, org_id, change_order_id);
  sql::ChangeOrderLineRecord saved =
      sql::update_change_order_line(db, org_id, line.id, edit(line.fields));
  sql::ChangeOrderRecord order = save_amount(db, org_id, change_order_id, true);
  tx.commit();
  return {saved, order};
}

sql::ChangeOrderRecord remove_change_order_line(sql::Connection& db, std::int64_t org_id,
                                                std::int64_t change_order_id,
                                                std::int64_t line_id) {
  sql::Transaction tx(db);
  sql::ChangeOrderLineRecord line = find_locked_line(db, org_id, change_order_id, line_id);
  lock_draft(db, org_id, change_order_id);
  sql::delete_change_order_line(db, org_id, line.id);
  sql::ChangeOrderRecord order = save_amount(db, org_id, change_order_id, true);
  tx.commit();
  return order;
}

}  // namespace construction::operations
