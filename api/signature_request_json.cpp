#include "api/signature_request_json.hpp"

#include "api/api_error.hpp"
#include "api/field_reader.hpp"
#include "api/request.hpp"
#include "api/rfc3339.hpp"
#include "domain/hex.hpp"

namespace construction::api {

namespace {

std::optional<domain::SignerInput> read_signer(FieldReader& in, std::size_t) {
  in.require({"name", "email", "role"});
  auto name = in.string("name");
  auto email = in.string("email");
  auto role = in.string("role");
  in.finish();
  if (!name || !email || !role) return std::nullopt;
  return domain::SignerInput{*name, *email, *role};
}

void write_signer(JsonWriter& w, const sql::SignatureSignerRecord& s) {
  w.begin_object()
      .num("id", s.id)
      .str("name", s.name)
      .str("email", s.email)
      .str("role", to_string(s.role))
      .str("status", to_string(s.status))
      .opt_str("typed_name", s.typed_name)
      .opt_str("consent_version", s.consent_version)
      .opt_str("decided_at", rfc3339(s.decided_at))
      .opt_str("decline_reason", s.decline_reason)
      .end_object();
}

void write_event(JsonWriter& w, const sql::SignatureEventRecord& e) {
  w.begin_object()
      .str("type", to_string(e.type))
      .str("at", rfc3339(e.at))
      .opt_num("signer_id", e.signer_id)
      .str("ip", e.ip)
      .str("user_agent", e.user_agent)
      .str("detail", e.detail)
      .end_object();
}

std::optional<std::string> hex_of(const std::optional<std::string>& bytes) {
  if (!bytes) return std::nullopt;
  return domain::hex_digits(*bytes);
}

}  // namespace

operations::SignatureRequestForm read_signature_request_form(const JsonValue& body) {
  operations::SignatureRequestForm form;
  domain::FieldErrors errors;
  FieldReader in(body, errors);
  in.require({"signers"});
  form.signers = read_objects<domain::SignerInput>(in, "signers", domain::kMaxSigners, read_signer);
  if (in.has("message")) form.message = in.string("message").value_or("");
  if (auto day = in.nullable_date("expires_on"); day.value)
    form.expires_on = domain::iso_date(*day.value);
  in.finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return form;
}

void write_signature_request(JsonWriter& w, const sql::SignatureRequestRecord& r,
                             const std::vector<sql::SignatureSignerRecord>& signers,
                             const std::vector<sql::SignatureEventRecord>* events) {
  w.begin_object()
      .num("id", r.id)
      .str("document_kind", to_string(r.kind))
      .num("document_id", r.document_id)
      .num("document_version", r.document_version)
      .str("document_name", r.document_name)
      .num("amount_cents", r.amount_cents.value)
      .str("document_sha256", domain::hex_digits(r.pdf_sha256))
      .str("status", to_string(r.status))
      .str("status_reason", r.status_reason)
      .str("message", r.message)
      .str("expires_on", domain::iso_date(r.expires_on))
      .num("sent_by", r.sent_by)
      .str("created_at", rfc3339(r.created_at))
      .opt_str("ended_at", rfc3339(r.ended_at))
      .opt_str("completed_at", rfc3339(r.completed_at))
      .opt_str("sealed_sha256", hex_of(r.sealed_sha256));
  w.key("signers").begin_array();
  for (const auto& signer : signers) write_signer(w, signer);
  w.end_array();
  if (events) {
    w.key("events").begin_array();
    for (const auto& event : *events) write_event(w, event);
    w.end_array();
  }
  w.end_object();
}

std::string signature_request_json(const operations::SignatureRequest& r) {
  JsonWriter w;
  write_signature_request(w, r.request, r.signers);
  return std::move(w).text();
}

std::string signature_request_json(const operations::SignatureRequestDetail& d) {
  JsonWriter w(kListRowBytes * (d.events.size() + 2));
  write_signature_request(w, d.request, d.signers, &d.events);
  return std::move(w).text();
}

std::string signature_requests_json(const std::vector<operations::SignatureRequest>& requests) {
  JsonWriter w(kListRowBytes * (requests.size() + 1));
  w.begin_object().key("data").begin_array();
  for (const auto& r : requests) write_signature_request(w, r.request, r.signers);
  w.end_array().key("next_cursor").null().end_object();
  return std::move(w).text();
}

}  // namespace construction::api
