// GET|POST /estimates|change-orders|pay-applications/{id}/signature-requests…:
// the "Send for signature" form (operations/signature_requests.hpp does the
// work), the Void button of an open request and the sealed PDF's download;
// and the list of a document's requests that its page shows.
//
// The form opens with its signers prefilled from the project: the client
// (an estimate's "client"; a change order's or pay application's "owner",
// as AIA documents call the one who approves them), and for a change order
// or a pay application the project's architect when it names one. A blank
// row is not kept; "Add a signer" posts the form back with one row more, so
// the page needs no script. A refused field is shown beside its row with
// what was typed kept (422); a document that may not be sent, or has an open
// request already, is said above the form (409).
#include <chrono>
#include <set>

#include "domain/hex.hpp"
#include "operations/change_order_document.hpp"
#include "operations/estimate_document.hpp"
#include "operations/pay_application_document.hpp"
#include "operations/refusal.hpp"
#include "operations/signature_evidence.hpp"
#include "sql/party_store.hpp"
#include "views/document_sending.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"
#include "views/signature_mail.hpp"
#include "views/signature_requests.hpp"
#include "worker/content_disposition.hpp"

namespace construction::views {

namespace {

using domain::SignedDocumentKind;
using operations::SignedDocumentRef;

std::string document_path(SignedDocumentRef document) {
  return views::document_path(
      operations::SentRecord{operations::document_kind(document.kind), document.id});
}

operations::Caller caller_of(const PageContext& page) {
  return {page.user->id, page.org_id(), 0, page.role};
}

operations::Witness witness_of(const PageContext& page) {
  return {page.http.client_address, std::string(page.http.header("User-Agent"))};
}

// ---- what the form is about

struct Signer {
  std::string name, email, role;
};

// The document as the form names it, where it may go, and who signs it
// unless the sender says otherwise.
struct Subject {
  std::string heading;  // "Change order CO-003 · Added outlets"
  std::string project;  // "2026-020 · Office fit-out"
  std::optional<domain::InvalidState> refused;
  std::vector<Signer> signers;
};

struct ProjectSigners {
  std::string project;
  std::vector<Signer> signers;
};

// The client first, then (for what an architect certifies or approves) the
// architect, each when the project names them.
ProjectSigners project_signers(PageContext& page, std::int64_t project_id, std::string client_role,
                               bool with_architect) {
  auto project = sql::find_project(page.db, page.org_id(), project_id);
  if (!project) throw operations::not_found();
  ProjectSigners found{project->fields.number + " · " + project->fields.name, {}};
  auto add = [&](std::optional<std::int64_t> party_id, std::string role) {
    if (!party_id) return;
    if (auto party = sql::find_party(page.db, page.org_id(), *party_id))
      found.signers.push_back({party->fields.name, party->fields.email, std::move(role)});
  };
  add(project->fields.client_id, std::move(client_role));
  if (with_architect) add(project->fields.architect_id, "architect");
  return found;
}

Subject load_subject(PageContext& page, SignedDocumentRef document) {
  std::int64_t org = page.org_id();
  auto subject = [&](std::string heading, std::int64_t project_id, auto status,
                     const char* client_role, bool with_architect) {
    ProjectSigners p = project_signers(page, project_id, client_role, with_architect);
    return Subject{std::move(heading), std::move(p.project),
                   domain::refuse_signature_request(status), std::move(p.signers)};
  };
  switch (document.kind) {
    case SignedDocumentKind::estimate: {
      auto e = operations::load_estimate(page.db, org, document.id).estimate;
      return subject("Estimate " + e.fields.number + " rev. " + std::to_string(e.revision) + " · " +
                         e.fields.title,
                     e.project_id, e.status, "client", false);
    }
    case SignedDocumentKind::change_order: {
      auto c = operations::load_change_order(page.db, org, document.id).order;
      return subject("Change order " + c.fields.number + " · " + c.fields.title, c.project_id,
                     c.status, "owner", true);
    }
    case SignedDocumentKind::pay_application:
      break;
  }
  auto a = operations::load_pay_application(page.db, org, document.id).application;
  return subject("Pay application #" + std::to_string(a.number), a.project_id, a.status, "owner",
                 true);
}

// ---- the form's rows

std::string signer_field(int n, std::string_view name) {
  return "signer_" + std::to_string(n) + "_" + std::string(name);
}

// The rows the posted form holds, by their numbers ("signer_3_email": 3).
std::vector<int> typed_rows(const PageContext& page) {
  std::set<int> rows;
  for (const auto& [name, value] : page.form) {
    if (!name.starts_with("signer_")) continue;
    auto n = whole_number(name.substr(7, name.find('_', 7) - 7));
    if (n && *n >= 0 && *n < 100) rows.insert(static_cast<int>(*n));
  }
  return {rows.begin(), rows.end()};
}

bool blank_row(const PageContext& page, int n) {
  return domain::is_blank(page.field(signer_field(n, "name"))) &&
         domain::is_blank(page.field(signer_field(n, "email")));
}

constexpr std::string_view kRoles[] = {"client", "owner", "architect", "lender"};

std::string signer_row(const PageContext& page, int n, const Signer& s,
                       const domain::FieldErrors& errors) {
  Object row_errors;
  for (const char* field : {"name", "email", "role"})
    if (auto message = errors.message(signer_field(n, field))) row_errors.set(field, *message);
  List roles;
  for (std::string_view role : kRoles) {
    Object option{{"value", std::string(role)}, {"label", label(role)}};
    if (role == s.role) option.set("selected", true);
    roles.push_back(std::move(option));
  }
  return page.render("signature_requests/signer_row", Object{{"n", std::to_string(n)},
                                                             {"number", std::to_string(n + 1)},
                                                             {"name", s.name},
                                                             {"email", s.email},
                                                             {"roles", std::move(roles)},
                                                             {"errors", std::move(row_errors)}});
}

// The operation names a signer by its place among the kept rows
// ("signers[1].email"); the form by its own number ("signer_3_email").
domain::FieldErrors form_errors(const domain::FieldErrors& errors, const std::vector<int>& kept) {
  domain::FieldErrors renamed;
  for (const auto& [field, message] : errors.fields()) {
    std::string name = field;
    if (name.starts_with("signers[")) {
      auto close = name.find(']');
      auto i = whole_number(name.substr(8, close - 8));
      if (i && *i >= 0 && static_cast<std::size_t>(*i) < kept.size() && close + 2 <= name.size())
        name = signer_field(kept[static_cast<std::size_t>(*i)], name.substr(close + 2));
    }
    renamed.add(name, message);
  }
  return renamed;
}

domain::Date default_expiry() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return today + std::chrono::days(domain::kDefaultExpiryDays);
}

// How the form shows: as it opens, or as it was posted (`typed`), with
// `more` blank rows added ("Add a signer").
struct FormState {
  bool typed = false;
  domain::FieldErrors errors;
  std::string problem;  // a refusal of the whole request (409)
  int more = 0;
};

http::Response show_form(PageContext& page, SignedDocumentRef document, const FormState& state,
                         unsigned status) {
  Subject subject = load_subject(page, document);
  std::string rows;
  int next = 0;
  if (state.typed) {
    for (int n : typed_rows(page)) {
      rows += signer_row(page, n,
                         {page.field(signer_field(n, "name")), page.field(signer_field(n, "email")),
                          page.field(signer_field(n, "role"))},
                         state.errors);
      next = n + 1;
    }
  } else {
    for (const Signer& s : subject.signers) rows += signer_row(page, next++, s, {});
  }
  // One blank row to fill in, unless the form holds as many as may sign.
  int blank = std::max(state.typed ? state.more : 1, next == 0 ? 1 : 0);
  for (int i = 0; i < blank && next < static_cast<int>(domain::kMaxSigners); ++i)
    rows += signer_row(page, next++, {"", "", "client"}, {});
  Data data = Object{
      {"document", subject.heading},
      {"project", subject.project},
      {"path", document_path(document) + "/signature-requests"},
      {"back", document_path(document)},
      {"csrf", page.csrf()},
      {"rows", rows},
      {"message", state.typed ? page.field("message") : ""},
      {"expires_on", state.typed ? page.field("expires_on") : domain::iso_date(default_expiry())},
      {"min_expiry", today()},
      {"max_signers", std::to_string(domain::kMaxSigners)},
      {"errors", error_data(state.errors)}};
  if (next < static_cast<int>(domain::kMaxSigners)) data.set("may_add", true);
  // A document that may not go now: the form says why, as a 409.
  if (subject.refused && state.problem.empty()) {
    set_text(data, "problem", subject.refused->message);
    if (status == 200) status = 409;
  }
  set_text(data, "problem", state.problem);
  return page.page("Send " + subject.heading + " for signature",
                   page.render("signature_requests/form", data), status);
}

SignedDocumentRef document_of(const PageContext& page, SignedDocumentKind kind) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return {kind, *id};
}

