// /vendor-bills/{id}: the vendor bill editor, the commitment editor's twin
// (views/amount_line_form.hpp), whose lines may be credits (negative
// amounts). A bill against a commitment shows what the commitment has left
// (its amount less its approved and paid bills) and, while the bill is a
// draft, what it will have left after this bill, both re-rendered out of band
// as lines change; a line that would take the commitment past its amount is
// refused beside the line (422, the operation's rule) and nothing is saved.
// Retainage withheld shows for bills against a subcontract (or any bill that
// withholds some). Approve / pay / void show only where
// domain/vendor_bill.hpp allows them. POST /projects/{id}/vendor-bills makes
// a draft from the Budget tab's form (or /projects/{id}/vendor-bills/new).
#include <optional>

#include "domain/commitment.hpp"
#include "domain/vendor_bill.hpp"
#include "operations/refusal.hpp"
#include "operations/vendor_bill_transitions.hpp"
#include "sql/commitment_store.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/action_buttons.hpp"
#include "views/amount_line_form.hpp"
#include "views/commitment_options.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/payee_options.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

using domain::VendorBillAction;
using operations::VendorBillDocument;

bool editable(const PageContext& page, const sql::VendorBillRecord& bill) {
  return !domain::refuse_edit(bill.status) && page.may(domain::Permission::write_commercial);
}

std::optional<sql::CommitmentRecord> commitment_of(const PageContext& page,
                                                   const sql::VendorBillRecord& bill) {
  if (!bill.fields.commitment_id) return std::nullopt;
  return sql::find_commitment(page.db, page.org_id(), *bill.fields.commitment_id);
}

// The bill's figures, and its commitment's remaining amount (`commitment`:
// the bill's, read once by the caller).
std::string totals(const PageContext& page, const sql::VendorBillRecord& bill,
                   const std::optional<sql::CommitmentRecord>& commitment, bool oob) {
  const sql::VendorBillAmounts& a = bill.amounts;
  Data data = Object{{"amount", money(a.amount_cents)}, {"payable", money(a.payable_cents)}};
  if (a.amount_cents < domain::Cents{0}) data.set("credit", true);
  if ((commitment && commitment->fields.kind == domain::CommitmentKind::subcontract) ||
      a.retainage_cents != domain::Cents{0}) {
    data.set("retainage", money(a.retainage_cents));
    if (commitment) data.set("retainage_rate", rate(commitment->fields.retainage_bps));
  }
  if (commitment) {
    domain::Cents remaining = commitment->amount_cents - commitment->billed_cents;
    data.set("commitment", commitment->fields.number);
    data.set("commitment_id", std::to_string(commitment->id));
    data.set("remaining", money(remaining));
    if (bill.status == domain::VendorBillStatus::draft)
      data.set("after", money(remaining - a.amount_cents));
  }
  if (oob) data.set("oob", true);
  return page.render("vendor_bills/totals", data);
}

AmountLineDocument lines_of(const PageContext& page, VendorBillDocument document,
                            const std::optional<sql::CommitmentRecord>& commitment) {
  return {"/vendor-bills/" + std::to_string(document.bill.id), editable(page, document.bill),
          std::move(document.lines), totals(page, document.bill, commitment, true)};
}

// The line routes (defined below the editor they fall back to).
const AmountLineRoutes& line_routes();

