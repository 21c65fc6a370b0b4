// The document a signer reads, as HTML for a phone: the figures of the PDF
// they are asked to sign, prices only (a client never sees a cost, a
// markup or a margin, as on the PDF). An estimate and a change order:
// their lines (description, quantity, amount) and totals; a pay
// application: the G702 lines that make its current payment due. Read from
// the document itself: its version is the request's, since any change
// voids the request (operations/signing.hpp), so these are the figures of
// the stored PDF.
#pragma once

#include <cstdint>
#include <string>

#include "domain/signature_request.hpp"
#include "sql/connection.hpp"
#include "views/templates.hpp"

namespace construction::views {

std::string signing_figures(sql::Connection& db, const Templates& templates, std::int64_t org_id,
                            domain::SignedDocumentKind kind, std::int64_t document_id,
                            const std::string& document_name);

}  // namespace construction::views