http::Response new_request(PageContext& page, SignedDocumentKind kind) {
  return show_form(page, document_of(page, kind), {}, 200);
}

// The form's rows as the operation reads them: the blank ones dropped,
// `kept` noting which row each signer came from.
operations::SignatureRequestForm read_form(const PageContext& page, std::vector<int>& kept) {
  operations::SignatureRequestForm form;
  for (int n : typed_rows(page)) {
    if (blank_row(page, n)) continue;
    form.signers.push_back({page.field(signer_field(n, "name")),
                            page.field(signer_field(n, "email")),
                            page.field(signer_field(n, "role"))});
    kept.push_back(n);
  }
  form.message = page.field("message");
  if (!domain::is_blank(page.field("expires_on"))) form.expires_on = page.field("expires_on");
  return form;
}

std::string names_of(const std::vector<sql::SignatureSignerRecord>& signers) {
  std::string text;
  for (const auto& s : signers) text += (text.empty() ? "" : ", ") + s.name;
  return text;
}

http::Response create_request(PageContext& page, SignedDocumentKind kind) {
  SignedDocumentRef document = document_of(page, kind);
  if (page.field("then") == "add") {
    // Not a send: the same form, what was typed kept, one row more.
    FormState more{true, {}, {}, 1};
    return show_form(page, document, more, 200);
  }
  std::vector<int> kept;
  auto submit = [&] {
    operations::SignatureRequestForm form = read_form(page, kept);
    auto issued = operations::create_signature_request(
        page.db, caller_of(page), document, form, signature_mail(page.views), witness_of(page));
    const operations::SignatureRequest& r = issued.request;
    return page.redirect(
        document_path(document),
        r.request.document_name + " sent for signature to " + names_of(r.signers) + ".");
  };
  auto refused = [&](const std::string& reason) {
    return show_form(page, document, {true, {}, reason, 0}, 409);
  };
  return submit_form(
      submit,
      {.invalid =
           [&](const domain::FieldErrors& errors) {
             return show_form(page, document, {true, form_errors(errors, kept), {}, 0}, 422);
           },
       .conflict = refused,
       .invalid_state = refused});
}

