#include "api/api_error.hpp"

#include "api/json_writer.hpp"

namespace construction::api {

ApiError bad_json(const std::string& problem) {
  return ApiError(400, "bad_json", "The body is not valid JSON: " + problem);
}

ApiError unauthorized(const std::string& message, bool invalid_token) {
  ApiError error(401, "unauthorized", message);
  std::string challenge = "Bearer realm=\"construction\"";
  if (invalid_token) challenge += ", error=\"invalid_token\"";
  error.headers.emplace_back("WWW-Authenticate", std::move(challenge));
  return error;
}

ApiError forbidden() {
  return ApiError(403, "forbidden", "Your role does not allow this");
}

ApiError not_found() {
  return ApiError(404, "not_found", "Not Found");
}

ApiError invalid_state(const std::string& message) {
  return ApiError(409, "invalid_state", message);
}

ApiError conflict(const std::string& message) {
  return ApiError(409, "conflict", message);
}

ApiError stale_version(int current_version) {
  return ApiError(412, "stale_version",
                  "The resource changed since you read it: it is at version " +
                      std::to_string(current_version) + "; read it again and retry");
}

ApiError unsupported_media_type() {
  return ApiError(415, "unsupported_media_type", "The body must be JSON (application/json)");
}

ApiError validation_failed(domain::FieldErrors fields) {
  return ApiError(422, "validation_failed", "Some fields are not valid", std::move(fields));
}

ApiError too_many_attempts(int retry_after_seconds) {
  ApiError error(
      429, "too_many_attempts",
      "Too many failed log-ins: try again in " + std::to_string(retry_after_seconds) + " seconds");
  error.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return error;
}

ApiError field_error(std::string_view field, std::string message) {
  domain::FieldErrors fields;
  fields.add(field, std::move(message));
  return validation_failed(std::move(fields));
}

ApiError from_refusal(const operations::Refusal& refusal) {
  using Kind = operations::Refusal::Kind;
  switch (refusal.kind) {
    case Kind::not_found:
      return not_found();
    case Kind::invalid_state:
      return invalid_state(refusal.what());
    case Kind::conflict:
      return conflict(refusal.what());
    case Kind::stale_version:
      return stale_version(refusal.current_version);
    case Kind::invalid_fields:
      break;
  }
  return validation_failed(refusal.fields);
}

std::string error_json(const ApiError& error) {
  JsonWriter w;
  w.begin_object().key("error").begin_object();
  w.str("code", error.code).str("message", error.what());
  if (!error.fields.empty()) {
    w.key("fields").begin_object();
    for (const auto& [field, message] : error.fields.fields()) w.str(field, message);
    w.end_object();
  }
  w.end_object().end_object();
  return std::move(w).text();
}

http::Response error_response(const ApiError& error) {
  http::Response res = http::json_response(error.status, error_json(error));
  for (const auto& [name, value] : error.headers) res.set(name, value);
  return res;
}

}  // namespace construction::api
