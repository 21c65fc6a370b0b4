// What a document's page shows of sending it (views/document_sending_pages.cpp
// has the form): the "Send…" link where the document may go and the user may
// send, and the list of what was sent, to whom, and how its delivery stands.
#pragma once

#include <string>

#include "operations/document_sending.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// "Send…", a link to the form; "" where it may not be sent (a declined
// estimate, a void invoice) or by this user (read-only roles).
template <class Status>
std::string send_link(const PageContext& page, operations::SentRecord record, Status status);

// The record's messages, newest first: when, to whom, subject, status (and
// the reason of a failure); an empty state when nothing was sent.
std::string sent_messages_section(PageContext& page, operations::SentRecord record);
// The same of messages read already (sql::messages_of_record_query, with the
// document, in the page's one round trip).
std::string sent_messages_section(const PageContext& page,
                                  const std::vector<sql::MessageRecord>& messages);
// The query of the record's messages, for a page's fetch_together.
sql::Query<std::vector<sql::MessageRecord>> sent_messages_query(const PageContext& page,
                                                                operations::SentRecord record);

// "/invoices/12": the document's own page.
std::string document_path(operations::SentRecord record);
// "/invoices/12/send": the form's path.
std::string send_path(operations::SentRecord record);

}  // namespace construction::views

#include "domain/document_sending.hpp"
#include "domain/role.hpp"

template <class Status>
std::string construction::views::send_link(const PageContext& page, operations::SentRecord record,
                                           Status status) {
  if (domain::refuse_sending(status) || !page.may(domain::Permission::write_commercial)) return "";
  return page.render("sending/link", Object{{"path", send_path(record)}});
}