List actions(const PageContext& page, const sql::VendorBillRecord& bill) {
  if (!page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<VendorBillAction> buttons[] = {
      {VendorBillAction::approve, "Approve", "", ""},
      {VendorBillAction::pay, "Mark paid", "", ""},
      {VendorBillAction::void_, "Void", "outline contrast", "Void this bill?"}};
  return action_buttons(bill.status, buttons, "/vendor-bills/" + std::to_string(bill.id));
}

http::Response editor(PageContext& page, std::int64_t id, bool typed,
                      const domain::FieldErrors& errors, unsigned status) {
  VendorBillDocument document = operations::load_vendor_bill(page.db, page.org_id(), id);
  const sql::VendorBillRecord bill = document.bill;
  auto project = sql::find_project(page.db, page.org_id(), bill.project_id);
  if (!project) throw operations::not_found();
  auto party = sql::find_party(page.db, page.org_id(), bill.fields.party_id);
  auto commitment = commitment_of(page, bill);
  AmountLineDocument lines = lines_of(page, std::move(document), commitment);
  std::string party_name = party ? party->fields.name : std::string();
  Data data = Object{{"id", std::to_string(bill.id)},
                     {"number", bill.fields.number},
                     {"party", party_name},
                     {"status", std::string(to_string(bill.status))},
                     {"status_label", status_label(to_string(bill.status))},
                     {"bill_date", date(bill.fields.bill_date)},
                     {"project_id", std::to_string(project->id)},
                     {"project", project->fields.number + " · " + project->fields.name},
                     {"csrf", page.csrf()},
                     {"actions", actions(page, bill)},
                     {"totals", totals(page, bill, commitment, false)},
                     {"rows", amount_line_rows(page, line_routes(), lines)}};
  if (bill.fields.due_date) data.set("due_date", date(*bill.fields.due_date));
  if (commitment) {
    data.set("commitment", commitment->fields.number + " · " + commitment->fields.title);
    data.set("commitment_id", std::to_string(commitment->id));
  }
  if (bill.approved_at) data.set("approved", date(*bill.approved_at));
  if (lines.editable) data.set("add_form", amount_add_form(page, lines, typed, errors, false));
  return page.page("Bill " + bill.fields.number + " · " + party_name,
                   page.render("vendor_bills/show", data), status);
}

http::Response show(PageContext& page) {
  return editor(page, id_in_path(page, "id"), false, {}, 200);
}

const AmountLineRoutes& line_routes() {
  static const AmountLineRoutes routes{
      domain::AmountSign::credit_allowed,
      "Add the first below, by cost code; a negative amount (-250.00) is a credit.",
      [](PageContext& page, std::int64_t id) {
        VendorBillDocument document = operations::load_vendor_bill(page.db, page.org_id(), id);
        auto commitment = commitment_of(page, document.bill);
        return lines_of(page, std::move(document), commitment);
      },
      [](PageContext& page, std::int64_t id, const operations::AmountLineEdit& edit) {
        operations::add_vendor_bill_line(page.db, page.org_id(), id, edit);
      },
      [](PageContext& page, std::int64_t id, std::int64_t line_id,
         std::optional<int> expected_version, const operations::AmountLineEdit& edit) {
        operations::change_vendor_bill_line(page.db, page.org_id(), id, line_id, expected_version,
                                            edit);
      },
      [](PageContext& page, std::int64_t id, std::int64_t line_id) {
        operations::remove_vendor_bill_line(page.db, page.org_id(), id, line_id);
      },
      editor};
  return routes;
}

// ---- a new bill

sql::ProjectRecord project_in_path(PageContext& page) {
  auto project = sql::find_project(page.db, page.org_id(), id_in_path(page, "id"));
  if (!project) throw operations::not_found();
  return *project;
}

http::Response new_form(PageContext& page, const sql::ProjectRecord& project, bool typed,
                        const domain::FieldErrors& errors, unsigned status) {
  Data data = Object{{"project_id", std::to_string(project.id)},
                     {"project", project.fields.number + " · " + project.fields.name},
                     {"csrf", page.csrf()},
                     {"number", page.field("number")},
                     {"bill_date", typed ? page.field("bill_date") : today()},
                     {"errors", error_data(errors)}};
  // The two selects' choices, in one round trip.
  auto [parties, commitments] = sql::fetch_together(
      page.db, payee_candidates_query(page),
      sql::commitments_query(page.org_id(), project.id, sql::Page{std::nullopt, 500}));
  set_payee_options(data, "parties", parties, page.field("party_id"));
  set_commitment_options(data, "commitments", commitments, page.field("commitment_id"));
  return page.page("New vendor bill · " + project.fields.name,
                   page.render("vendor_bills/new", data), status);
}

http::Response show_new(PageContext& page) {
  return new_form(page, project_in_path(page), false, {}, 200);
}

operations::NewVendorBill read_new(const PageContext& page) {
  domain::FieldErrors errors;
  operations::NewVendorBill input;
  sql::VendorBillFields& f = input.fields;
  std::string commitment = page.field("commitment_id");
  if (!commitment.empty()) {
    if (auto id = whole_number(commitment))
      f.commitment_id = *id;
    else
      errors.add("commitment_id", "must be chosen from the list");
  }
  std::string party = page.field("party_id");
  if (auto id = whole_number(party)) {
    f.party_id = *id;
  } else if (party.empty() && f.commitment_id) {
    // A bill against a commitment is from the commitment's party.
    auto c = sql::find_commitment(page.db, page.org_id(), *f.commitment_id);
    if (c) f.party_id = c->fields.party_id;
  }
  if (f.party_id == 0 && !errors.has("party_id")) errors.add("party_id", "must be chosen");
  f.number = page.field("number");
  if (f.number.empty())
    errors.add("number", "is required (the vendor's invoice number)");
  else if (f.number.size() > 50)
    errors.add("number", "must be at most 50 characters");
  std::string bill_date = page.field("bill_date");
  if (bill_date.empty()) bill_date = today();
  if (auto day = domain::parse_date(bill_date))
    f.bill_date = *day;
  else
    errors.add("bill_date", "must be a date such as 2026-03-31");
  if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
  return input;
}

http::Response create(PageContext& page) {
  auto submit = [&] {
    VendorBillDocument saved = operations::create_vendor_bill(
        page.db, page.org_id(), id_in_path(page, "id"), [&] { return read_new(page); });
    return page.redirect("/vendor-bills/" + std::to_string(saved.bill.id),
                         "Bill " + saved.bill.fields.number + " entered: add its lines.");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return new_form(page, project_in_path(page), true, errors, 422);
                     }});
}

