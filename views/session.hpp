// The session cookie: who is logged in and when they were last seen, signed
// with HMAC-SHA256 under SECRET_KEY, so any worker on any host checks it
// without a query. A visitor who is not logged in has an anonymous session
// too (user 0): its nonce gives the log-in form its CSRF token. Logging in
// and out starts a new nonce, so a token (or a cookie planted before
// log-in) from before is worth nothing after.
//
//   session=<user>.<org>.<epoch>.<last seen, Unix s>.<nonce, 32 hex>.<HMAC, 64 hex>
//
// A session idle longer than kIdleSeconds is anonymous again; one in use is
// re-signed with a new "last seen" at most once a minute. Whether a logged-in
// session has ended (logged out, its user changed, past its lifetime) is its
// row's to say (operations/sessions.hpp), read with the member on each page,
// and the user's session epoch's: the member read compares the epoch sealed
// here with the user's, which every password, email, role or active change
// moves on (so a cookie from before opens nothing, row or no row).
// The CSRF token is HMAC(key, "csrf." + nonce): tied to the session, never
// stored.
//
// The device cookie marks a browser that has logged in to an account (the
// log-in throttle trusts it, operations/login_throttle.hpp):
//
//   device=<nonce, 32 hex>.<HMAC("device." + lower-case email + "." + nonce)>
//
// The email is signed, not shown: the cookie is checked against the email
// a log-in names, so it serves that account alone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_mac_ctx_st;  // OpenSSL's EVP_MAC_CTX

namespace construction::views {

inline constexpr std::string_view kSessionCookie = "session";
inline constexpr std::string_view kDeviceCookie = "device";
// A year, renewed at each log-in: a browser in use stays known.
inline constexpr std::int64_t kDeviceSeconds = 365 * 24 * 3600;
inline constexpr std::int64_t kIdleSeconds = 8 * 3600;
inline constexpr std::int64_t kRefreshSeconds = 60;

struct Session {
  std::int64_t user_id = 0;  // 0: not logged in
  std::int64_t org_id = 0;
  int epoch = 0;  // the user's session_epoch at log-in (0: not logged in)
  std::int64_t last_seen = 0;
  std::string nonce;
  bool logged_in() const { return user_id != 0; }
};

class SessionKeys {
 public:
  // Throws std::runtime_error when OpenSSL offers no HMAC-SHA256.
  explicit SessionKeys(const std::string& secret_key);

  // A new session (new nonce) for `user_id` (0: anonymous) at their session
  // `epoch`, seen `now`.
  Session start(std::int64_t user_id, std::int64_t org_id, int epoch, std::int64_t now) const;
  std::string cookie_value(const Session& session) const;
  // Nothing when the value is malformed, its signature wrong, or the session
  // idle too long.
  std::optional<Session> read(std::string_view cookie_value, std::int64_t now) const;

  std::string csrf_token(const Session& session) const;
  bool csrf_valid(const Session& session, std::string_view token) const;
  // The CSRF token of a signer's forms (views/signing_context.hpp): keyed
  // by the signer cookie's secret, as a staff form's is by the nonce.
  std::string signer_csrf_token(std::string_view signer_secret) const;
  bool signer_csrf_valid(std::string_view signer_secret, std::string_view token) const;

  // A new device cookie's value for a browser that logged in as `email`.
  std::string device_cookie_value(std::string_view email) const;
  // The nonce of a device cookie signed for `email` (its case ignored);
  // nothing when absent, malformed, or another account's.
  std::optional<std::string> device_of(std::string_view cookie_value, std::string_view email) const;

 private:
  std::string device_mac(std::string_view email, std::string_view nonce) const;
  std::string mac(std::string_view text) const;

  // HMAC-SHA256 keyed once: each mac() copies it, rather than looking the
  // algorithm up and hashing the key again (a third of a page's HMAC cost).
  std::shared_ptr<evp_mac_ctx_st> keyed_;
};

// The value of one cookie of a Cookie header; "" when absent.
std::string_view cookie(std::string_view header, std::string_view name);

}  // namespace construction::views
