// Signature requests in JSON (spec portal.md, "Signature requests"): the
// body that sends a document for signature, and how a request is written,
// with its signers and, for one request read alone, its events. Hashes go
// out as lowercase hex; instants as RFC 3339 in UTC (api/rfc3339.hpp).
#pragma once

#include <string>
#include <vector>

#include "api/json_value.hpp"
#include "api/json_writer.hpp"
#include "operations/signature_requests.hpp"

namespace construction::api {

// {"signers": [{"name", "email", "role"}], "message", "expires_on"}: the
// shape of each field checked here (422 naming it, all at once), the rules
// (an address twice, a role, a day in the past) by the operation, so the
// pages and the API refuse with the same words.
operations::SignatureRequestForm read_signature_request_form(const JsonValue& body);

// A request with its signers; `events` too when given (GET of one request).
void write_signature_request(JsonWriter& w, const sql::SignatureRequestRecord& request,
                             const std::vector<sql::SignatureSignerRecord>& signers,
                             const std::vector<sql::SignatureEventRecord>* events = nullptr);
std::string signature_request_json(const operations::SignatureRequest& request);
std::string signature_request_json(const operations::SignatureRequestDetail& detail);
// {"data": [...], "next_cursor": null}: a document has a handful of
// requests, never pages of them.
std::string signature_requests_json(const std::vector<operations::SignatureRequest>& requests);

}  // namespace construction::api
