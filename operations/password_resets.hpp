// "Forgot your password?". Asking for a link gives the same answer, after
// the same work, whether or not an account has the address: the same
// throttle (operations/login_throttle.hpp, count_reset_request), a new
// token, one statement that writes the reset's row either way (for nobody
// when nobody has the address), the email worded and queued in the outbox
// in a savepoint, which is kept for an account and rolled back for nobody,
// and one commit. Sending is the mailer's, out of the request. The link holds 256 random bits, only
// their SHA-256 stored; it works for 30 minutes, once. Using it sets the new password and ends
// every sign-in of the user (sessions, cookies of every epoch before, API tokens) and every other
// open link of theirs, in one transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "operations/team_mail.hpp"
#include "sql/connection.hpp"
#include "sql/password_reset_store.hpp"

namespace construction::operations {

inline constexpr std::chrono::seconds kResetLifetime = std::chrono::minutes(30);
// Rows are kept a day (who asked for what, from where), then deleted.
inline constexpr std::chrono::seconds kKeepResets = std::chrono::hours(24);

struct ResetRequest {
  std::int64_t retry_after = 0;  // seconds; > 0: throttled, nothing done
};
// `email` as typed (the caller refuses what is not an address at all);
// `address` is the client's.
ResetRequest request_password_reset(sql::Connection& db, const std::string& email,
                                    const std::string& address, const LinkMail<ResetWording>& mail);
// Whose account an open link resets; nothing for any other token.
std::optional<sql::ResetTarget> open_reset(sql::Connection& db, std::string_view token);
// The user whose password is now `password`. invalid_fields (password);
// not_found when the token opens no reset (expired, used, never made).
sql::UserRecord reset_password(sql::Connection& db, std::string_view token,
                               const std::string& password);

}  // namespace construction::operations
