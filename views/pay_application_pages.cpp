// /pay-applications/{id}: the G703 continuation sheet with the G702 summary
// beside it. While a draft, each line's "this period" (E) and "stored" (F)
// are inputs: a change posts the row (htmx, hx-include of the row), the
// operation recomputes the line and the summary in one transaction, and the
// answer is the row again with the G702 out of band. Inputs keep their ids,
// so htmx gives the focus back to the cell Tab moved to. A cell past 100 %
// is refused beside the cell (422) with what was typed kept. Certify (with
// the certified amount, at most line 8) and return show where
// domain/pay_application.hpp allows them. A draft is submitted from "Send…",
// as an estimate or invoice is sent: the form emails it, or marks it
// submitted without emailing; what was sent is listed below. POST
// /pay-applications/{id}/submit stays, the transition alone, as the API's
// `submit` does.
// /pay-applications/{id}/print is laid out like the AIA G702 and G703 for a letter-size PDF.
#include "domain/pay_application.hpp"
#include "operations/invoice_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/pay_application_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/party_store.hpp"
#include "sql/project_store.hpp"
#include "views/action_buttons.hpp"
#include "views/document_sending.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/line_form.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/signature_requests.hpp"
#include "views/stale_form.hpp"

namespace construction::views {

namespace {

using domain::PayApplicationAction;
using operations::PayApplicationDocument;

const std::initializer_list<FieldRename> kCellNames = {{"this_period_cents", "this_period"},
                                                       {"stored_cents", "stored"},
                                                       {"certified_cents", "certified"}};

std::int64_t number_in_path(const PageContext& page, std::string_view name) {
  auto id = path_number(page.http, name);
  if (!id) throw operations::not_found();
  return *id;
}

bool editable(const PageContext& page, const sql::PayApplicationRecord& a) {
  return domain::is_editable(a.status) && page.may(domain::Permission::write_commercial);
}

std::string path_of(const sql::PayApplicationRecord& a) {
  return "/pay-applications/" + std::to_string(a.id);
}

// The figures of a G703 row (or the total row).
Data figures_data(const domain::G703Line& l) {
  return Object{{"scheduled", money(l.scheduled)},
                {"previous", money(l.previous)},
                {"this_period", money(l.this_period)},
                {"stored", money(l.stored)},
                {"completed", money(l.completed_and_stored)},
                {"percent", rate(l.percent_complete.value)},
                {"balance", money(l.balance_to_finish)},
                {"retainage", money(l.retainage)}};
}

// A row; `typed` after a refusal: the cells show what was posted (and the
// row the version it was posted with), the errors beside them; `stale`: the
// message over a line someone else changed. An editable row carries its
// line's version: each row is its own form, so typing down a column is
// never refused by the rows saved before.
std::string line_row(const PageContext& page, const sql::PayApplicationRecord& a,
                     const sql::PayApplicationLineRecord& line, bool typed,
                     const domain::FieldErrors& errors, const std::string& stale = {}) {
  Data data = figures_data(operations::g703_line_of(line.figures));
  data.set("app_path", path_of(a));
  data.set("id", std::to_string(line.id));
  data.set("item", std::to_string(line.item_no));
  data.set("description", line.description);
  data.set("e_value", typed ? page.field("this_period")
                            : hundredths_text(line.figures.this_period_cents.value));
  data.set("f_value",
           typed ? page.field("stored") : hundredths_text(line.figures.stored_cents.value));
  data.set("version", typed ? page.field("version") : std::to_string(line.version));
  // Only when there are some: a 17th member would double the row's vector.
  if (!errors.empty()) data.set("errors", error_data(errors, kCellNames));
  set_text(data, "stale", stale);
  if (editable(page, a)) data.set("editable", true);
  return page.render("pay_applications/line_row", data);
}

std::string g702_block(const PageContext& page, const sql::PayApplicationRecord& a, bool oob) {
  const sql::G702Record& g = a.g702;
  Data data = Object{{"line1", money(g.original_contract_sum_cents)},
                     {"line2", money(g.net_change_orders_cents)},
                     {"line3", money(g.contract_sum_to_date_cents)},
                     {"line4", money(g.completed_and_stored_to_date_cents)},
                     {"line5a", money(g.retainage_work_cents)},
                     {"line5b", money(g.retainage_stored_cents)},
                     {"line5", money(g.retainage_cents)},
                     {"line6", money(g.earned_less_retainage_cents)},
                     {"line7", money(g.previous_certificates_cents)},
                     {"line8", money(g.current_payment_due_cents)},
                     {"line9", money(g.balance_to_finish_cents)},
                     {"rate_work", rate(a.retainage_work_bps)},
                     {"rate_stored", rate(a.retainage_stored_bps)}};
  if (a.certified_cents) data.set("certified", money(*a.certified_cents));
  if (oob) data.set("oob", true);
  return page.render("pay_applications/g702", data);
}

// The certificate's form carries the application's version: the amount is
// decided on the figures shown.
std::string certify_form(const PageContext& page, const sql::PayApplicationRecord& a, bool typed,
                         const domain::FieldErrors& errors) {
  return page.render(
      "pay_applications/certify",
      Object{{"app_path", path_of(a)},
             {"csrf", page.csrf()},
             {"version", typed ? page.field("version") : std::to_string(a.version)},
             {"due", money(a.g702.current_payment_due_cents)},
             {"certified", typed ? page.field("certified")
                                 : hundredths_text(a.g702.current_payment_due_cents.value)},
             {"errors", error_data(errors, kCellNames)}});
}

List actions(const PageContext& page, const sql::PayApplicationRecord& a) {
  if (!page.may(domain::Permission::write_commercial)) return {};
  static const ActionButton<PayApplicationAction> buttons[] = {
      {PayApplicationAction::return_, "Return to draft", "secondary"}};
  return action_buttons(a.status, buttons, path_of(a));
}

// ---- the page

struct PayApplicationView {
  PayApplicationDocument document;
  sql::ProjectRecord project;
  std::optional<std::int64_t> invoice_id;  // the certificate's
  std::string invoice_number;
  std::vector<sql::MessageRecord> sent;
  std::vector<sql::SignatureRequestRecord> signature_requests;
  std::vector<sql::SignatureSignerRecord> signers;
};

// Everything the pages show, loaded in one place, in one round trip: the
// application with its lines and its certificate's invoice, its project,
// what was sent of it and its signature requests.
PayApplicationView load(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  operations::SignedDocumentRef signed_ref{domain::SignedDocumentKind::pay_application, id};
  auto [found, project, sent, requests, signers] = sql::fetch_together(
      page.db, sql::pay_application_with_lines_query(page.org_id(), id),
      sql::project_of_pay_application_query(page.org_id(), id),
      sent_messages_query(page, {operations::DocumentKind::pay_application, id}),
      signature_requests_query(page, signed_ref), signature_signers_query(page, signed_ref));
  if (!found || !project) throw operations::not_found();
  return PayApplicationView{{std::move(found->application), std::move(found->lines)},
                            std::move(*project),
                            found->invoice_id,
                            std::move(found->invoice_number),
                            std::move(sent),
                            std::move(requests),
                            std::move(signers)};
}

std::string title_of(const PayApplicationView& view) {
  return "Pay application #" + std::to_string(view.document.application.number) + " " +
         view.project.fields.number;
}

Data header_data(const PageContext& page, const PayApplicationView& view) {
  const sql::PayApplicationRecord& a = view.document.application;
  Data data = Object{{"id", std::to_string(a.id)},
                     {"number", std::to_string(a.number)},
                     {"status", std::string(to_string(a.status))},
                     {"status_label", status_label(to_string(a.status))},
                     {"period_to", date(a.period_to)},
                     {"project_id", std::to_string(view.project.id)},
                     {"project_number", view.project.fields.number},
                     {"project_name", view.project.fields.name},
                     {"org_name", page.org_name}};
  if (a.submitted_at) data.set("submitted", date(*a.submitted_at));
  if (a.certified_at) data.set("certified_on", date(*a.certified_at));
  if (a.certified_cents) data.set("certified_amount", money(*a.certified_cents));
  if (view.invoice_id) {
    data.set("invoice_id", std::to_string(*view.invoice_id));
    data.set("invoice_number", view.invoice_number);
  }
  return data;
}

http::Response sheet(PageContext& page, const PayApplicationView& view, bool typed,
                     const domain::FieldErrors& errors, unsigned status) {
  const sql::PayApplicationRecord& a = view.document.application;
  std::string rows;
  for (const auto& line : view.document.lines) rows += line_row(page, a, line, false, {});
  Data data = header_data(page, view);
  data.set("csrf", page.csrf());
  data.set("actions", actions(page, a));
  data.set("rows", rows);
  data.set("g702", g702_block(page, a, false));
  if (editable(page, a)) data.set("editable", true);
  if (view.document.lines.empty()) data.set("empty", true);
  if (domain::transition(a.status, PayApplicationAction::certify) &&
      page.may(domain::Permission::write_commercial))
    data.set("certify", certify_form(page, a, typed, errors));
  operations::SentRecord record{operations::DocumentKind::pay_application, a.id};
  set_text(data, "send_link", send_link(page, record, a.status));
  data.set("sent_messages", sent_messages_section(page, view.sent));
  operations::SignedDocumentRef signed_ref{domain::SignedDocumentKind::pay_application, a.id};
  set_text(data, "signature_link", signature_link(page, signed_ref, a.status));
  data.set("signature_requests",
           signature_requests_section(page, view.signature_requests, view.signers));
  return page.page(title_of(view), page.render("pay_applications/show", data), status);
}

http::Response show(PageContext& page) {
  return sheet(page, load(page), false, {}, 200);
}

http::Response print(PageContext& page) {
  PayApplicationView view = load(page);
  const sql::PayApplicationRecord& a = view.document.application;
  std::string client, client_address;
  if (view.project.fields.client_id)
    if (auto party = sql::find_party(page.db, page.org_id(), *view.project.fields.client_id)) {
      client = party->fields.name;
      client_address = party->fields.address;
    }
  List lines;
  std::vector<domain::G703Line> computed;
  for (const auto& line : view.document.lines) {
    computed.push_back(operations::g703_line_of(line.figures));
    Data row = figures_data(computed.back());
    row.set("item", std::to_string(line.item_no));
    row.set("description", line.description);
    lines.push_back(row);
  }
  Data data = header_data(page, view);
  data.set("title", title_of(view));
  data.set("lines", lines);
  data.set("totals", figures_data(domain::g703_totals(computed)));
  data.set("g702", g702_block(page, a, false));
  data.set("site_address", view.project.fields.site_address);
  data.set("client_address", client_address);
  set_text(data, "client", client);
  data.set("favicon", page.views.assets.url("favicon.svg"));
  data.set("pico_css", page.views.assets.url("pico.min.css"));
  data.set("app_css", page.views.assets.url("app.css"));
  return http::html_response(200, page.render("pay_applications/print", data));
}

// ---- cells

const sql::PayApplicationLineRecord& find_line(const PayApplicationView& view,
                                               std::int64_t line_id) {
  for (const auto& line : view.document.lines)
    if (line.id == line_id) return line;
  throw operations::not_found();
}

// The summary follows the other person's change too (out of band).
http::Response stale_cells(PageContext& page, std::int64_t line_id) {
  PayApplicationView view = load(page);
  const sql::PayApplicationRecord& a = view.document.application;
  return stale_row(
      page, "line",
      [&](const std::string& message) {
        return line_row(page, a, find_line(view, line_id), false, {}, message) + "<template>" +
               g702_block(page, a, true) + "</template>";
      },
      [&] { return sheet(page, view, false, {}, 409); });
}

http::Response save_line(PageContext& page) {
  std::int64_t id = number_in_path(page, "id");
  std::int64_t line_id = number_in_path(page, "line_id");
  auto submit = [&] {
    auto change = operations::change_pay_application_line(
        page.db, page.org_id(), id, line_id, form_version(page),
        [&](const operations::LineAmounts& stored) {
          domain::FieldErrors errors;
          operations::LineAmounts amounts = stored;
          auto read = [&](std::string_view field, std::string_view error_name, std::int64_t& into) {
            std::string text = page.field(field);
            if (text.empty() && !page.form.contains(field)) return;
            auto cents = text.empty() ? std::optional<std::int64_t>(0)
                                      : typed_amount(text, error_name, errors);
            if (cents) into = *cents;
          };
          read("this_period", "this_period_cents", amounts.this_period_cents);
          read("stored", "stored_cents", amounts.stored_cents);
          if (!errors.empty()) throw operations::invalid_fields(std::move(errors));
          return amounts;
        });
    const sql::PayApplicationRecord& a = change.application;
    std::string message = "Item " + std::to_string(change.line.item_no) +
                          " saved: " + money(a.g702.current_payment_due_cents) +
                          " due this period.";
    if (!page.hx) return page.redirect(path_of(a), message);
    return changed_in_place(page, line_row(page, a, change.line, false, {}),
                            g702_block(page, a, true), message);
  };
  return submit_form(submit, {.invalid =
                                  [&](const domain::FieldErrors& errors) {
                                    PayApplicationView view = load(page);
                                    return page.fragment(
                                        line_row(page, view.document.application,
                                                 find_line(view, line_id), true, errors),
                                        422);
                                  },
                              .stale = [&] { return stale_cells(page, line_id); }});
}

// ---- transitions

http::Response transition(PageContext& page, PayApplicationAction action) {
  std::int64_t id = number_in_path(page, "id");
  auto submit = [&] {
    std::optional<int> version = form_version(page);
    PayApplicationDocument document =
        operations::transition_pay_application(page.db, page.org_id(), id, action, version, [&] {
          domain::FieldErrors errors;
          auto cents = typed_amount(page.field("certified"), "certified_cents", errors);
          if (!cents) throw operations::invalid_fields(std::move(errors));
          return *cents;
        });
    const sql::PayApplicationRecord& a = document.application;
    std::string name = "Pay application #" + std::to_string(a.number);
    std::string message =
        action == PayApplicationAction::submit
            ? name + " submitted: " + money(a.g702.current_payment_due_cents) + " requested."
        : action == PayApplicationAction::certify
            ? name + " certified for " + money(a.certified_cents.value_or(domain::Cents{})) +
                  "; its invoice is ready to send."
            : name + " returned to draft.";
    return page.redirect(path_of(a), message);
  };
  return submit_form(
      submit, {.invalid =
                   [&](const domain::FieldErrors& errors) {
                     PayApplicationView view = load(page);
                     if (!page.hx) return sheet(page, view, true, errors, 422);
                     return page.fragment(
                         certify_form(page, view.document.application, true, errors), 422);
                   },
               .stale =
                   [&] {
                     return stale_page(page, "pay application",
                                       [&] { return sheet(page, load(page), false, {}, 409); });
                   }});
}

}  // namespace

void add_pay_application_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/pay-applications/{id}", kCommercial, show,
             "A pay application: the G703 sheet and the G702 summary");
  routes.add(http::Verb::get, "/pay-applications/{id}/print", kCommercial, print,
             "A pay application laid out like the AIA G702 and G703, for printing");
  routes.add(http::Verb::post, "/pay-applications/{id}/lines/{line_id}", kWriteCommercial,
             save_line, "Save a line's work this period and materials stored");
  routes.add(http::Verb::post, "/pay-applications/{id}/submit", kWriteCommercial,
             bind_handler(transition, PayApplicationAction::submit), "Pay application: submit");
  routes.add(http::Verb::post, "/pay-applications/{id}/certify", kWriteCommercial,
             bind_handler(transition, PayApplicationAction::certify), "Pay application: certify");
  routes.add(http::Verb::post, "/pay-applications/{id}/return", kWriteCommercial,
             bind_handler(transition, PayApplicationAction::return_), "Pay application: return");
}

}  // namespace construction::views
