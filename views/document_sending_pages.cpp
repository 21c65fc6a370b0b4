// GET|POST /estimates|change-orders|pay-applications|invoices/{id}/send: the
// form that emails a document (operations/document_sending.hpp), opened
// prefilled with the client's address, a subject and a message; and the
// list of what was sent, shown on each document's page. A refused field
// (a bad address, no recipient) shows the form again with what was typed
// (422); a refused state is the pages' 409. A draft's form has a second
// button, "Mark as sent without emailing" (submitted, for a change order or
// a pay application): the draft's transition alone, nothing queued, for a
// document handed over by hand or through the owner's own portal.
#include "domain/message.hpp"
#include "operations/refusal.hpp"
#include "views/document_sending.hpp"
#include "views/form_errors.hpp"
#include "views/format.hpp"
#include "views/page_routes.hpp"
#include "views/routes.hpp"

namespace construction::views {

namespace {

using operations::DocumentKind;
using operations::SentRecord;

}  // namespace

std::string document_path(SentRecord record) {
  switch (record.kind) {
    case DocumentKind::estimate:
      return "/estimates/" + std::to_string(record.id);
    case DocumentKind::change_order:
      return "/change-orders/" + std::to_string(record.id);
    case DocumentKind::pay_application:
      return "/pay-applications/" + std::to_string(record.id);
    case DocumentKind::invoice:
    case DocumentKind::job_cost_report:
      break;
  }
  return "/invoices/" + std::to_string(record.id);
}

namespace {

// What a draft becomes when it is sent.
std::string_view becomes(DocumentKind kind) {
  return kind == DocumentKind::change_order || kind == DocumentKind::pay_application ? "submitted"
                                                                                     : "sent";
}

SentRecord record_of(const PageContext& page, DocumentKind kind) {
  auto id = path_number(page.http, "id");
  if (!id) throw operations::not_found();
  return {kind, *id};
}

std::string joined(const std::vector<std::string>& addresses) {
  std::string text;
  for (const auto& a : addresses) text += (text.empty() ? "" : ", ") + a;
  return text;
}

// The form: as it opens (the draft's values), or as it was posted (`typed`).
http::Response show_form(PageContext& page, SentRecord record, bool typed,
                         const domain::FieldErrors& errors, unsigned status) {
  operations::SendingDraft draft =
      operations::draft_sending(page.db, page.org_id(), record, page.user->id);
  auto value = [&](std::string_view name, std::string fallback) {
    return typed ? page.field(name) : fallback;
  };
  Data data = Object{{"document", draft.document},
                     {"project", draft.project},
                     {"path", send_path(record)},
                     {"back", document_path(record)},
                     {"csrf", page.csrf()},
                     {"to", value("to", joined(draft.to))},
                     {"cc", value("cc", "")},
                     {"subject", value("subject", draft.subject)},
                     {"message", value("message", draft.message)},
                     {"reply_to", draft.reply_to},
                     {"becomes", std::string(becomes(record.kind))},
                     {"errors", error_data(errors)}};
  if (draft.draft) data.set("draft", true);
  return page.page("Send " + draft.document, page.render("sending/form", data), status);
}

http::Response send_form(PageContext& page, DocumentKind kind) {
  return show_form(page, record_of(page, kind), false, {}, 200);
}

http::Response send(PageContext& page, DocumentKind kind) {
  SentRecord record = record_of(page, kind);
  // The form's second button: a draft handed over by hand is marked, and
  // what was typed for the email is not read (no address is needed).
  if (page.field("email") == "false") {
    std::string document = operations::mark_sent(page.db, page.org_id(), record);
    return page.redirect(
        document_path(record),
        document + " marked as " + std::string(becomes(kind)) + ": nothing was emailed.");
  }
  auto submit = [&] {
    // A field the form did not post at all takes the usual value; one
    // posted empty is what the sender meant (an empty subject is refused).
    auto posted = [&](std::string_view name) -> std::optional<std::string> {
      if (!page.form.contains(name)) return std::nullopt;
      return page.field(name);
    };
    operations::SendingForm form{operations::split_addresses(page.field("to")),
                                 operations::split_addresses(page.field("cc")), posted("subject"),
                                 posted("message")};
    auto sent = operations::send_document(page.db, page.org_id(), record, page.user->id, form);
    return page.redirect(document_path(record),
                         sent.document + " sent to " + joined(sent.to) + ".");
  };
  return submit_form(submit, {.invalid = [&](const domain::FieldErrors& errors) {
                       return show_form(page, record, true, errors, 422);
                     }});
}

}  // namespace

std::string send_path(SentRecord record) {
  return document_path(record) + "/send";
}

std::string sent_messages_section(PageContext& page, SentRecord record) {
  return sent_messages_section(page, sql::fetch(page.db, sent_messages_query(page, record)));
}

sql::Query<std::vector<sql::MessageRecord>> sent_messages_query(const PageContext& page,
                                                                SentRecord record) {
  return sql::messages_of_record_query(page.org_id(), operations::record_name(record));
}

std::string sent_messages_section(const PageContext& page,
                                  const std::vector<sql::MessageRecord>& messages) {
  Data data = Object{};
  Data& rows = new_list(data, "messages", messages.size());
  for (const auto& m : messages) {
    Data& row = add_row(rows);
    row.set("when", date(m.created_at) + " " + time_of_day(m.created_at) + " UTC");
    row.set("to", joined(m.to) + (m.cc.empty() ? "" : " (cc " + joined(m.cc) + ")"));
    row.set("subject", m.subject);
    row.set("status", std::string(to_string(m.status)));
    row.set("status_label", label(to_string(m.status)));
    if (m.status == domain::MessageStatus::failed || m.status == domain::MessageStatus::retrying)
      if (m.last_error) set_text(row, "last_error", *m.last_error);
  }
  if (!messages.empty()) data.set("has_messages", true);
  return page.render("sending/messages", data);
}

void add_document_sending_routes(PageRoutes& routes) {
  routes.add(http::Verb::get, "/estimates/{id}/send", kWriteCommercial,
             bind_handler(send_form, DocumentKind::estimate), "Estimate: the send form");
  routes.add(http::Verb::post, "/estimates/{id}/send", kWriteCommercial,
             bind_handler(send, DocumentKind::estimate),
             "Estimate: email it (a draft is sent), or mark a draft sent");
  routes.add(http::Verb::get, "/change-orders/{id}/send", kWriteCommercial,
             bind_handler(send_form, DocumentKind::change_order), "Change order: the send form");
  routes.add(http::Verb::post, "/change-orders/{id}/send", kWriteCommercial,
             bind_handler(send, DocumentKind::change_order),
             "Change order: email it (a draft is submitted), or mark a draft submitted");
  routes.add(http::Verb::get, "/pay-applications/{id}/send", kWriteCommercial,
             bind_handler(send_form, DocumentKind::pay_application),
             "Pay application: the send form");
  routes.add(http::Verb::post, "/pay-applications/{id}/send", kWriteCommercial,
             bind_handler(send, DocumentKind::pay_application),
             "Pay application: email it (a draft is submitted), or mark a draft submitted");
  routes.add(http::Verb::get, "/invoices/{id}/send", kWriteCommercial,
             bind_handler(send_form, DocumentKind::invoice), "Invoice: the send form");
  routes.add(http::Verb::post, "/invoices/{id}/send", kWriteCommercial,
             bind_handler(send, DocumentKind::invoice),
             "Invoice: email it (a draft is sent), or mark a draft sent");
}

}  // namespace construction::views
