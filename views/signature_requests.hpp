// What a document's page shows of its signature requests
// (views/signature_request_pages.cpp has the form and the routes): the
// "Send for signature…" link where the document waits for its client's
// decision and the user may send, and the list of its requests, each with
// its signers' progress, the reason it ended, a Void button while open and,
// once completed, the sealed PDF's SHA-256 and a link to download it.
#pragma once

#include <string>
#include <vector>

#include "domain/role.hpp"
#include "domain/signature_request.hpp"
#include "operations/signature_requests.hpp"
#include "views/page_context.hpp"

namespace construction::views {

// "Send for signature…", a link to the form; "" where the document may not
// be sent for signature in this state (domain::refuse_signature_request) or
// by this user.
template <class Status>
std::string signature_link(const PageContext& page, operations::SignedDocumentRef document,
                           Status status);

// The document's requests, newest first; an empty state when there are none.
// The page reads them with its own reads, in one round trip (the queries
// below in its fetch_together), or has this read them (one more).
std::string signature_requests_section(const PageContext& page,
                                       const std::vector<sql::SignatureRequestRecord>& requests,
                                       const std::vector<sql::SignatureSignerRecord>& signers);
std::string signature_requests_section(PageContext& page, operations::SignedDocumentRef document);
sql::Query<std::vector<sql::SignatureRequestRecord>> signature_requests_query(
    const PageContext& page, operations::SignedDocumentRef document);
sql::Query<std::vector<sql::SignatureSignerRecord>> signature_signers_query(
    const PageContext& page, operations::SignedDocumentRef document);

// "/change-orders/12/signature-requests/new": the form's path.
std::string signature_form_path(operations::SignedDocumentRef document);

}  // namespace construction::views

template <class Status>
std::string construction::views::signature_link(const PageContext& page,
                                                operations::SignedDocumentRef document,
                                                Status status) {
  if (domain::refuse_signature_request(status) || !page.may(domain::Permission::write_commercial))
    return "";
  return page.render("signature_requests/link", Object{{"path", signature_form_path(document)}});
}
