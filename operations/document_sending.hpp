// Sending a document by email (DESIGN.md, "Sending documents"): an
// estimate, a change order, a pay application or an invoice, to its
// project's client, as a PDF attached to a short message. One transaction
// does all of it: the document's own transition when it is a draft (the
// operations that send or submit it, reused: an estimate without lines is
// still refused), its PDF as it now stands (document_pdf), and the message
// queued in the outbox (queue_message). Any refusal rolls back every part:
// nothing is marked sent that was not queued, nothing queued that was not
// marked. A document past draft goes again unchanged (a copy to the
// lender); domain/document_sending.hpp says which states may go at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operations/document_pdfs.hpp"
#include "sql/connection.hpp"
#include "sql/message_store.hpp"

namespace construction::operations {

// A document that is sent: estimate, change order, pay application or
// invoice (a job cost report stays in the office), and its id.
struct SentRecord {
  DocumentKind kind = DocumentKind::invoice;
  std::int64_t id = 0;
};

// "invoice:12", as the outbox records it; parse_sent_record reads it back
// (nothing for anything else: "budget:1", "invoice:", "invoice:12x").
std::string record_name(SentRecord record);
std::optional<SentRecord> parse_sent_record(std::string_view name);

// What the sender typed. An empty `to` means the usual recipient, a subject
// or message not given the usual one.
struct SendingForm {
  std::vector<std::string> to, cc;
  std::optional<std::string> subject, message;
};

// The form as it opens.
struct SendingDraft {
  std::string document;         // "Invoice INV-003"
  bool draft = false;           // sending also marks it sent (submitted)
  std::vector<std::string> to;  // the usual recipient's email; none without one
  std::string subject, message;
  std::string project;   // "2026-020 Office fit-out"
  std::string reply_to;  // the sender's address: replies go there
};

// The usual recipient: the project's client's email; for a pay application
// the architect's, the client's when the project names no architect or its
// architect has no email.
// `sender_id`: the user who sends, whose name signs the message.
SendingDraft draft_sending(sql::Connection& db, std::int64_t org_id, SentRecord record,
                           std::int64_t sender_id);

struct SentDocument {
  std::int64_t message_id = 0;
  std::string document;  // "Invoice INV-003"
  std::vector<std::string> to;
  bool transitioned = false;  // it was a draft, and now is not
};

// The whole of sending, in one transaction. Refusals: not_found; the
// document's state (invalid_state: a declined estimate, a draft the
// transition refuses); invalid_fields naming "to" (no address given and the
// client has none, or a bad one), "cc", "subject" or "message".
SentDocument send_document(sql::Connection& db, std::int64_t org_id, SentRecord record,
                           std::int64_t sender_id, const SendingForm& form);

// A draft handed over without the product (by hand, at a meeting, through
// the owner's own portal): its transition alone (an estimate or invoice
// becomes sent, a change order or pay application submitted), in one
// transaction, and nothing queued. Refusals: not_found; invalid_state for a
// document past draft (there is nothing to mark: sending it again is a copy,
// which only email makes) or a draft its transition refuses (no lines).
// Returns the document's name, "Invoice INV-003".
std::string mark_sent(sql::Connection& db, std::int64_t org_id, SentRecord record);

// What was sent of the record, newest first; not_found when the record is
// not the organisation's.
std::vector<sql::MessageRecord> sent_messages(sql::Connection& db, std::int64_t org_id,
                                              SentRecord record);

// "a@b.example, c@d.example; e@f.example": the addresses of a form's field,
// split at commas, semicolons and white space.
std::vector<std::string> split_addresses(std::string_view text);

}  // namespace construction::operations
