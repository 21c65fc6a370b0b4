#include "operations/document_sending.hpp"

#include <charconv>

#include "documents/cover_letter.hpp"
#include "documents/estimate_pdf.hpp"
#include "domain/document_sending.hpp"
#include "domain/validation.hpp"
#include "operations/change_order_transitions.hpp"
#include "operations/estimate_transitions.hpp"
#include "operations/invoice_document.hpp"
#include "operations/outbox.hpp"
#include "operations/pay_application_transitions.hpp"
#include "operations/refusal.hpp"
#include "sql/change_order_store.hpp"
#include "sql/estimate_store.hpp"
#include "sql/invoice_store.hpp"
#include "sql/organisation_store.hpp"
#include "sql/party_store.hpp"
#include "sql/pay_application_store.hpp"
#include "sql/project_store.hpp"
#include "sql/transaction.hpp"
#include "sql/user_store.hpp"

namespace construction::operations {

namespace {

constexpr std::size_t kMessageChars = 5000;

struct KindName {
  DocumentKind kind;
  std::string_view record;  // "invoice"
};
constexpr KindName kKinds[] = {{DocumentKind::estimate, "estimate"},
                               {DocumentKind::change_order, "change_order"},
                               {DocumentKind::pay_application, "pay_application"},
                               {DocumentKind::invoice, "invoice"}};

// The document as sending needs it: what it is called, its project, whether
// it is a draft, and whether it may be sent at all.
struct Sendable {
  std::string kind_label;  // "Invoice"
  std::string number;      // "INV-003"
  std::int64_t project_id = 0;
  bool draft = false;
  std::optional<domain::InvalidState> refused;
};

template <class Record>
Sendable sendable(const std::optional<Record>& found, std::string kind_label, std::string number) {
  Sendable s{std::move(kind_label), std::move(number), found->project_id,
             found->status == decltype(found->status)::draft,
             domain::refuse_sending(found->status)};
  return s;
}

// Locked when `lock`, so that a void or a decline at the same moment is
// either before the send (which is then refused) or after it.
Sendable read_sendable(sql::Connection& db, std::int64_t org_id, SentRecord r, bool lock) {
  switch (r.kind) {
    case DocumentKind::estimate: {
      auto e = sql::find_estimate(db, org_id, r.id, lock);
      if (!e) break;
      Sendable s = sendable(e, "Estimate", documents::estimate_number(*e));
      if (e->revised_by_id)
        s.refused = domain::InvalidState{"This estimate was revised: send its revision, estimate " +
                                         std::to_string(*e->revised_by_id)};
      return s;
    }
    case DocumentKind::change_order: {
      auto o = sql::find_change_order(db, org_id, r.id, lock);
      if (o) return sendable(o, "Change order", o->fields.number);
      break;
    }
    case DocumentKind::pay_application: {
      auto a = sql::find_pay_application(db, org_id, r.id, lock);
      if (a) return sendable(a, "Pay application", "No. " + std::to_string(a->number));
      break;
    }
    case DocumentKind::invoice: {
      auto i = sql::find_invoice(db, org_id, r.id, lock);
      if (i) return sendable(i, "Invoice", i->fields.number);
      break;
    }
    case DocumentKind::job_cost_report:
      break;
  }
  throw not_found();
}

// The transition a draft takes when it is sent, by the operation that does
// it from its own button and route (a savepoint inside this transaction).
void leave_draft(sql::Connection& db, std::int64_t org_id, SentRecord r) {
  switch (r.kind) {
    case DocumentKind::estimate:
      transition_estimate(db, org_id, r.id, domain::EstimateAction::send);
      return;
    case DocumentKind::change_order:
      transition_change_order(db, org_id, r.id, domain::ChangeOrderAction::submit);
      return;
    case DocumentKind::pay_application:
      transition_pay_application(db, org_id, r.id, domain::PayApplicationAction::submit);
      return;
    case DocumentKind::invoice:
      transition_invoice(db, org_id, r.id, domain::InvoiceAction::send);
      return;
    case DocumentKind::job_cost_report:
      break;
  }
  throw not_found();
}

std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

struct Usual {
  std::string document;  // "Invoice INV-003"
  SendingDraft draft;
  sql::UserRecord sender;
};

// The email of the party the project names in `id`, "" for none.
std::string party_email(sql::Connection& db, std::int64_t org_id,
                        const std::optional<std::int64_t>& id) {
  if (!id) return "";
  auto party = sql::find_party(db, org_id, *id);
  return party ? party->fields.email : "";
}

// Who a document goes to: a pay application to the architect, who certifies
// it (AIA G702), else to the client; the client's address too when the
// project names no architect or its architect has no address.
std::string usual_recipient(sql::Connection& db, std::int64_t org_id, DocumentKind kind,
                            const sql::ProjectFields& project) {
  if (kind == DocumentKind::pay_application)
    if (std::string architect = party_email(db, org_id, project.architect_id); !architect.empty())
      return architect;
  return party_email(db, org_id, project.client_id);
}

Usual usual(sql::Connection& db, std::int64_t org_id, std::int64_t sender_id, DocumentKind kind,
            const Sendable& s) {
  auto project = sql::find_project(db, org_id, s.project_id);
  auto organisation = sql::find_organisation(db, org_id);
  auto sender = sql::find_user(db, org_id, sender_id);
  if (!project || !organisation || !sender) throw not_found();

  Usual u{s.kind_label + " " + s.number, {}, *sender};
  u.draft.document = u.document;
  u.draft.draft = s.draft;
  u.draft.project = project->fields.number + " " + project->fields.name;
  u.draft.reply_to = sender->email;
  if (std::string to = usual_recipient(db, org_id, kind, project->fields); !to.empty())
    u.draft.to.push_back(std::move(to));
  u.draft.subject = u.document + " from " + organisation->name + " \u2013 " + project->fields.name;
  u.draft.message = "Please find attached " + lowercase_first(u.document) + " for " +
                    project->fields.name + ".\n\nThank you,\n" + sender->name + "\n" +
                    organisation->name;
  return u;
}

void check_message(const std::string& message) {
  if (domain::count_characters(message) > kMessageChars)
    throw field_error("message",
                      "must be at most " + std::to_string(kMessageChars) + " characters");
}

}  // namespace

std::string record_name(SentRecord record) {
  for (const KindName& k : kKinds)
    if (k.kind == record.kind) return std::string(k.record) + ":" + std::to_string(record.id);
  throw not_found();
}

std::optional<SentRecord> parse_sent_record(std::string_view name) {
  auto colon = name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view digits = name.substr(colon + 1);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || id <= 0)
    return std::nullopt;
  for (const KindName& k : kKinds)
    if (k.record == name.substr(0, colon)) return SentRecord{k.kind, id};
  return std::nullopt;
}

