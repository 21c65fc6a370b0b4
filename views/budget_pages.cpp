#include "views/budget_pages.hpp"

#include <initializer_list>

#include "domain/amount_line.hpp"
#include "domain/budget_csv.hpp"
#include "domain/cost_line.hpp"
#include "domain/validation.hpp"
#include "domain/vendor_bill.hpp"
#include "operations/budget.hpp"
#include "operations/refusal.hpp"
#include "operations/vendor_bill_transitions.hpp"
#include "sql/commitment_store.hpp"
#include "sql/party_store.hpp"
#include "sql/vendor_bill_store.hpp"
#include "views/commitment_options.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/list_pages.hpp"
#include "views/page_routes.hpp"
#include "views/payee_options.hpp"
#include "views/project_page.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

// The bill form's choice of commitment: the project's first 200, whichever
// page of the list the tab shows.
const sql::Page kFormCommitments{std::nullopt, 200};

void put_columns(Data& row, const domain::BudgetColumns& c) {
  row["original"] = money(c.original);
  row["transfers"] = money(c.transfers);
  row["changes"] = money(c.approved_changes);
  row["revised"] = money(c.revised);
  row["committed"] = money(c.committed);
  row["actual"] = money(c.actual);
  row["uncommitted"] = money(c.uncommitted);
  row["projected"] = money(c.projected);
  row["variance"] = money(c.variance);
  row["percent"] = rate(c.percent_spent.value);
  if (c.variance.value < 0) row["over"] = true;
}

void put_form(PageContext& page, Data& data, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) data[std::string(name)] = page.field(name);
}

void put_bill_form(PageContext& page, Data& data, const sql::PageOf<sql::CommitmentRecord>& c,
                   const sql::PageOf<sql::PartyRecord>& payees) {
  set_payee_options(data, "parties", payees, page.field("party_id"));
  set_commitment_options(data, "open_commitments", c, page.field("commitment_id"));
  put_form(page, data, {"bill_number", "bill_cost_code", "bill_description", "bill_amount"});
  data["bill_date"] = page.field("bill_date").empty() ? today() : page.field("bill_date");
  set_cost_type_options(data, "bill_types", page.field("bill_cost_type"));
}

http::Response show(PageContext& page) {
  sql::ProjectWithFigures project = find_project(page);
  return project_page(page, project, kBudgetTab, budget_tab(page, project));
}

http::Response csv(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  auto report = operations::budget_report(page.db, page.org_id(), project.id);
  http::Response res =
      http::make_response(200, "text/csv; charset=utf-8", domain::budget_csv(report));
  res.set(http::Field::content_disposition,
          "attachment; filename=\"project-" + std::to_string(project.id) + "-budget.csv\"");
  return res;
}

// The amount typed ("1,250.00") in cents, or the field's error.
domain::Cents amount_field(PageContext& page, std::string_view name, domain::FieldErrors& errors,
                           bool positive) {
  auto cents = typed_amount(page.field(name), name, errors);
  if (!cents) return {};
  if (positive && *cents <= 0) errors.add(name, "must be an amount above zero such as 1,250.00");
  return domain::Cents{*cents};
}

http::Response transfer(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  domain::Cents moved_cents;
  auto submit = [&] {
    operations::transfer_budget(page.db, page.org_id(), project.id, [&] {
      domain::FieldErrors errors;
      sql::BudgetTransferFields t;
      t.from = {page.field("from_cost_code"), page.field("from_cost_type")};
      t.to = {page.field("to_cost_code"), page.field("to_cost_type")};
      domain::check_cost_key(t.from.cost_code, t.from.cost_type, errors, "from.");
      domain::check_cost_key(t.to.cost_code, t.to.cost_type, errors, "to.");
      t.amount_cents = moved_cents = amount_field(page, "amount", errors, true);
      t.reason = page.field("reason");
      if (domain::is_blank(t.reason)) errors.add("reason", "is required");
      if (domain::count_characters(t.reason) > 1000)
        errors.add("reason", "must be at most 1000 characters");
      if (errors.empty() && t.from.cost_code == t.to.cost_code &&
          t.from.cost_type == t.to.cost_type)
        errors.add("to.cost_code", "must be another budget line than the one it comes from");
      if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
      return t;
    });
    return page.redirect("/projects/" + std::to_string(project.id) + "/budget",
                         "Budget moved: " + money(moved_cents) + " from " +
                             page.field("from_cost_code") + " " + page.field("from_cost_type") +
                             " to " + page.field("to_cost_code") + " " +
                             page.field("to_cost_type") + ".");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return project_page(page, project, kBudgetTab,
                                           budget_tab(page, project, errors), 422);
                     }});
}

