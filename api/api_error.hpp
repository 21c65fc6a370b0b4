// ApiError: a request refused, in the spec's shape
//   {"error": {"code": "…", "message": "…", "fields": {"name": "…"}}}
// Handlers throw it to stop at the first refusal (as userver's ClientError);
// the one catch is where the API's routes are wrapped (api/routes.cpp), which
// also answers the sql layer's typed errors that mean a conflict.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "domain/validation.hpp"
#include "operations/refusal.hpp"
#include "worker/http_types.hpp"

namespace construction::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(unsigned status, std::string code, std::string message, domain::FieldErrors fields = {})
      : std::runtime_error(message),
        status(status),
        code(std::move(code)),
        fields(std::move(fields)) {}

  unsigned status;
  std::string code;
  domain::FieldErrors fields;
  std::vector<std::pair<std::string, std::string>> headers;  // WWW-Authenticate, Retry-After
};

ApiError bad_json(const std::string& problem);  // 400
// 401 with the RFC 6750 challenge: `WWW-Authenticate: Bearer realm="construction"`,
// plus error="invalid_token" when a token was sent and is no good.
ApiError unauthorized(const std::string& message, bool invalid_token = false);
ApiError forbidden();                                    // 403
ApiError not_found();                                    // 404
ApiError invalid_state(const std::string& message);      // 409
ApiError conflict(const std::string& message);           // 409
ApiError stale_version(int current_version);             // 412
ApiError unsupported_media_type();                       // 415
ApiError validation_failed(domain::FieldErrors fields);  // 422
ApiError too_many_attempts(int retry_after_seconds);     // 429 + Retry-After
// One field refused: validation_failed with just that field.
ApiError field_error(std::string_view field, std::string message);

// An operation's refusal as the API answers it (404, 409, 412, 422).
ApiError from_refusal(const operations::Refusal& refusal);

std::string error_json(const ApiError& error);
http::Response error_response(const ApiError& error);

}  // namespace construction::api