// ---- transitions

http::Response transition(PageContext& page, VendorBillAction action) {
  VendorBillDocument document =
      operations::transition_vendor_bill(page.db, page.org_id(), id_in_path(page, "id"), action);
  const sql::VendorBillRecord& bill = document.bill;
  std::string done = action == VendorBillAction::approve
                         ? "approved: " + money(bill.amounts.amount_cents) + " of actual cost"
                     : action == VendorBillAction::pay
                         ? "paid: " + money(bill.amounts.payable_cents)
                         : "void";
  return page.redirect("/vendor-bills/" + std::to_string(bill.id),
                       "Bill " + bill.fields.number + " " + done + ".");
}

}  // namespace

void add_vendor_bill_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/vendor-bills/new", kWriteCommercial, show_new,
             "The form of a new vendor bill");
  routes.add(http::Verb::post, "/projects/{id}/vendor-bills", kWriteCommercial, create,
             "Enter a vendor bill (direct or against a commitment), then open it");
  routes.add(http::Verb::get, "/vendor-bills/{id}", kCommercial, show, "The vendor bill editor");
  routes.add(http::Verb::post, "/vendor-bills/{id}/lines", kWriteCommercial,
             add_amount_line(line_routes()), "Add a line to a draft vendor bill");
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines/{line_id}", kCommercial,
             show_amount_line(line_routes()), "One vendor bill line's row");
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines/{line_id}/edit", kWriteCommercial,
             edit_amount_line(line_routes()), "One vendor bill line's row as a form");
  routes.add(http::Verb::post, "/vendor-bills/{id}/lines/{line_id}", kWriteCommercial,
             save_amount_line(line_routes()), "Save a changed vendor bill line");
  routes.add(http::Verb::post, "/vendor-bills/{id}/lines/{line_id}/delete", kWriteCommercial,
             delete_amount_line(line_routes()), "Delete a vendor bill line");
  routes.add(http::Verb::post, "/vendor-bills/{id}/approve", kWriteCommercial,
             bind_handler(transition, VendorBillAction::approve), "Vendor bill: approve");
  routes.add(http::Verb::post, "/vendor-bills/{id}/pay", kWriteCommercial,
             bind_handler(transition, VendorBillAction::pay), "Vendor bill: pay");
  routes.add(http::Verb::post, "/vendor-bills/{id}/void", kWriteCommercial,
             bind_handler(transition, VendorBillAction::void_), "Vendor bill: void");
}

}  // namespace construction::views
