#include "views/signing_figures.hpp"

#include "operations/change_order_document.hpp"
#include "operations/estimate_document.hpp"
#include "operations/pay_application_document.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"

namespace construction::views {

namespace {

Object total(const std::string& label, domain::Cents amount, bool grand = false) {
  Object row{{"label", label}, {"amount", money(amount)}};
  if (grand) row["grand"] = true;
  return row;
}

List priced_lines(const auto& lines) {
  List rows;
  for (const auto& line : lines)
    rows.push_back(Object{{"description", line.fields.description},
                          {"quantity", quantity_text(line.fields.quantity)},
                          {"unit", line.fields.unit},
                          {"amount", money(line.fields.price_cents)}});
  return rows;
}

std::string estimate_figures(sql::Connection& db, const Templates& templates, std::int64_t org_id,
                             std::int64_t id, const std::string& name) {
  auto document = operations::load_estimate(db, org_id, id);
  const domain::EstimateTotals& t = document.estimate.totals;
  List totals{total("Subtotal", t.subtotal)};
  if (t.tax.value != 0)
    totals.push_back(total("Tax (" + rate(document.estimate.fields.tax_bps) + ")", t.tax));
  totals.push_back(total("Total", t.total, true));
  return templates.render(
      "signing/lines",
      Object{{"document_name", name}, {"lines", priced_lines(document.lines)}, {"totals", totals}});
}

std::string change_order_figures(sql::Connection& db, const Templates& templates,
                                 std::int64_t org_id, std::int64_t id, const std::string& name) {
  auto document = operations::load_change_order(db, org_id, id);
  return templates.render("signing/lines",
                          Object{{"document_name", name},
                                 {"lines", priced_lines(document.lines)},
                                 {"totals", List{total("Change to the contract sum",
                                                       document.order.amount_cents, true)}}});
}

// The G702's lines a signer certifies by: what the contract is now, what
// is done, what is held back, what was paid, and what is due.
std::string pay_application_figures(sql::Connection& db, const Templates& templates,
                                    std::int64_t org_id, std::int64_t id) {
  auto document = operations::load_pay_application(db, org_id, id);
  const sql::PayApplicationRecord& a = document.application;
  const sql::G702Record& g = a.g702;
  List lines{total("Contract sum to date", g.contract_sum_to_date_cents),
             total("Total completed and stored to date", g.completed_and_stored_to_date_cents),
             total("Retainage", g.retainage_cents),
             total("Total earned less retainage", g.earned_less_retainage_cents),
             total("Less previous certificates", g.previous_certificates_cents),
             total("Current payment due", g.current_payment_due_cents, true),
             total("Balance to finish, with retainage", g.balance_to_finish_cents)};
  return templates.render("signing/g702", Object{{"number", std::to_string(a.number)},
                                                 {"period_to", date(a.period_to)},
                                                 {"g702", lines}});
}

}  // namespace

std::string signing_figures(sql::Connection& db, const Templates& templates, std::int64_t org_id,
                            domain::SignedDocumentKind kind, std::int64_t document_id,
                            const std::string& document_name) {
  using Kind = domain::SignedDocumentKind;
  switch (kind) {
    case Kind::estimate:
      return estimate_figures(db, templates, org_id, document_id, document_name);
    case Kind::change_order:
      return change_order_figures(db, templates, org_id, document_id, document_name);
    case Kind::pay_application:
      return pay_application_figures(db, templates, org_id, document_id);
  }
  return {};
}

}  // namespace construction::views