http::Response enter_bill(PageContext& page) {
  sql::ProjectRecord project = find_project_record(page);
  auto enter = [&] {
    auto document = operations::create_vendor_bill(page.db, page.org_id(), project.id, [&] {
      domain::FieldErrors errors;
      operations::NewVendorBill bill;
      bill.fields.number = page.field("bill_number");
      if (domain::is_blank(bill.fields.number)) errors.add("number", "is required");
      if (domain::count_characters(bill.fields.number) > 50)
        errors.add("number", "must be at most 50 characters");
      auto party = whole_number(page.field("party_id"));
      if (!party || *party <= 0)
        errors.add("party_id", "must be one of your subcontractors or vendors");
      else
        bill.fields.party_id = *party;
      if (std::string c = page.field("commitment_id"); !c.empty()) {
        auto commitment = whole_number(c);
        if (!commitment || *commitment <= 0)
          errors.add("commitment_id", "is not a commitment of this project");
        else
          bill.fields.commitment_id = *commitment;
      }
      if (auto day = domain::parse_date(page.field("bill_date")))
        bill.fields.bill_date = *day;
      else
        errors.add("bill_date", "must be a date such as 2026-12-31");
      sql::AmountLineFields line{page.field("bill_cost_code"), page.field("bill_cost_type"),
                                 page.field("bill_description"), 0};
      line.amount_cents = amount_field(page, "bill_amount", errors, false);
      errors.merge(domain::check_amount_line(
                       {line.cost_code, line.cost_type, line.description, line.amount_cents.value},
                       domain::AmountSign::credit_allowed),
                   "lines[0].");
      if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
      bill.lines.push_back(line);
      return bill;
    });
    auto approved = operations::transition_vendor_bill(page.db, page.org_id(), document.bill.id,
                                                       domain::VendorBillAction::approve);
    return page.redirect("/projects/" + std::to_string(project.id) + "/budget",
                         "Vendor bill " + approved.bill.fields.number + " entered and approved: " +
                             money(approved.bill.amounts.amount_cents) + ".");
  };
  // The approval's refusal (the commitment takes no more bills) is shown
  // beside the commitment's field, the bill form kept.
  auto commitment_refused = [&](const std::string& reason) {
    domain::FieldErrors errors;
    errors.add("commitment_id", reason);
    return project_page(page, project, kBudgetTab, budget_tab(page, project, {}, errors), 409);
  };
  return submit_form(enter, {.invalid =
                                 [&](const domain::FieldErrors& errors) {
                                   return project_page(page, project, kBudgetTab,
                                                       budget_tab(page, project, {}, errors), 422);
                                 },
                             .conflict = commitment_refused,
                             .invalid_state = commitment_refused});
}

}  // namespace