std::int64_t request_id(const PageContext& page) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return *id;
}

// The Void button's reason is optional: the evidence keeps one for every
// end, and the signer's old link says the request was withdrawn.
constexpr std::string_view kNoReasonGiven = "Voided by the sender, no reason given";

http::Response void_request(PageContext& page) {
  std::int64_t id = request_id(page);
  std::string reason = page.field("reason");
  if (domain::is_blank(reason)) reason = std::string(kNoReasonGiven);
  auto detail =
      operations::void_signature_request(page.db, caller_of(page), id, reason, witness_of(page));
  const sql::SignatureRequestRecord& r = detail.request;
  return page.redirect(document_path({r.kind, r.document_id}),
                       "Signature request voided: " + r.document_name + ".");
}

http::Response sealed_pdf(PageContext& page) {
  std::int64_t id = request_id(page);
  std::string bytes = operations::sealed_signature_pdf(page.db, caller_of(page), id);
  auto detail = operations::get_signature_request(page.db, caller_of(page), id);
  return http::inline_file_response("application/pdf",
                                    operations::sealed_filename(detail.request.pdf_filename),
                                    std::move(bytes));
}

// ---- the list on the document's page

std::string when(domain::Timestamp instant) {
  return date(instant) + " " + time_of_day(instant) + " UTC";
}

Data signer_data(const sql::SignatureSignerRecord& s) {
  Data row = Object{{"name", s.name},
                    {"email", s.email},
                    {"role", label(s.role)},
                    {"status", std::string(to_string(s.status))},
                    {"status_label", label(s.status)}};
  if (s.decided_at) row.set("decided", when(*s.decided_at));
  if (s.typed_name) set_text(row, "typed_name", *s.typed_name);
  if (s.decline_reason) set_text(row, "decline_reason", *s.decline_reason);
  return row;
}

