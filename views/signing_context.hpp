// What a signer's page handler gets (/sign/{token}…, views/signing_pages.cpp),
// and the one place that does for every such answer what it must not forget.
// A signer is nobody's user: no staff session is read, made or re-signed
// here, and the staff layout (navigation, log-out) is not drawn.
//
//   - the link's token from the path, and the signer cookie's secret (the
//     one continue_signing gave; Path=/sign, HttpOnly, SameSite=Strict,
//     Secure behind HTTPS as the session cookie is);
//   - on every POST, a browser's own Sec-Fetch-Site: cross-site is refused
//     (403); on every POST but Continue, the form's CSRF token too: an HMAC
//     of the signer cookie's secret (views/session.hpp), so a form is good
//     for the browser that continued and for nothing else. Continue has no
//     secret yet; the link is in its path, which a page elsewhere cannot
//     know. Both are checked before anything is read: a 403 tells nothing;
//   - every failure of the link answers the same "This link is no longer
//     valid" page, 404, whatever failed (unknown, expired, voided,
//     declined, completed, another signer's cookie, a guessed id): nothing
//     in the answer tells whether something exists;
//   - Referrer-Policy: no-referrer (the token is in the path), no-store, the
//     staff pages' CSP and frame rules, on every answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/connection.hpp"
#include "sql/pool.hpp"
#include "views/page_context.hpp"
#include "worker/router.hpp"

namespace construction::views {

inline constexpr std::string_view kSignerCookie = "signer";

struct SigningContext {
  http::RequestContext& http;
  sql::Connection& db;
  const Views& views;
  std::string token;                 // the link's, from the path
  std::string secret;                // the signer cookie's ("" when none)
  Form form;                         // a POST's fields
  std::vector<std::string> cookies;  // Set-Cookie values to add

  std::string field(std::string_view name) const;
  // The signer's forms' CSRF token (needs the secret).
  std::string csrf() const { return views.keys.signer_csrf_token(secret); }
  // Who asks, for the events: the client address (after the trusted proxy
  // rule of worker/request_context.hpp) and the user agent.
  std::string client_address() const { return http.client_address; }
  std::string user_agent() const { return std::string(http.header("User-Agent")); }

  // The signer cookie for `value` (the secret continue_signing gave).
  void set_signer_cookie(const std::string& value);
  std::string render(std::string_view name, const Data& data) const {
    return views.templates->render(name, data);
  }
  // The signer's layout (signing/layout) around `main`.
  http::Response page(const std::string& title, const std::string& main,
                      unsigned status = 200) const;
  // 303 to `location`.
  http::Response redirect(const std::string& location) const;
  // The one answer to every failure.
  http::Response invalid() const;
  // 429 with Retry-After and `message`, on the signer's layout.
  http::Response limited(std::int64_t retry_after_seconds, const std::string& message) const;
};

using SigningHandler = std::function<http::Response(SigningContext&)>;

// Everything above around one handler.
http::Response serve_signing(http::RequestContext& http, sql::Pool& pool, const Views& views,
                             const SigningHandler& handler, bool needs_csrf);
// Referrer-Policy: no-referrer and the rest of the signer's headers, for an
// answer that is not a page (the PDF): it may be framed by the document
// page, and by nothing else.
void add_signing_file_headers(http::Response& res);

// The /sign routes (views/signing_pages.cpp), added to the Router itself:
// they bypass PageRoutes, which reads and signs the staff session.
void add_signing_routes(http::Router& router, sql::Pool& pool, const Views& views);

}  // namespace construction::views