std::string budget_tab(PageContext& page, const sql::ProjectRecord& project,
                       const domain::FieldErrors& transfer_errors,
                       const domain::FieldErrors& bill_errors) {
  Data data = Object{{"project_id", std::to_string(project.id)}, {"csrf", page.csrf()}};
  data["errors"] = error_data(transfer_errors, {{"from.cost_code", "from_cost_code"},
                                                {"from.cost_type", "from_cost_type"},
                                                {"to.cost_code", "to_cost_code"},
                                                {"to.cost_type", "to_cost_type"},
                                                {"amount_cents", "amount"}});
  data["bill_errors"] = error_data(bill_errors, {{"number", "bill_number"},
                                                 {"lines[0].cost_code", "bill_cost_code"},
                                                 {"lines[0].cost_type", "bill_cost_type"},
                                                 {"lines[0].description", "bill_description"},
                                                 {"lines[0].amount_cents", "bill_amount"},
                                                 {"lines", "bill_amount"}});
  if (page.may(domain::Permission::write_commercial)) data["can_write"] = true;
  // What the tab shows, in one round trip: a page of each list, each after
  // its own cursor (DESIGN.md, Web app, "Lists that go on").
  sql::Page commitment_page = requested_page(page.http, "commitments_after");
  sql::Page bill_page = requested_page(page.http, "bills_after");
  auto [sums, commitments, bills, parties] = sql::fetch_together(
      page.db, sql::budget_sums_query(page.org_id(), project.id),
      sql::commitments_query(page.org_id(), project.id, commitment_page),
      sql::vendor_bills_query(page.org_id(), project.id, bill_page), payee_candidates_query(page));
  if (!sums) throw operations::not_found();
  std::string tab_url = "/projects/" + std::to_string(project.id) + "/budget";
  set_list_pages(data, "commitment_pages",
                 {tab_url, "commitments_after", "commitments", "commitments"}, commitment_page,
                 commitments);
  set_list_pages(data, "bill_pages", {tab_url, "bills_after", "vendor-bills", "bills"}, bill_page,
                 bills);
  domain::BudgetReport report = operations::budget_report(*sums);
  Data& lines = new_list(data, "lines", report.lines.size());
  int over = 0;
  for (const auto& line : report.lines) {
    Data& row = add_row(lines);
    row["cost_code"] = line.cost_code;
    row["cost_type"] = line.cost_type;
    put_columns(row, line.columns);
    if (line.columns.variance.value < 0) ++over;
  }
  if (!report.lines.empty()) data["has_lines"] = true;
  if (over > 0) data["over_count"] = std::to_string(over) + (over == 1 ? " line is" : " lines are");
  Data totals;
  put_columns(totals, report.totals);
  data["totals"] = std::move(totals);
  const domain::ProfitBlock& p = report.profit;
  data["contract_sum"] = money(p.contract_sum_to_date);
  data["projected_cost"] = money(p.projected_cost);
  data["projected_profit"] = money(p.projected_profit);
  data["projected_margin"] = rate(p.projected_margin.value);
  data["original_margin"] = rate(p.original_margin.value);
  if (p.projected_margin.value < p.original_margin.value) data["margin_below"] = true;
  if (p.projected_profit.value < 0) data["loss"] = true;

  Data& commitment_rows = new_list(data, "commitments", commitments.rows.size());
  for (const auto& c : commitments.rows) {
    Data& row = add_row(commitment_rows);
    row["id"] = std::to_string(c.id);
    row["number"] = c.fields.number;
    row["title"] = c.fields.title;
    row["kind"] = label(c.fields.kind);
    row["status"] = std::string(to_string(c.status));
    row["amount"] = money(c.amount_cents);
    row["billed"] = money(c.billed_cents);
  }
  if (!commitments.rows.empty()) data["has_commitments"] = true;
  Data& bill_rows = new_list(data, "bills", bills.rows.size());
  for (const auto& b : bills.rows) {
    Data& row = add_row(bill_rows);
    row["id"] = std::to_string(b.id);
    row["number"] = b.fields.number;
    row["date"] = date(b.fields.bill_date);
    row["status"] = std::string(to_string(b.status));
    row["amount"] = money(b.amounts.amount_cents);
    row["payable"] = money(b.amounts.payable_cents);
  }
  if (!bills.rows.empty()) data["has_bills"] = true;

  put_form(page, data, {"from_cost_code", "to_cost_code", "amount", "reason"});
  set_cost_type_options(data, "from_types", page.field("from_cost_type"));
  set_cost_type_options(data, "to_types", page.field("to_cost_type"));
  if (!transfer_errors.empty()) data["transfer_open"] = true;
  // The list's rows are the form's choices when they are the whole list;
  // past its first page, a read of their own.
  if (commitment_page.after_id || commitments.more)
    put_bill_form(
        page, data,
        sql::fetch(page.db, sql::commitments_query(page.org_id(), project.id, kFormCommitments)),
        parties);
  else
    put_bill_form(page, data, commitments, parties);
  if (!bill_errors.empty()) data["bill_open"] = true;
  return page.render("budget/tab", data);
}

namespace {

std::string budget_tab_content(PageContext& page, const sql::ProjectRecord& project) {
  return budget_tab(page, project);
}

}  // namespace

const ProjectTab kBudgetTab{"budget", "Budget", true, budget_tab_content};

void add_budget_routes(PageRoutes& routes) {
  routes.add_project_page(http::Verb::get, "/projects/{id}/budget", kCommercial, show,
                          "A project: its Budget tab (the job cost report)");
  routes.add(http::Verb::get, "/projects/{id}/budget.csv", kCommercial, csv,
             "A project's job cost report as CSV (the API's)");
  routes.add(http::Verb::post, "/projects/{id}/budget/transfers", kWriteCommercial, transfer,
             "Move budget from one line of a project to another");
  routes.add(http::Verb::post, "/projects/{id}/budget/vendor-bills", kWriteCommercial, enter_bill,
             "Enter a vendor bill of one line and approve it");
}

}  // namespace construction::views