// A request as the page shows it. The page only reads: a request past its
// last day that nothing has marked yet is shown expired, without its Void
// button (voiding it would find it expired).
Data request_data(const PageContext& page, const sql::SignatureRequestRecord& q,
                  const std::vector<sql::SignatureSignerRecord>& all_signers, bool may_void) {
  using domain::SignatureStatus;
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  SignatureStatus status = q.status == SignatureStatus::sent && q.expires_on < today
                               ? SignatureStatus::expired
                               : q.status;
  Data row = Object{{"id", std::to_string(q.id)},
                    {"sent", when(q.created_at)},
                    {"status", std::string(to_string(status))},
                    {"status_label", label(status)},
                    {"expires_on", date(q.expires_on)},
                    {"document_sha256", domain::hex_digits(q.pdf_sha256)}};
  Data& signers = new_list(row, "signers", 2);
  for (const auto& s : all_signers)
    if (s.request_id == q.id) signers.push_back(signer_data(s));
  if (status == SignatureStatus::voided || status == SignatureStatus::expired)
    set_text(row, "ended_reason", q.status_reason);
  if (q.ended_at) row.set("ended", when(*q.ended_at));
  if (status == SignatureStatus::sent && may_void) {
    row.set("may_void", true);
    row.set("csrf", page.csrf());
  }
  if (q.sealed_sha256) {
    row.set("sealed_sha256", domain::hex_digits(*q.sealed_sha256));
    row.set("sealed_path", "/signature-requests/" + std::to_string(q.id) + "/sealed.pdf");
  }
  return row;
}

}  // namespace

std::string signature_form_path(SignedDocumentRef document) {
  return document_path(document) + "/signature-requests/new";
}

std::string signature_requests_section(const PageContext& page,
                                       const std::vector<sql::SignatureRequestRecord>& requests,
                                       const std::vector<sql::SignatureSignerRecord>& signers) {
  bool may_void = page.may(domain::Permission::write_commercial);
  Data data = Object{};
  Data& rows = new_list(data, "requests", requests.size());
  for (const auto& r : requests) rows.push_back(request_data(page, r, signers, may_void));
  if (!requests.empty()) data.set("has_requests", true);
  return page.render("signature_requests/list", data);
}

std::string signature_requests_section(PageContext& page, SignedDocumentRef document) {
  auto [requests, signers] = sql::fetch_together(page.db, signature_requests_query(page, document),
                                                 signature_signers_query(page, document));
  return signature_requests_section(page, requests, signers);
}

sql::Query<std::vector<sql::SignatureRequestRecord>> signature_requests_query(
    const PageContext& page, SignedDocumentRef document) {
  return sql::signature_requests_of_document_query(page.org_id(), document.kind, document.id);
}

sql::Query<std::vector<sql::SignatureSignerRecord>> signature_signers_query(
    const PageContext& page, SignedDocumentRef document) {
  return sql::signers_of_document_query(page.org_id(), document.kind, document.id);
}

void add_signature_request_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/signature-requests/new", kWriteCommercial,
             bind_handler(new_request, SignedDocumentKind::estimate),
             "Estimate: the Send for signature form");
  routes.add(http::Verb::post, "/estimates/{id}/signature-requests", kWriteCommercial,
             bind_handler(create_request, SignedDocumentKind::estimate),
             "Estimate: send it for signature (each signer emailed a link)");
  routes.add(http::Verb::get, "/change-orders/{id}/signature-requests/new", kWriteCommercial,
             bind_handler(new_request, SignedDocumentKind::change_order),
             "Change order: the Send for signature form");
  routes.add(http::Verb::post, "/change-orders/{id}/signature-requests", kWriteCommercial,
             bind_handler(create_request, SignedDocumentKind::change_order),
             "Change order: send it for signature");
  routes.add(http::Verb::get, "/pay-applications/{id}/signature-requests/new", kWriteCommercial,
             bind_handler(new_request, SignedDocumentKind::pay_application),
             "Pay application: the Send for signature form");
  routes.add(http::Verb::post, "/pay-applications/{id}/signature-requests", kWriteCommercial,
             bind_handler(create_request, SignedDocumentKind::pay_application),
             "Pay application: send it for signature");
  routes.add(http::Verb::post, "/signature-requests/{id}/void", kWriteCommercial, void_request,
             "Void an open signature request (its links stop working)");
  routes.add(http::Verb::get, "/signature-requests/{id}/sealed.pdf", kCommercial, sealed_pdf,
             "A completed signature request's sealed PDF: the document and its certificate");
}

}  // namespace construction::views