SendingDraft draft_sending(sql::Connection& db, std::int64_t org_id, SentRecord record,
                           std::int64_t sender_id) {
  Sendable s = read_sendable(db, org_id, record, false);
  if (s.refused) throw invalid_state(s.refused->message);
  return usual(db, org_id, sender_id, record.kind, s).draft;
}

SentDocument send_document(sql::Connection& db, std::int64_t org_id, SentRecord record,
                           std::int64_t sender_id, const SendingForm& form) {
  sql::Transaction tx(db);
  Sendable s = read_sendable(db, org_id, record, true);
  if (s.refused) throw invalid_state(s.refused->message);
  Usual u = usual(db, org_id, sender_id, record.kind, s);
  OutgoingMessage m;
  m.to = form.to.empty() ? u.draft.to : form.to;
  if (m.to.empty())
    throw field_error("to", "the client has no email address: type the recipient's");
  m.cc = form.cc;
  m.subject = form.subject.value_or(u.draft.subject);
  std::string message = form.message.value_or(u.draft.message);
  check_message(message);

  if (s.draft) leave_draft(db, org_id, record);
  DocumentPdf pdf = document_pdf(db, org_id, record.kind, record.id);
  documents::CoverLetter letter = documents::cover_letter(message, pdf.filename);
  m.text = std::move(letter.text);
  m.html = std::move(letter.html);
  m.reply_to_name = u.sender.name;
  m.reply_to_address = u.sender.email;
  m.attachment = Attachment{pdf.filename, "application/pdf", std::move(pdf.bytes)};
  m.record = record_name(record);
  m.sent_by = sender_id;
  std::int64_t id = queue_message(db, org_id, m);
  tx.commit();
  return {id, u.document, m.to, s.draft};
}

std::string mark_sent(sql::Connection& db, std::int64_t org_id, SentRecord record) {
  sql::Transaction tx(db);
  Sendable s = read_sendable(db, org_id, record, true);
  if (s.refused) throw invalid_state(s.refused->message);
  // Past draft, the transition itself refuses, in its own words ("cannot
  // send an invoice that is sent (only from draft)").
  leave_draft(db, org_id, record);
  tx.commit();
  return s.kind_label + " " + s.number;
}

std::vector<sql::MessageRecord> sent_messages(sql::Connection& db, std::int64_t org_id,
                                              SentRecord record) {
  read_sendable(db, org_id, record, false);
  return list_messages(db, org_id, record_name(record));
}

std::vector<std::string> split_addresses(std::string_view text) {
  std::vector<std::string> addresses;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) addresses.push_back(std::move(current));
    current.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
      flush();
    else
      current += c;
  }
  flush();
  return addresses;
}

}  // namespace construction::operations
